// Package digest is the weekly framing digest, one job per file: the view
// model filled from the named queries in queries/ (Build, digest.go),
// rendered as one self-contained HTML page, Markdown, plain text or JSON
// (Render, render.go), written to a file (WriteFile, file.go) and emailed
// (Mailer, mail.go). When it is built, written and sent is the
// application's business (app.WeeklyDigest, on digest.schedule).
package digest

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/storage"
)

// Baseline is how many earlier periods each figure is compared against.
const Baseline = 4

// SparkWeeks is how many periods, the current one included, the coverage
// sparkline shows.
const SparkWeeks = 12

// Digest is the view model: everything the templates show, and the JSON
// format. Every figure comes from the query named in the field's comment.
type Digest struct {
	Title       string          `json:"title"`
	Period      report.Period   `json:"period"`
	Previous    []report.Period `json:"previous"` // the baseline periods, oldest first
	Timezone    string          `json:"timezone"`
	Unit        string          `json:"unit"` // "week" for an ISO week, else "period"
	GeneratedAt time.Time       `json:"generated_at"`
	// Empty is true when nothing was published in the period: the digest
	// then says "no coverage" and shows only data quality.
	Empty       bool        `json:"empty"`
	Coverage    Coverage    `json:"coverage"`
	Frames      []FrameRow  `json:"frames"`       // frame_share, frame_examples
	FrameMovers []FrameRow  `json:"frame_movers"` // largest share changes
	Language    Language    `json:"language"`
	Outlets     []OutletRow `json:"outlets"` // outlet_summary
	Entities    Entities    `json:"entities"`
	Voices      Voices      `json:"whose_voices"`    // voices.go
	Praise      []StoryRow  `json:"worth_praising"`  // worth_praising
	Answer      []StoryRow  `json:"worth_answering"` // worth_answering
	Quality     Quality     `json:"data_quality"`
}

// Coverage is the coverage section (coverage_total, coverage_by_outlet).
type Coverage struct {
	Articles report.Change  `json:"articles"`
	Stories  report.Change  `json:"stories"`
	Outlets  int64          `json:"outlets"`
	Weekly   []WeekPoint    `json:"weekly"` // oldest first, the current period last
	ByOutlet []OutletVolume `json:"by_outlet"`
}

// WeekPoint is one period of the coverage sparkline.
type WeekPoint struct {
	Label    string `json:"label"`
	Articles int64  `json:"articles"`
	Stories  int64  `json:"stories"`
}

// OutletVolume is one outlet's coverage.
type OutletVolume struct {
	Outlet   string        `json:"outlet"`
	Articles report.Change `json:"articles"`
	Stories  report.Change `json:"stories"`
}

// FrameRow is one frame's share of the period's stories.
type FrameRow struct {
	Frame    string        `json:"frame"`
	Stories  int64         `json:"stories"`
	Share    report.Change `json:"share"` // fraction of stories, 0..1
	Examples []Headline    `json:"examples,omitempty"`
}

// Headline is a linked article.
type Headline struct {
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published_at"`
}

// Language is the language section (language_terms, language_by_outlet).
type Language struct {
	// Terms are the rules most used in journalists' own voice.
	Terms []TermRow `json:"terms"`
	// Quoted are rules found only or mostly in quoted speech, shown apart.
	Quoted   []TermRow     `json:"quoted"`
	ByOutlet []OutletTerms `json:"by_outlet"`
}

// TermRow is one language rule's use in the period.
type TermRow struct {
	Rule              string        `json:"rule"`
	Category          string        `json:"category"`
	Severity          string        `json:"severity"`
	Term              string        `json:"term"`
	JournalistStories report.Change `json:"journalist_stories"`
	JournalistUses    int64         `json:"journalist_uses"`
	QuotedStories     int64         `json:"quoted_stories"`
	QuotedUses        int64         `json:"quoted_uses"`
	Message           string        `json:"message"`
	Suggest           []string      `json:"suggest"`
}

