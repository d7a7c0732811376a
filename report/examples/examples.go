// Package examples finds real sentences where a rule fired, with the
// sentence before and after, the rule's advice and a suggested rewrite, for
// journalism trainers. Find reads them through queries/examples.sql (which
// matches make the page) and examples_text.sql (what they say); Write
// renders them as Markdown (for slides), CSV (for spreadsheets), JSON or a
// self-contained HTML handout.
package examples

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/rules"
	"github.com/framewatch/framewatch/storage"
)

// Filter selects examples. Empty strings mean "any".
type Filter struct {
	Rule       string
	Category   string
	Frame      string // only articles carrying this frame
	Outlet     string
	OutletType string    // the source's outlet_type from the config
	Since      time.Time // zero: from the beginning
	Until      time.Time // exclusive; zero: no end
	Voice      string    // journalist, quote or any ("" = any)
	Location   string    // headline, lead, body or any ("" = any)
	Search     string    // case-insensitive, in the sentence or the match
	Limit      int       // 0: DefaultLimit
	Offset     int       // examples to skip (pagination)
	AllCopies  bool      // one example per article instead of per story
	// SpeakerRole switches to quotes: what speakers of this role said
	// (quotes.go). Rule, Category and Voice do not apply to quotes.
	SpeakerRole string
}

// DefaultLimit is how many examples Find returns without a limit.
const DefaultLimit = 50

