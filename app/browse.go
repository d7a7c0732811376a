package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/storage"
)

// The read-only use cases behind the web UI. Every view model here
// serialises to JSON as well as rendering to HTML.

// LatestDigest is the digest of the last complete week before now or, when
// nothing was published then, of the week holding the newest stored article
// (so a store fed only with older articles still shows its last week).
func (a *App) LatestDigest(ctx context.Context, now time.Time) (*digest.Digest, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	p, err := a.latestWeek(ctx, st, now)
	if err != nil {
		return nil, err
	}
	return digest.Build(ctx, st, p, digest.Options{Advice: a.Advice()})
}

// latestWeek is the last complete week before now or, when nothing was
// published then, the week holding the newest stored article.
func (a *App) latestWeek(ctx context.Context, st *storage.Store, now time.Time) (report.Period, error) {
	loc, err := a.Location()
	if err != nil {
		return report.Period{}, err
	}
	p := report.LastCompleteWeek(now, loc)
	cov, err := report.Run(ctx, st, "coverage_total", p.Params())
	if err != nil {
		return report.Period{}, err
	}
	if cov.Int(0, "articles") == 0 {
		t, err := report.Run(ctx, st, "latest_article", nil)
		if err != nil {
			return report.Period{}, err
		}
		if latest := t.Time(0, "latest"); latest.After(time.Unix(0, 0)) {
			y, w := latest.In(loc).ISOWeek()
			p = report.Week(y, w, loc)
		}
	}
	return p, nil
}

// WeekSummary is one ISO week that has coverage.
type WeekSummary struct {
	Label    string    `json:"label"` // 2026-W47
	Start    time.Time `json:"start"`
	Articles int64     `json:"articles"`
	Stories  int64     `json:"stories"` // summed over days: a story spanning days counts once a day
}

// DigestWeeks lists every ISO week with at least one article, newest first.
func (a *App) DigestWeeks(ctx context.Context) ([]WeekSummary, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := a.Location()
	if err != nil {
		return nil, err
	}
	t, err := report.Run(ctx, st, "article_days", map[string]string{"tz": loc.String()})
	if err != nil {
		return nil, err
	}
	byLabel := map[string]*WeekSummary{}
	var out []*WeekSummary
	for i := 0; i < t.Len(); i++ {
		d := t.Time(i, "day")
		y, w := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc).ISOWeek()
		p := report.Week(y, w, loc)
		ws := byLabel[p.Label]
		if ws == nil {
			ws = &WeekSummary{Label: p.Label, Start: p.Start}
			byLabel[p.Label] = ws
			out = append(out, ws)
		}
		ws.Articles += t.Int(i, "articles")
		ws.Stories += t.Int(i, "stories")
	}
	res := make([]WeekSummary, len(out))
	for i, ws := range out {
		res[len(out)-1-i] = *ws
	}
	return res, nil
}

// ArticleView is one stored article with what the rules found in it.
type ArticleView struct {
	URL       string            `json:"url"`
	Title     string            `json:"title"`
	Outlet    string            `json:"outlet"`
	Source    string            `json:"source"`
	Byline    string            `json:"byline,omitempty"`
	Kind      string            `json:"kind"`
	Published time.Time         `json:"published_at"`
	StoryID   string            `json:"story_id"`
	FeedOnly  bool              `json:"feed_only"`
	Text      string            `json:"text"`
	Ruleset   string            `json:"ruleset"` // of the tagging in force
	Matches   []news.Match      `json:"matches"`
	Quotes    []news.QuoteSpan  `json:"quotes"`
	Frames    []news.FrameScore `json:"frames"`
	Copies    []Copy            `json:"copies"` // syndicated copies of the story
}

// Copy is another stored article of the same story.
type Copy struct {
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title"`
	Published time.Time `json:"published_at"`
}

// ErrNotFound is returned for an article that is not stored.
var ErrNotFound = errors.New("not found")