// OutletTerms lists one outlet's most used flagged terms.
type OutletTerms struct {
	Outlet string       `json:"outlet"`
	Terms  []OutletTerm `json:"terms"`
}

// OutletTerm is one rule's use by one outlet.
type OutletTerm struct {
	Rule              string `json:"rule"`
	Term              string `json:"term"`
	JournalistStories int64  `json:"journalist_stories"`
	QuotedStories     int64  `json:"quoted_stories"`
}

// OutletRow is one outlet in the outlets section (outlet_summary).
type OutletRow struct {
	Outlet               string        `json:"outlet"`
	Articles             int64         `json:"articles"`
	Stories              report.Change `json:"stories"`
	StigmatisedStories   int64         `json:"stigmatised_stories"`
	StigmatisedShare     report.Change `json:"stigmatised_share"`
	DominantFrame        string        `json:"dominant_frame"`
	DominantFrameStories int64         `json:"dominant_frame_stories"`
}

// Entities are the names most in the news (entities_top).
type Entities struct {
	People        []EntityRow `json:"people"`
	Places        []EntityRow `json:"places"`
	Organisations []EntityRow `json:"organisations"`
}

// EntityRow is one name.
type EntityRow struct {
	Name     string `json:"name"`
	Stories  int64  `json:"stories"`
	Mentions int64  `json:"mentions"`
}

// StoryRow is one story in "worth praising" or "worth answering".
type StoryRow struct {
	StoryID  string   `json:"story_id"`
	Headline          // the story's first copy
	Copies   int64    `json:"copies"`
	Outlets  int64    `json:"outlets"`
	Frames   []string `json:"frames,omitempty"`
	Terms    []string `json:"terms,omitempty"`
	Punitive bool     `json:"punitive,omitempty"`
}

// Quality is the data-quality section (source_health, rulesets).
type Quality struct {
	Sources   []SourceRow  `json:"sources"` // sources with a problem only
	SourcesOK int          `json:"sources_ok"`
	Rulesets  []RulesetRow `json:"rulesets"`
	Untagged  int64        `json:"untagged_articles"`
}

// SourceRow is a source that failed or went quiet.
type SourceRow struct {
	Source     string    `json:"source"`
	Outlet     string    `json:"outlet"`
	Status     string    `json:"status"`
	Fetches    int64     `json:"fetches"`
	Failed     int64     `json:"failed"`
	LastError  string    `json:"last_error,omitempty"`
	Articles   int64     `json:"articles"`
	LastStored time.Time `json:"last_stored"`
	// FailingSince is when the source's current run of failed crawls
	// began (zero: it is not failing).
	FailingSince time.Time `json:"failing_since,omitzero"`
}

// RulesetRow is one ruleset version behind the period's tagging.
type RulesetRow struct {
	Ruleset  string `json:"ruleset"`
	Articles int64  `json:"articles"`
}

// Advice is a rule's message and alternatives (see report.Advice).
type Advice = report.Advice

// Options tune Build. The zero value gives the digest's defaults.
type Options struct {
	// Advice looks up a rule's advice when the stored match has none
	// (optional; cmd wires it to the rules in force).
	Advice func(rule string) (Advice, bool)
	// IncludeLow counts low-severity rules in the language figures.
	IncludeLow bool
	Now        time.Time // for GeneratedAt; zero means time.Now
	Title      string    // default "framewatch weekly digest"
}

// Sizes of the lists the digest shows.
const (
	termsShown       = 12
	perOutletTerms   = 5
	examplesPerFrame = 3
	moversShown      = 3
	entitiesPerKind  = 8
	storiesShown     = 5
)