// Params validates f and renders it as the parameters of examples.sql.
// Every value travels as a typed, escaped literal: none can change the SQL.
func (f Filter) Params() (map[string]string, error) {
	voice, loc := strings.ToLower(f.Voice), strings.ToLower(f.Location)
	if voice == "" {
		voice = "any"
	}
	if loc == "" {
		loc = "any"
	}
	switch voice {
	case "journalist", "quote", "any":
	default:
		return nil, fmt.Errorf("--voice %q: want journalist, quote or any", f.Voice)
	}
	if f.SpeakerRole != "" {
		if !isRole(f.SpeakerRole) {
			return nil, fmt.Errorf("--speaker-role %q: want one of %s", f.SpeakerRole, strings.Join(rules.Roles, ", "))
		}
		if f.Rule != "" || f.Category != "" || voice != "any" {
			return nil, fmt.Errorf("--speaker-role lists quotes: it does not combine with --rule, --category or --voice")
		}
	}
	switch loc {
	case "headline", "lead", "body", "any":
	default:
		return nil, fmt.Errorf("--location %q: want headline, lead, body or any", f.Location)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	since, until := f.Since, f.Until
	if since.IsZero() {
		since = time.Unix(0, 0)
	}
	if until.IsZero() {
		until = time.Date(2105, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	all := "0"
	if f.AllCopies {
		all = "1"
	}
	return map[string]string{
		"rule": f.Rule, "category": f.Category, "frame": f.Frame, "outlet": f.Outlet, "outlet_type": f.OutletType,
		"since": since.UTC().Format(time.RFC3339), "until": until.UTC().Format(time.RFC3339),
		"voice": voice, "location": loc, "search": f.Search,
		"all_copies": all, "limit": strconv.Itoa(limit), "role": f.SpeakerRole, "offset": strconv.Itoa(max(f.Offset, 0)),
	}, nil
}

// Example is one match in its context: the view model of every format.
type Example struct {
	Rule     string   `json:"rule"`
	Category string   `json:"category"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Suggest  []string `json:"suggest"`

	Matched string `json:"matched"` // the text as written
	Before  string `json:"before"`  // the sentence before
	Pre     string `json:"pre"`     // the sentence up to the match
	Post    string `json:"post"`    // the sentence after the match
	After   string `json:"after"`   // the sentence after
	// Rewrite is the sentence with the match replaced by the first
	// alternative; empty when that would not be grammatical.
	Rewrite string `json:"rewrite,omitempty"`

	Headline  string    `json:"headline"`
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published_at"`
	StoryID   string    `json:"story_id"`
	Voice     string    `json:"voice"`
	InQuote   bool      `json:"in_quote"`
	Location  string    `json:"location"`
	// Speaker and SpeakerRole are set on quote examples (--speaker-role).
	Speaker     string `json:"speaker,omitempty"`
	SpeakerRole string `json:"speaker_role,omitempty"`
	Cue         string `json:"cue,omitempty"`
	Start       int    `json:"start"` // byte offset of the match in the headline or text: with URL, Rule and Location it names the example
}

// Sentence is the whole sentence holding the match.
func (e Example) Sentence() string { return e.Pre + e.Matched + e.Post }

// firstWindow is the newest slice of the period examples.sql looks in
// first, for each page of depth (page 20 starts 20 days back); each retry
// looks windowGrowth times further back. A day of a million-article
// archive holds thousands of stories, a page needs 50.
const (
	firstWindow  = 24 * time.Hour
	windowGrowth = 4
)

// newestMatch anchors the first window at the period's newest match (an
// open period ends in 2105). Raw matches, not current_matches: the anchor
// only decides where to look first, never what is found, and one column
// of the table is read in milliseconds where the view takes seconds.
const newestMatch = `SELECT max(published_at) AS newest FROM matches
WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}`

// findPage finds the page's matches (examples.sql) over a newest-first
// window of the period, widening it until the page is full or the window
// is the whole period, then reads what they say (pageText). A page of the
// window is the page of the whole period: every story whose chosen copy is
// in the window is a candidate there, its choice is made over all its
// copies in the period, and stories chosen before the window all sort
// after it. At a million articles this reads a day's matches instead of
// sorting the year's; the copies are read from the earliest copy of the
// window's stories (lookback), a few days more.
func findPage(ctx context.Context, st *storage.Store, params map[string]string) (*report.Table, error) {
	since, err := time.Parse(time.RFC3339, params["since"])
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(ctx, newestMatch, params)
	if err != nil {
		return nil, fmt.Errorf("examples: newest match: %w", err)
	}
	newest := (&report.Table{Rows: rows}).Time(0, "newest")
	limit, _ := strconv.Atoi(params["limit"])
	offset, _ := strconv.Atoi(params["offset"])
	pages := time.Duration(1)
	if limit > 0 {
		pages += time.Duration(offset / limit)
	}
	for span := firstWindow * pages; ; span *= windowGrowth {
		w := since
		if span < newest.Sub(since) {
			w = newest.Add(-span)
		}
		whole := w.Equal(since)
		params["window_start"] = w.UTC().Format(time.RFC3339)
		look, found, err := lookback(ctx, st, params, since, w)
		if err != nil {
			return nil, err
		}
		if !found && !whole {
			continue // no story in this window: a wider one
		}
		params["lookback_start"] = look.UTC().Format(time.RFC3339)
		page, err := report.Run(ctx, st, "examples", params)
		if err != nil {
			return nil, err
		}
		if page.Len() >= limit || whole {
			return pageText(ctx, st, page)
		}
	}
}

// pageText reads the sentences, advice and article text of a page's
// matches (examples_text.sql) and returns them in the page's order, one
// row each. A match gone between the two reads (a retag switched
// generations) is left out.
func pageText(ctx context.Context, st *storage.Store, page *report.Table) (*report.Table, error) {
	type key struct {
		url, location, rule string
		start               int64
	}
	rules, times, urls := make([]string, page.Len()), make([]string, page.Len()), make([]string, page.Len())
	pub := page.Index("published_at")
	for i := range page.Len() {
		rules[i], urls[i] = page.Str(i, "rule"), page.Str(i, "url")
		p, _ := page.Data[i][pub].(time.Time) // as stored, also the epoch
		times[i] = p.UTC().Format(time.RFC3339)
	}
	if page.Len() == 0 { // the arrays would be empty, which 18.16 cannot type
		rules, times, urls = []string{""}, []string{time.Unix(0, 0).UTC().Format(time.RFC3339)}, []string{""}
	}
	ru, err := json.Marshal(rules)
	if err != nil {
		return nil, err
	}
	ur, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	t, err := report.Run(ctx, st, "examples_text", map[string]string{
		"rules": string(ru), "times": strings.Join(times, ","), "urls": string(ur)})
	if err != nil {
		return nil, err
	}
	byKey := make(map[key][]any, t.Len())
	for i := range t.Len() {
		byKey[key{t.Str(i, "url"), t.Str(i, "location"), t.Str(i, "rule"), t.Int(i, "start_offset")}] = t.Data[i]
	}
	data := make([][]any, 0, page.Len())
	for i := range page.Len() {
		if row, ok := byKey[key{page.Str(i, "url"), page.Str(i, "location"), page.Str(i, "rule"), page.Int(i, "start_offset")}]; ok {
			data = append(data, row)
		}
	}
	t.Data = data
	return t, nil
}

// lookback is where examples.sql reads copies from for the window starting
// at w: since for the whole period; w itself with one example per article
// (an article's current rows share its published_at, so its copy is in
// the window or not at all); else the earliest copy of the window's
// stories (examples_lookback), never before since. found is false when
// the window holds no story the filters select.
func lookback(ctx context.Context, st *storage.Store, params map[string]string, since, w time.Time) (time.Time, bool, error) {
	if w.Equal(since) {
		return since, true, nil
	}
	if params["all_copies"] == "1" {
		return w, true, nil
	}
	t, err := report.Run(ctx, st, "examples_lookback", params)
	if err != nil {
		return time.Time{}, false, err
	}
	if t.Int(0, "stories") == 0 {
		return w, false, nil
	}
	first := t.Time(0, "first_published")
	if first.Before(since) {
		first = since
	}
	if first.After(w) { // every copy is in the window, which is read anyway
		first = w
	}
	return first, true, nil
}

// Find returns the examples f selects, newest first. advice (optional)
// supplies the message and alternatives of matches stored without them.
func Find(ctx context.Context, st *storage.Store, f Filter, advice func(rule string) (report.Advice, bool)) ([]Example, error) {
	params, err := f.Params()
	if err != nil {
		return nil, err
	}
	if f.SpeakerRole != "" {
		return findQuotes(ctx, st, params)
	}
	t, err := findPage(ctx, st, params)
	if err != nil {
		return nil, err
	}
	out := make([]Example, 0, t.Len())
	for i := 0; i < t.Len(); i++ {
		e := Example{
			Rule: t.Str(i, "rule"), Category: t.Str(i, "category"), Severity: t.Str(i, "severity"),
			Message: t.Str(i, "message"), Suggest: t.Strs(i, "suggest"), Matched: t.Str(i, "matched"),
			Headline: t.Str(i, "title"), URL: t.Str(i, "url"), Outlet: t.Str(i, "outlet"),
			Published: t.Time(i, "published_at"), StoryID: t.Str(i, "story_id"), Voice: t.Str(i, "voice"),
			InQuote: t.Int(i, "in_quote") == 1, Location: t.Str(i, "location"), Start: int(t.Int(i, "start_offset")),
		}
		if (e.Message == "" || len(e.Suggest) == 0) && advice != nil {
			if a, ok := advice(e.Rule); ok {
				if e.Message == "" {
					e.Message = a.Message
				}
				if len(e.Suggest) == 0 {
					e.Suggest = a.Suggest
				}
			}
		}
		text := t.Str(i, "article_text")
		if e.Location == "headline" {
			text = e.Headline
		}
		e.Before, e.Pre, e.Matched, e.Post, e.After = Context(text, int(t.Int(i, "start_offset")),
			int(t.Int(i, "end_offset")), e.Matched, t.Str(i, "sentence"))
		if len(e.Suggest) > 0 {
			e.Rewrite, _ = Rewrite(e.Pre, e.Matched, e.Post, e.Suggest[0])
		}
		out = append(out, e)
	}
	return out, nil
}