// Article returns the stored article at url with its matches, quotes,
// frames, ruleset and syndicated copies.
func (a *App) Article(ctx context.Context, url string) (*ArticleView, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	views, err := a.articleViews(ctx, st, []string{url})
	if err != nil {
		return nil, err
	}
	v := views[url]
	if v == nil {
		return nil, ErrNotFound
	}
	f, err := report.Run(ctx, st, "article_frames", map[string]string{"url": url})
	if err != nil {
		return nil, err
	}
	for i := 0; i < f.Len(); i++ {
		v.Ruleset = cmpOr(v.Ruleset, f.Str(i, "ruleset"))
		v.Frames = append(v.Frames, news.FrameScore{Frame: f.Str(i, "frame"), Score: f.Float(i, "score"),
			Fired: f.Int(i, "fired") == 1, Strong: f.Int(i, "strong") == 1, Evidence: f.Strs(i, "evidence")})
	}
	c, err := report.Run(ctx, st, "story_copies", map[string]string{"story_id": v.StoryID, "url": url})
	if err != nil {
		return nil, err
	}
	for i := 0; i < c.Len(); i++ {
		v.Copies = append(v.Copies, Copy{URL: c.Str(i, "url"), Outlet: c.Str(i, "outlet"), Title: c.Str(i, "title"), Published: c.Time(i, "published_at")})
	}
	return v, nil
}