// Build runs the digest's queries for p against st and fills the view model.
// An empty period is not an error: the digest has Empty set.
func Build(ctx context.Context, st *storage.Store, p report.Period, opt Options) (*Digest, error) {
	b := builder{ctx: ctx, st: st, opt: opt}
	d := &Digest{
		Title:       opt.Title,
		Period:      p,
		Previous:    p.Before(Baseline),
		Timezone:    p.Start.Location().String(),
		GeneratedAt: opt.Now,
	}
	d.Unit = "period"
	if strings.Contains(p.Label, "-W") {
		d.Unit = "week"
	}
	if d.Title == "" {
		d.Title = "framewatch weekly digest"
		if d.Unit != "week" {
			d.Title = "framewatch digest"
		}
	}
	if d.GeneratedAt.IsZero() {
		d.GeneratedAt = time.Now()
	}
	d.GeneratedAt = d.GeneratedAt.UTC().Truncate(time.Second)
	if err := b.coverage(d); err != nil {
		return nil, err
	}
	if d.Empty { // nothing published: only data quality is worth showing
		return d, b.quality(d)
	}
	// Each section fills its own fields of d from its own queries, so on a
	// store that runs reads at once the sections do too.
	steps := []func(*Digest) error{b.frames, b.language, b.outlets, b.voices, b.entities, b.stories, b.quality}
	errs := make([]error, len(steps))
	if st.ConcurrentReads() > 1 {
		var wg sync.WaitGroup
		for i, step := range steps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = step(d)
			}()
		}
		wg.Wait()
	} else {
		for i, step := range steps {
			if errs[i] = step(d); errs[i] != nil {
				break
			}
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return d, nil
}

type builder struct {
	ctx context.Context
	st  *storage.Store
	opt Options
}

// run runs query name for period p with extra parameters.
func (b builder) run(name string, p report.Period, extra map[string]string) (*report.Table, error) {
	params := p.Params()
	for k, v := range extra {
		params[k] = v
	}
	return report.Run(b.ctx, b.st, name, params)
}

// withBaseline runs query name for the period and every baseline period in
// one query (name_weekly, see weekly): the period's table, then the
// baseline's, oldest first.
func (b builder) withBaseline(name string, d *Digest, extra map[string]string) (*report.Table, []*report.Table, error) {
	all, err := b.weekly(name+"_weekly", append(append([]report.Period(nil), d.Previous...), d.Period), extra)
	if err != nil {
		return nil, nil, err
	}
	return all[len(all)-1], all[:len(all)-1], nil
}

// periods runs query name for each of ps at once (as many at a time as the
// store says are worth it: storage.Store.ConcurrentReads), the tables in the order of ps. The figures are those of running
// them one by one: each query reads only the store.
func (b builder) periods(name string, ps []report.Period, extra map[string]string) ([]*report.Table, error) {
	out := make([]*report.Table, len(ps))
	errs := make([]error, len(ps))
	sem := make(chan struct{}, b.st.ConcurrentReads())
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i], errs[i] = b.run(name, p, extra)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// weekly runs query name (NAME_weekly, which answers per period of its
// {bounds}: column period, 1 = the first) once for all of ps, and splits its
// rows into one table per period, in the order of ps: the tables NAME, the
// same query for one period, gives, in one round trip. Periods that do not
// follow one another run NAME one by one.
func (b builder) weekly(name string, ps []report.Period, extra map[string]string) ([]*report.Table, error) {
	bounds := make([]string, 0, len(ps)+1)
	for i, p := range ps {
		if i > 0 && !p.Start.Equal(ps[i-1].End) {
			return b.periods(strings.TrimSuffix(name, "_weekly"), ps, extra)
		}
		if i == 0 {
			bounds = append(bounds, p.Params()["week_start"])
		}
		bounds = append(bounds, p.Params()["week_end"])
	}
	params := map[string]string{"bounds": strings.Join(bounds, ",")}
	for k, v := range extra {
		params[k] = v
	}
	all, err := report.Run(b.ctx, b.st, name, params)
	if err != nil {
		return nil, err
	}
	return all.SplitBy("period", len(ps)), nil
}

// byKey collects a numeric column of every baseline table by a key column,
// with zero for periods where the key is absent.
func byKey(prev []*report.Table, key func(t *report.Table, i int) string, val func(t *report.Table, i int) float64) map[string][]float64 {
	m := map[string][]float64{}
	for pi, t := range prev {
		for i := 0; i < t.Len(); i++ {
			k := key(t, i)
			if m[k] == nil {
				m[k] = make([]float64, len(prev))
			}
			m[k][pi] = val(t, i)
		}
	}
	return m
}

// baseline returns the previous values for k, zeros when k never appeared.
func baseline(m map[string][]float64, k string, n int) []float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return make([]float64, n)
}

func (b builder) coverage(d *Digest) error {
	spark := append(d.Period.Before(SparkWeeks-1), d.Period)
	var arts, stories []float64
	weeks, err := b.weekly("coverage_total_weekly", spark, nil)
	if err != nil {
		return err
	}
	// A week with nothing published has no row in coverage_total_weekly (and a
	// row of zeros in coverage_total).
	first := func(t *report.Table, col string) int64 {
		if t.Len() == 0 {
			return 0
		}
		return t.Int(0, col)
	}
	for i, p := range spark {
		t := weeks[i]
		a, s := first(t, "articles"), first(t, "stories")
		d.Coverage.Weekly = append(d.Coverage.Weekly, WeekPoint{Label: p.Label, Articles: a, Stories: s})
		if i == len(spark)-1 {
			d.Coverage.Outlets = first(t, "outlets")
		} else if i >= len(spark)-1-Baseline {
			arts = append(arts, float64(a))
			stories = append(stories, float64(s))
		}
	}
	cur := d.Coverage.Weekly[len(d.Coverage.Weekly)-1]
	d.Coverage.Articles = report.Compare(float64(cur.Articles), arts)
	d.Coverage.Stories = report.Compare(float64(cur.Stories), stories)
	if cur.Articles == 0 {
		d.Empty = true
		return nil
	}
	t, prev, err := b.withBaseline("coverage_by_outlet", d, nil)
	if err != nil {
		return err
	}
	outlet := func(t *report.Table, i int) string { return t.Str(i, "outlet") }
	pa := byKey(prev, outlet, func(t *report.Table, i int) float64 { return t.Float(i, "articles") })
	ps := byKey(prev, outlet, func(t *report.Table, i int) float64 { return t.Float(i, "stories") })
	for i := 0; i < t.Len(); i++ {
		o := t.Str(i, "outlet")
		d.Coverage.ByOutlet = append(d.Coverage.ByOutlet, OutletVolume{
			Outlet:   o,
			Articles: report.Compare(t.Float(i, "articles"), baseline(pa, o, Baseline)),
			Stories:  report.Compare(t.Float(i, "stories"), baseline(ps, o, Baseline)),
		})
	}
	return nil
}

func (b builder) frames(d *Digest) error {
	t, prev, err := b.withBaseline("frame_share", d, nil)
	if err != nil {
		return err
	}
	frame := func(t *report.Table, i int) string { return t.Str(i, "frame") }
	ps := byKey(prev, frame, func(t *report.Table, i int) float64 { return t.Float(i, "share") })
	ex, err := b.run("frame_examples", d.Period, map[string]string{"per_frame": itoa(examplesPerFrame)})
	if err != nil {
		return err
	}
	examples := map[string][]Headline{}
	for i := 0; i < ex.Len(); i++ {
		f := ex.Str(i, "frame")
		examples[f] = append(examples[f], Headline{Title: ex.Str(i, "title"), URL: ex.Str(i, "url"),
			Outlet: ex.Str(i, "outlet"), Published: ex.Time(i, "published_at")})
	}
	seen := map[string]bool{}
	for i := 0; i < t.Len(); i++ {
		f := t.Str(i, "frame")
		seen[f] = true
		d.Frames = append(d.Frames, FrameRow{Frame: f, Stories: t.Int(i, "stories"),
			Share: report.Compare(t.Float(i, "share"), baseline(ps, f, Baseline)), Examples: examples[f]})
	}
	// A frame that vanished this week is a mover too.
	for f, v := range ps {
		if !seen[f] {
			d.Frames = append(d.Frames, FrameRow{Frame: f, Share: report.Compare(0, v)})
		}
	}
	sort.SliceStable(d.Frames, func(i, j int) bool {
		a, b := d.Frames[i], d.Frames[j]
		if a.Stories != b.Stories {
			return a.Stories > b.Stories
		}
		return a.Frame < b.Frame
	})
	movers := append([]FrameRow(nil), d.Frames...)
	sort.SliceStable(movers, func(i, j int) bool {
		return math.Abs(movers[i].Share.Delta) > math.Abs(movers[j].Share.Delta)
	})
	for _, m := range movers {
		if len(d.FrameMovers) == moversShown || math.Abs(m.Share.Delta) < 1e-9 {
			break
		}
		d.FrameMovers = append(d.FrameMovers, m)
	}
	return nil
}