// articleViews reads what an example shows of each article at urls: its
// current version, its matches with their advice and its quote spans, in
// one read of matches and one of quotes for them all (a handout names up
// to MaxHandout examples). An article that is not stored has no entry.
func (a *App) articleViews(ctx context.Context, st *storage.Store, urls []string) (map[string]*ArticleView, error) {
	views := make(map[string]*ArticleView, len(urls))
	var stored []string
	for _, url := range urls {
		if _, seen := views[url]; seen {
			continue
		}
		art, ok, err := st.Article(ctx, url)
		if err != nil {
			return nil, err
		}
		if !ok {
			views[url] = nil
			continue
		}
		views[url] = &ArticleView{URL: art.URL, Title: art.Title, Outlet: art.Outlet, Source: art.Source, Byline: art.Byline,
			Kind: art.Kind, Published: art.PublishedAt, StoryID: art.StoryID, FeedOnly: art.FeedOnly, Text: art.Text,
			Matches: []news.Match{}, Quotes: []news.QuoteSpan{}, Frames: []news.FrameScore{}, Copies: []Copy{}}
		stored = append(stored, url)
	}
	if len(stored) == 0 {
		return views, nil
	}
	list, err := json.Marshal(stored)
	if err != nil {
		return nil, err
	}
	p := map[string]string{"urls": string(list)}
	m, err := report.Run(ctx, st, "article_matches", p)
	if err != nil {
		return nil, err
	}
	adv := a.Advice()
	for i := 0; i < m.Len(); i++ {
		v := views[m.Str(i, "url")]
		if v == nil {
			continue
		}
		v.Ruleset = m.Str(i, "ruleset")
		mm := news.Match{Rule: m.Str(i, "rule"), Category: m.Str(i, "category"),
			Severity: m.Str(i, "severity"), Text: m.Str(i, "text"), Start: int(m.Int(i, "start_offset")),
			End: int(m.Int(i, "end_offset")), InQuote: m.Int(i, "in_quote") == 1, Voice: m.Str(i, "voice"),
			Location: m.Str(i, "location"), Sentence: m.Str(i, "sentence"), Message: m.Str(i, "message"),
			Suggest: m.Strs(i, "suggest")}
		if adv != nil && (mm.Message == "" || len(mm.Suggest) == 0) {
			if ad, ok := adv(mm.Rule); ok {
				mm.Message = cmpOr(mm.Message, ad.Message)
				if len(mm.Suggest) == 0 {
					mm.Suggest = ad.Suggest
				}
			}
		}
		v.Matches = append(v.Matches, mm)
	}
	q, err := report.Run(ctx, st, "article_quotes", p)
	if err != nil {
		return nil, err
	}
	for i := 0; i < q.Len(); i++ {
		v := views[q.Str(i, "url")]
		if v == nil {
			continue
		}
		v.Quotes = append(v.Quotes, news.QuoteSpan{Location: q.Str(i, "location"), Start: int(q.Int(i, "start_offset")),
			End: int(q.Int(i, "end_offset")), Voice: q.Str(i, "voice"), Cue: q.Str(i, "cue"), Speaker: q.Str(i, "speaker"),
			Role: q.Str(i, "role"), Kind: q.Str(i, "kind")})
	}
	return views, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TrendOptions filter the trends. Empty strings mean all.
type TrendOptions struct {
	Outlet     string    `json:"outlet,omitempty"`
	OutletType string    `json:"outlet_type,omitempty"` // the sources' outlet_type from the config
	Rule       string    `json:"rule,omitempty"`
	Category   string    `json:"category,omitempty"`
	Voice      string    `json:"voice,omitempty"` // journalist, quote or any
	Weeks      int       `json:"weeks"`           // how many weeks up to the last complete one; 0 means 12
	Now        time.Time `json:"-"`
}

// Trends are weekly series, oldest week first.
type Trends struct {
	Options TrendOptions    `json:"options"`
	Weeks   []report.Period `json:"weeks"`
	Frames  []FrameTrend    `json:"frames"`
	Terms   []TermPoint     `json:"terms"` // one per week
}

// FrameTrend is one frame's share of stories per week.
type FrameTrend struct {
	Frame  string       `json:"frame"`
	Points []SharePoint `json:"points"` // one per week
}

// SharePoint is a frame's share in one week.
type SharePoint struct {
	Fired   int64   `json:"fired_stories"`
	Stories int64   `json:"stories"`
	Share   float64 `json:"share"` // 0..1
}

// TermPoint is the flagged-term count of one week.
type TermPoint struct {
	Flags   int64 `json:"flags"`
	Stories int64 `json:"stories"`
}

// Trends computes frame shares and flagged-term counts per week over the
// weeks before now.
func (a *App) Trends(ctx context.Context, opt TrendOptions) (*Trends, error) {
	switch opt.Voice {
	case "":
		opt.Voice = "any"
	case "any", "journalist", "quote":
	default:
		return nil, usagef("voice %q: want journalist, quote or any", opt.Voice)
	}
	if opt.Weeks <= 0 {
		opt.Weeks = 12
	}
	if opt.Weeks > 260 {
		return nil, usagef("weeks %d: at most 260", opt.Weeks)
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := a.Location()
	if err != nil {
		return nil, err
	}
	// The current, incomplete week is shown too: the newest point moves.
	y, w := now.In(loc).ISOWeek()
	cur := report.Week(y, w, loc)
	weeks := append(cur.Before(opt.Weeks-1), cur)
	tr := &Trends{Options: opt, Weeks: weeks, Terms: make([]TermPoint, len(weeks))}
	index := map[string]int{}
	for i, p := range weeks {
		index[p.Start.Format("2006-01-02")] = i
	}
	params := map[string]string{
		"tz": loc.String(), "since": weeks[0].Start.UTC().Format(time.RFC3339), "until": cur.End.UTC().Format(time.RFC3339),
		"outlet": opt.Outlet, "outlet_type": opt.OutletType,
	}
	f, err := report.Run(ctx, st, "trend_frames", params)
	if err != nil {
		return nil, err
	}
	// A frame that did not fire in a week still has a point there, 0 of
	// that week's stories; every frame of the rules in force has a line,
	// and so does one that fired under earlier rules in these weeks.
	stories := make([]int64, len(weeks))
	fired := map[string][]int64{}
	for i := 0; i < f.Len(); i++ {
		wi, ok := index[f.Time(i, "week").Format("2006-01-02")]
		if !ok {
			continue
		}
		stories[wi] = f.Int(i, "stories")
		if name := f.Str(i, "frame"); name != "" {
			if fired[name] == nil {
				fired[name] = make([]int64, len(weeks))
			}
			fired[name][wi] = f.Int(i, "fired_stories")
		}
	}
	rs, err := a.Rules()
	if err != nil {
		return nil, err
	}
	for _, fr := range rs.Frames {
		if fired[fr.ID] == nil {
			fired[fr.ID] = make([]int64, len(weeks))
		}
	}
	for name, n := range fired {
		ft := FrameTrend{Frame: name, Points: make([]SharePoint, len(weeks))}
		for wi := range weeks {
			pt := SharePoint{Fired: n[wi], Stories: stories[wi]}
			if pt.Stories > 0 {
				pt.Share = float64(pt.Fired) / float64(pt.Stories)
			}
			ft.Points[wi] = pt
		}
		tr.Frames = append(tr.Frames, ft)
	}
	sort.Slice(tr.Frames, func(i, j int) bool { return tr.Frames[i].Frame < tr.Frames[j].Frame })
	params["rule"], params["category"], params["voice"] = opt.Rule, opt.Category, opt.Voice
	tt, err := report.Run(ctx, st, "trend_terms", params)
	if err != nil {
		return nil, err
	}
	for i := 0; i < tt.Len(); i++ {
		if wi, ok := index[tt.Time(i, "week").Format("2006-01-02")]; ok {
			tr.Terms[wi] = TermPoint{Flags: tt.Int(i, "flags"), Stories: tt.Int(i, "stories")}
		}
	}
	return tr, nil
}

// RuleView is one language rule as the Rules page shows it.
type RuleView struct {
	ID        string   `json:"id"`
	Category  string   `json:"category"`
	Severity  string   `json:"severity"`
	Match     []string `json:"match"`
	Message   string   `json:"message"`
	Suggest   []string `json:"suggest"`
	Rationale string   `json:"rationale,omitempty"`
	Source    string   `json:"source,omitempty"`
	Tests     []string `json:"tests"` // texts it must match
	NoMatch   []string `json:"no_match"`
	Uses      int64    `json:"uses"`    // matches in the last 4 weeks
	Stories   int64    `json:"stories"` // distinct stories with a match, last 4 weeks
}

// FrameView is one framing rule as the Rules page shows it.
type FrameView struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Source      string   `json:"source,omitempty"`
	Threshold   float64  `json:"threshold"`
	Cues        []string `json:"cues"`
	Tests       int      `json:"tests"`
	Stories     int64    `json:"stories"` // stories where it fired, last 4 weeks
}

// RulesOverview is every rule and frame in force with how often each fired.
type RulesOverview struct {
	Ruleset string      `json:"ruleset"`
	Since   time.Time   `json:"since"`
	Rules   []RuleView  `json:"rules"`
	Frames  []FrameView `json:"frames"`
}

// Rules4Weeks is how far back the Rules page counts.
const Rules4Weeks = 28 * 24 * time.Hour

// RulesOverview lists the rules in force with their fired counts over the
// 4 weeks before now.
func (a *App) RulesOverview(ctx context.Context, now time.Time) (*RulesOverview, error) {
	rs, err := a.Rules()
	if err != nil {
		return nil, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	since := now.Add(-Rules4Weeks).UTC().Truncate(time.Hour)
	t, err := report.Run(ctx, st, "rule_counts", map[string]string{"since": since.Format(time.RFC3339), "until": now.UTC().Add(time.Hour).Format(time.RFC3339)})
	if err != nil {
		return nil, err
	}
	uses, stories := map[string]int64{}, map[string]int64{}
	for i := 0; i < t.Len(); i++ {
		k := t.Str(i, "kind") + ":" + t.Str(i, "id")
		uses[k], stories[k] = t.Int(i, "uses"), t.Int(i, "stories")
	}
	o := &RulesOverview{Ruleset: rs.Hash, Since: since}
	for _, r := range rs.Rules {
		v := RuleView{ID: r.ID, Category: r.Category, Severity: r.Severity, Match: r.Match, Message: r.Message,
			Suggest: r.Suggest, Rationale: r.Rationale, Source: r.Source, Tests: []string{}, NoMatch: []string{},
			Uses: uses["rule:"+r.ID], Stories: stories["rule:"+r.ID]}
		for _, m := range r.Tests.Match {
			v.Tests = append(v.Tests, cmpOr(m.Text, m.Headline))
		}
		for _, m := range r.Tests.NoMatch {
			v.NoMatch = append(v.NoMatch, cmpOr(m.Text, m.Headline))
		}
		o.Rules = append(o.Rules, v)
	}
	for _, f := range rs.Frames {
		v := FrameView{ID: f.ID, Name: f.Name, Description: f.Description, Source: f.Source, Threshold: f.Threshold,
			Tests: len(f.Tests.Fired) + len(f.Tests.NotFired), Stories: stories["frame:"+f.ID]}
		for _, c := range f.Cues {
			v.Cues = append(v.Cues, c.ID)
		}
		o.Frames = append(o.Frames, v)
	}
	return o, nil
}

// SourceHealth is one configured source's health over the last 4 weeks.
type SourceHealth struct {
	Source         string    `json:"source"`
	Outlet         string    `json:"outlet"`
	Kind           string    `json:"kind"`
	URL            string    `json:"url"`
	Status         string    `json:"status"` // ok, some failures, quiet, failing, not crawled
	Fetches        int64     `json:"fetches"`
	Failed         int64     `json:"failed"`
	LastError      string    `json:"last_error,omitempty"`
	Articles       int64     `json:"articles"`
	ArticlesPerDay float64   `json:"articles_per_day"`
	LastSuccess    time.Time `json:"last_success"` // last fetch that stored an article; zero: never
	// FailingSince is when the source's current run of failed crawls
	// began (source_state), set only once it has lasted FailingAfter.
	FailingSince time.Time `json:"failing_since,omitzero"`
}

// Sources reports each recorded source's health over the 28 days before now.
func (a *App) Sources(ctx context.Context, now time.Time) ([]SourceHealth, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	start := now.Add(-Rules4Weeks)
	t, err := report.Run(ctx, st, "source_health", map[string]string{
		"week_start": start.UTC().Format(time.RFC3339), "week_end": now.UTC().Add(time.Second).Format(time.RFC3339)})
	if err != nil {
		return nil, err
	}
	out := []SourceHealth{}
	for i := 0; i < t.Len(); i++ {
		h := SourceHealth{Source: t.Str(i, "source"), Outlet: t.Str(i, "outlet"), Kind: t.Str(i, "kind"), URL: t.Str(i, "url"),
			Status: t.Str(i, "status"), Fetches: t.Int(i, "fetches"), Failed: t.Int(i, "failed"), LastError: t.Str(i, "last_error"),
			Articles: t.Int(i, "articles")}
		h.ArticlesPerDay = float64(h.Articles) / 28
		if ls := t.Time(i, "last_stored"); ls.After(time.Unix(0, 0)) {
			h.LastSuccess = ls
		}
		if fs := t.Time(i, "failing_since"); fs.Unix() > 86400 && now.Sub(fs) > FailingAfter {
			h.FailingSince = fs
		}
		out = append(out, h)
	}
	return out, nil
}

// CheckOptions are a text to check: a draft pasted in, or a URL to fetch.
type CheckOptions struct {
	Text     string
	URL      string
	MaxBytes int // texts longer than this are refused; 0 means 100 KB
}

// Check tags a draft or a fetched page with the rules in force without
// storing anything: the reframing tool.
func (a *App) Check(ctx context.Context, opt CheckOptions) (TagResult, error) {
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = 100 << 10
	}
	eng, err := a.Tagger(false)
	if err != nil {
		return TagResult{}, err
	}
	var art news.Article
	switch {
	case opt.URL != "" && opt.Text != "":
		return TagResult{}, usagef("give a text or a URL, not both")
	case opt.URL != "":
		if !strings.HasPrefix(opt.URL, "http://") && !strings.HasPrefix(opt.URL, "https://") {
			return TagResult{}, usagef("the URL must start with http:// or https://")
		}
		art, err = a.readDocument(ctx, opt.URL, nil)
		if err != nil {
			return TagResult{}, usagef("fetching %s: %v", opt.URL, err)
		}
		cut := len(art.Text) > limit
		if cut {
			art.Text = strings.ToValidUTF8(art.Text[:limit], "")
		}
		res := tagResult(opt.URL, art, eng.Tag(art))
		res.Truncated = cut
		return res, nil
	case strings.TrimSpace(opt.Text) == "":
		return TagResult{}, usagef("paste a text to check")
	case len(opt.Text) > limit:
		return TagResult{}, usagef("the text is %d KB; the most this checks is %d KB", len(opt.Text)>>10, limit>>10)
	default:
		art, err = documentArticle("draft", "", []byte(opt.Text), false)
		if err != nil {
			return TagResult{}, usage(err)
		}
	}
	return tagResult(opt.URL, art, eng.Tag(art)), nil
}

// ExampleRef names one example: a match of a rule at an offset of an
// article, or with no rule the quote starting there (the explorer's
// speaker-role view). Its string form location:start:rule:url is the
// example's permalink and how a handout lists its examples.
type ExampleRef struct {
	URL      string
	Rule     string
	Location string
	Start    int
}

func (r ExampleRef) String() string {
	return fmt.Sprintf("%s:%d:%s:%s", r.Location, r.Start, r.Rule, r.URL)
}

// ParseExampleRef reads the string form of an ExampleRef.
func ParseExampleRef(s string) (ExampleRef, error) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) != 4 {
		return ExampleRef{}, usagef("example %q: want location:offset:rule:url", s)
	}
	var r ExampleRef
	if _, err := fmt.Sscanf(parts[1], "%d", &r.Start); err != nil || r.Start < 0 {
		return ExampleRef{}, usagef("example %q: bad offset", s)
	}
	r.Location, r.Rule, r.URL = parts[0], parts[2], parts[3]
	switch r.Location {
	case news.Headline, news.Lead, news.Body:
	default:
		return ExampleRef{}, usagef("example %q: location must be headline, lead or body", s)
	}
	return r, nil
}