func (b builder) language(d *Digest) error {
	low := "0"
	if b.opt.IncludeLow {
		low = "1"
	}
	t, prev, err := b.withBaseline("language_terms", d, map[string]string{"include_low": low, "limit": "1000"})
	if err != nil {
		return err
	}
	rule := func(t *report.Table, i int) string { return t.Str(i, "rule") }
	pj := byKey(prev, rule, func(t *report.Table, i int) float64 { return t.Float(i, "journalist_stories") })
	for i := 0; i < t.Len(); i++ {
		r := TermRow{
			Rule: t.Str(i, "rule"), Category: t.Str(i, "category"), Severity: t.Str(i, "severity"),
			Term:              t.Str(i, "term"),
			JournalistStories: report.Compare(t.Float(i, "journalist_stories"), baseline(pj, t.Str(i, "rule"), Baseline)),
			JournalistUses:    t.Int(i, "journalist_uses"),
			QuotedStories:     t.Int(i, "quoted_stories"),
			QuotedUses:        t.Int(i, "quoted_uses"),
			Message:           t.Str(i, "message"),
			Suggest:           t.Strs(i, "suggest"),
		}
		if (r.Message == "" || len(r.Suggest) == 0) && b.opt.Advice != nil {
			if a, ok := b.opt.Advice(r.Rule); ok {
				if r.Message == "" {
					r.Message = a.Message
				}
				if len(r.Suggest) == 0 {
					r.Suggest = a.Suggest
				}
			}
		}
		if r.JournalistUses > 0 && len(d.Language.Terms) < termsShown {
			d.Language.Terms = append(d.Language.Terms, r)
		}
		if r.QuotedUses > 0 && len(d.Language.Quoted) < termsShown {
			d.Language.Quoted = append(d.Language.Quoted, r)
		}
	}
	sort.SliceStable(d.Language.Quoted, func(i, j int) bool {
		return d.Language.Quoted[i].QuotedStories > d.Language.Quoted[j].QuotedStories
	})
	bo, err := b.run("language_by_outlet", d.Period, map[string]string{"include_low": low, "per_outlet": itoa(perOutletTerms)})
	if err != nil {
		return err
	}
	for i := 0; i < bo.Len(); i++ {
		o := bo.Str(i, "outlet")
		if n := len(d.Language.ByOutlet); n == 0 || d.Language.ByOutlet[n-1].Outlet != o {
			d.Language.ByOutlet = append(d.Language.ByOutlet, OutletTerms{Outlet: o})
		}
		last := &d.Language.ByOutlet[len(d.Language.ByOutlet)-1]
		last.Terms = append(last.Terms, OutletTerm{Rule: bo.Str(i, "rule"), Term: bo.Str(i, "term"),
			JournalistStories: bo.Int(i, "journalist_stories"), QuotedStories: bo.Int(i, "quoted_stories")})
	}
	return nil
}