// MaxHandout is the most examples one handout lists.
const MaxHandout = 100

// Handout gathers the named examples, in the order given, for trainers: a
// handout built from a permalink, nothing written to the store. Examples
// whose article or match is no longer stored are left out and counted.
func (a *App) Handout(ctx context.Context, title string, refs []ExampleRef) (examples.Handout, int, error) {
	if len(refs) > MaxHandout {
		return examples.Handout{}, 0, usagef("a handout lists at most %d examples, not %d", MaxHandout, len(refs))
	}
	if title == "" {
		title = "Examples for trainers"
	}
	h := examples.Handout{Title: title, Examples: []examples.Example{}}
	st, err := a.Store(ctx)
	if err != nil {
		return h, 0, err
	}
	urls := make([]string, len(refs))
	for i, ref := range refs {
		urls[i] = ref.URL
	}
	articles, err := a.articleViews(ctx, st, urls)
	if err != nil {
		return h, 0, err
	}
	missing := 0
	for _, ref := range refs {
		ex, ok := exampleOf(articles[ref.URL], ref)
		if !ok {
			missing++
			continue
		}
		h.Examples = append(h.Examples, ex)
	}
	return h, missing, nil
}

// Example returns the one example ref names.
func (a *App) Example(ctx context.Context, ref ExampleRef) (examples.Example, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return examples.Example{}, err
	}
	articles, err := a.articleViews(ctx, st, []string{ref.URL})
	if err != nil {
		return examples.Example{}, err
	}
	ex, ok := exampleOf(articles[ref.URL], ref)
	if !ok {
		return examples.Example{}, ErrNotFound
	}
	return ex, nil
}