func (b builder) outlets(d *Digest) error {
	t, prev, err := b.withBaseline("outlet_summary", d, nil)
	if err != nil {
		return err
	}
	outlet := func(t *report.Table, i int) string { return t.Str(i, "outlet") }
	ps := byKey(prev, outlet, func(t *report.Table, i int) float64 { return t.Float(i, "stories") })
	psh := byKey(prev, outlet, func(t *report.Table, i int) float64 { return t.Float(i, "stigmatised_share") })
	for i := 0; i < t.Len(); i++ {
		o := t.Str(i, "outlet")
		d.Outlets = append(d.Outlets, OutletRow{
			Outlet:               o,
			Articles:             t.Int(i, "articles"),
			Stories:              report.Compare(t.Float(i, "stories"), baseline(ps, o, Baseline)),
			StigmatisedStories:   t.Int(i, "stigmatised_stories"),
			StigmatisedShare:     report.Compare(t.Float(i, "stigmatised_share"), baseline(psh, o, Baseline)),
			DominantFrame:        t.Str(i, "dominant_frame"),
			DominantFrameStories: t.Int(i, "dominant_frame_stories"),
		})
	}
	return nil
}

func (b builder) entities(d *Digest) error {
	t, err := b.run("entities_top", d.Period, map[string]string{"per_kind": itoa(entitiesPerKind)})
	if err != nil {
		return err
	}
	for i := 0; i < t.Len(); i++ {
		e := EntityRow{Name: t.Str(i, "name"), Stories: t.Int(i, "stories"), Mentions: t.Int(i, "mentions")}
		switch t.Str(i, "kind") {
		case "people":
			d.Entities.People = append(d.Entities.People, e)
		case "places":
			d.Entities.Places = append(d.Entities.Places, e)
		default:
			d.Entities.Organisations = append(d.Entities.Organisations, e)
		}
	}
	return nil
}

func (b builder) stories(d *Digest) error {
	limit := map[string]string{"limit": itoa(storiesShown)}
	read := func(name string) ([]StoryRow, error) {
		t, err := b.run(name, d.Period, limit)
		if err != nil {
			return nil, err
		}
		var out []StoryRow
		for i := 0; i < t.Len(); i++ {
			s := StoryRow{
				StoryID: t.Str(i, "story_id"),
				Headline: Headline{Title: t.Str(i, "title"), URL: t.Str(i, "url"), Outlet: t.Str(i, "outlet"),
					Published: t.Time(i, "published_at")},
				Copies:  t.Int(i, "copies"),
				Outlets: t.Int(i, "outlets"),
			}
			if t.Index("frames") >= 0 {
				s.Frames = t.Strs(i, "frames")
				sort.Strings(s.Frames)
			}
			if t.Index("terms") >= 0 {
				s.Terms = t.Strs(i, "terms")
				sort.Strings(s.Terms)
				s.Punitive = t.Int(i, "punitive") == 1
			}
			out = append(out, s)
		}
		return out, nil
	}
	var err error
	if d.Praise, err = read("worth_praising"); err != nil {
		return err
	}
	d.Answer, err = read("worth_answering")
	return err
}

func (b builder) quality(d *Digest) error {
	d.Quality = Quality{}
	t, err := b.run("source_health", d.Period, nil)
	if err != nil {
		return err
	}
	for i := 0; i < t.Len(); i++ {
		if t.Str(i, "status") == "ok" {
			d.Quality.SourcesOK++
			continue
		}
		d.Quality.Sources = append(d.Quality.Sources, SourceRow{
			Source: t.Str(i, "source"), Outlet: t.Str(i, "outlet"), Status: t.Str(i, "status"),
			Fetches: t.Int(i, "fetches"), Failed: t.Int(i, "failed"), LastError: t.Str(i, "last_error"),
			Articles: t.Int(i, "articles"), LastStored: t.Time(i, "last_stored"),
		})
		if since := t.Time(i, "failing_since"); since.Unix() > 86400 {
			d.Quality.Sources[len(d.Quality.Sources)-1].FailingSince = since
		}
	}
	rs, err := b.run("rulesets", d.Period, nil)
	if err != nil {
		return err
	}
	var tagged int64
	for i := 0; i < rs.Len(); i++ {
		n := rs.Int(i, "articles")
		tagged += n
		d.Quality.Rulesets = append(d.Quality.Rulesets, RulesetRow{Ruleset: rs.Str(i, "ruleset"), Articles: n})
	}
	d.Quality.Untagged = int64(d.Coverage.Articles.Value) - tagged
	if d.Quality.Untagged < 0 {
		d.Quality.Untagged = 0
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