func exampleOf(v *ArticleView, ref ExampleRef) (examples.Example, bool) {
	if v == nil {
		return examples.Example{}, false
	}
	if ref.Rule == "" {
		return quoteExampleOf(v, ref)
	}
	for _, m := range v.Matches {
		if m.Rule != ref.Rule || m.Location != ref.Location || m.Start != ref.Start {
			continue
		}
		e := examples.Example{Rule: m.Rule, Category: m.Category, Severity: m.Severity, Message: m.Message,
			Suggest: m.Suggest, Matched: m.Text, Headline: v.Title, URL: v.URL, Outlet: v.Outlet,
			Published: v.Published, StoryID: v.StoryID, Voice: m.Voice, InQuote: m.InQuote, Location: m.Location, Start: m.Start}
		text := v.Text
		if m.Location == news.Headline {
			text = v.Title
		}
		e.Before, e.Pre, e.Matched, e.Post, e.After = examples.Context(text, m.Start, m.End, m.Text, m.Sentence)
		if len(e.Suggest) > 0 {
			e.Rewrite, _ = examples.Rewrite(e.Pre, e.Matched, e.Post, e.Suggest[0])
		}
		return e, true
	}
	return examples.Example{}, false
}

// quoteExampleOf is the quote ref names, as the speaker-role view lists it.
func quoteExampleOf(v *ArticleView, ref ExampleRef) (examples.Example, bool) {
	for _, q := range v.Quotes {
		if q.Location != ref.Location || q.Start != ref.Start {
			continue
		}
		text := v.Text
		if q.Location == news.Headline {
			text = v.Title
		}
		e := examples.Example{Headline: v.Title, URL: v.URL, Outlet: v.Outlet, Published: v.Published, StoryID: v.StoryID,
			Voice: q.Voice, InQuote: q.Kind != "reported", Location: q.Location,
			Speaker: q.Speaker, SpeakerRole: q.Role, Cue: q.Cue}
		return e, e.SetQuote(text, q.Start, q.End)
	}
	return examples.Example{}, false
}

// DataVersion changes whenever anything the read-only views show may have
// changed (queries/data_version.sql), so a caller can keep what it built
// from the store while it stays the same.
func (a *App) DataVersion(ctx context.Context) (string, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return "", err
	}
	t, err := report.Run(ctx, st, "data_version", nil)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, c := range []string{"articles", "article_tags", "superseded_taggings", "superseded_articles", "crawl_log", "sources", "generations", "generation"} {
		fmt.Fprintf(&b, "%d/", t.Int(0, c))
	}
	if rs, err := a.Rules(); err == nil {
		b.WriteString(rs.Hash) // the advice a digest shows comes from the rules in force
	}
	return b.String(), nil
}
