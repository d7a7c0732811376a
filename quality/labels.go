// Package quality scores the rules in force against hand-labelled articles:
// it loads labels in the corpus shape (docs/labelling.md), tags every
// article with an engine and compares what the engine found with what a
// careful reader labelled. Each aspect (language terms, frames, …) has its
// own scorer, so a new aspect is a new file, not a change to the others.
package quality

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Article is one labelled article (the shape is fixed: docs/labelling.md).
type Article struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Outlet     string          `json:"outlet,omitempty"`
	OutletType string          `json:"outlet_type,omitempty"`
	Nation     string          `json:"nation,omitempty"`
	Kind       string          `json:"kind,omitempty"`
	Text       string          `json:"text"`
	Terms      []Term          `json:"terms"`
	MustNot    []MustNot       `json:"must_not"`
	Frames     map[string]bool `json:"frames"`
	Quotes     []Quote         `json:"quotes"`
	Entities   []Entity        `json:"entities"`

	// File is where the article was read from ("dev-001.json", or
	// "labels.json[3]"), for messages.
	File string `json:"-"`
}

// Term is one labelled occurrence of stigmatising language.
type Term struct {
	Text       string `json:"text"`
	Occurrence int    `json:"occurrence"`
	Location   string `json:"location,omitempty"`
	Category   string `json:"category"`
	Rule       string `json:"rule,omitempty"`
	InQuote    bool   `json:"in_quote"`
	Voice      string `json:"voice"`
}

// MustNot is a phrase no language rule may flag; Occurrence 0 is every one.
type MustNot struct {
	Text       string `json:"text"`
	Occurrence int    `json:"occurrence"`
	Location   string `json:"location,omitempty"`
	Why        string `json:"why,omitempty"`
}

// Quote is one labelled quotation (scored by the quotes scorer, when there
// is one; loaded and checked here so a labelling slip is found early).
type Quote struct {
	Text       string `json:"text"`
	Occurrence int    `json:"occurrence"`
	Location   string `json:"location,omitempty"`
	Kind       string `json:"kind"`
	Speaker    string `json:"speaker"`
	Role       string `json:"role"`
}

// Entity is one labelled named entity.
type Entity struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Locations of a labelled span.
const (
	Headline = "headline"
	Body     = "body"
)

// Voices of a labelled term. Mention and title are not usage: they are
// labelled so the scorer can check they are kept out of the figures.
const (
	VoiceJournalist = "journalist"
	VoiceQuote      = "quote"
	VoiceMention    = "mention"
	VoiceTitle      = "title"
)

// CoreFrames must be labelled true or false in every article.
var CoreFrames = []string{
	"punitive", "rehabilitative", "episodic", "thematic",
	"sensationalist", "victim_centred", "racial_disparity", "lived_experience",
}

// Categories are the term categories (rules.Categories, repeated so the
// labels can be checked without loading a ruleset).
var Categories = []string{
	"people", "prison", "dehumanising", "drugs", "mental_health", "suicide", "race",
	"immigration", "young_people", "sex_work", "vawg", "victims", "disability",
}

var (
	outletTypes = []string{"national", "regional", "broadcast", "trade", "campaign"}
	nations     = []string{"england", "scotland", "wales", "northern_ireland", "uk"}
	kinds       = []string{"news", "court_report", "opinion", "letter", "live_blog", "statistics", "broadcast",
		"feature", "prison_newspaper", "column", "analysis"}
	quoteKinds = []string{"direct", "partial", "reported"}
	roles      = []string{"police", "prosecutor", "judge", "defence", "politician", "official", "justice_staff",
		"victim_family", "charity", "expert", "lived_experience", "other", "unknown"}
	entityTypes = []string{"PERSON", "PLACE", "ORG", "PRISON", "COURT", "POLICE"}
)

// Error is one problem in a label file: the file, the field path
// ("terms[2].occurrence") and what is wrong.
type Error struct {
	File  string
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Field + ": " + e.Msg
}

// Errors is every problem found in a folder, in file order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Load reads a folder of labels: one labels.json holding an array of
// articles, or one <id>.json per article. Every problem in every file is
// reported (as Errors), not just the first.
func Load(dir string) ([]Article, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return loadFile(dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "labels.json")); err == nil {
		return loadFile(filepath.Join(dir, "labels.json"))
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no label files (*.json or labels.json)", dir)
	}
	sort.Strings(paths)
	var out []Article
	var errs Errors
	for _, p := range paths {
		a, err := loadArticle(p)
		if err != nil {
			errs = appendErr(errs, err)
			continue
		}
		out = append(out, a)
	}
	errs = append(errs, checkIDs(out)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func appendErr(errs Errors, err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return append(errs, es...)
	}
	var e *Error
	if errors.As(err, &e) {
		return append(errs, e)
	}
	return append(errs, &Error{Msg: err.Error()})
}

func loadArticle(path string) (Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Article{}, err
	}
	return parseArticle(filepath.Base(path), data)
}

// parseArticle decodes and checks one article's labels.
func parseArticle(name string, data []byte) (Article, error) {
	var a Article
	if err := decodeStrict(data, &a); err != nil {
		return Article{}, &Error{File: name, Msg: describeJSONError(data, err)}
	}
	a.File = name
	if errs := a.check(); len(errs) > 0 {
		return Article{}, errs
	}
	return a, nil
}

func loadFile(path string) ([]Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &Error{File: name, Msg: describeJSONError(data, err) + " (labels.json holds an array of articles)"}
	}
	var out []Article
	var errs Errors
	for i, r := range raw {
		var a Article
		file := fmt.Sprintf("%s[%d]", name, i)
		if err := decodeStrict(r, &a); err != nil {
			errs = append(errs, &Error{File: file, Msg: describeJSONError(r, err)})
			continue
		}
		a.File = file
		if a.ID != "" {
			a.File = fmt.Sprintf("%s[%d] (%s)", name, i, a.ID)
		}
		if e := a.check(); len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		out = append(out, a)
	}
	errs = append(errs, checkIDs(out)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// decodeStrict rejects unknown keys: a misspelt "occurence" must not
// silently turn into occurrence 0.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value in the file")
	}
	return nil
}

// describeJSONError adds the line and column to a decoding error.
func describeJSONError(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		if te.Field != "" {
			return fmt.Sprintf("%s: %s is %s, want %s", lineCol(data, off), te.Field, te.Value, te.Type)
		}
	}
	if off < 0 {
		return err.Error()
	}
	return lineCol(data, off) + ": " + err.Error()
}

func lineCol(data []byte, off int64) string {
	off = min(off, int64(len(data)))
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d col %d", line, col)
}

func checkIDs(arts []Article) Errors {
	var errs Errors
	seen := map[string]string{}
	for _, a := range arts {
		if f, dup := seen[a.ID]; dup {
			errs = append(errs, &Error{File: a.File, Field: "id", Msg: fmt.Sprintf("%q is also the id of %s", a.ID, f)})
		}
		seen[a.ID] = a.File
	}
	return errs
}

// check validates one article's labels.
func (a *Article) check() Errors {
	var errs Errors
	bad := func(field, format string, args ...any) {
		errs = append(errs, &Error{File: a.File, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(a.ID) == "" {
		bad("id", "missing")
	}
	if strings.TrimSpace(a.Title) == "" {
		bad("title", "missing")
	}
	if strings.TrimSpace(a.Text) == "" {
		bad("text", "missing")
	}
	oneOf := func(field, v string, allowed []string) {
		if v != "" && !contains(allowed, v) {
			bad(field, "%q is not one of %s", v, strings.Join(allowed, ", "))
		}
	}
	oneOf("outlet_type", a.OutletType, outletTypes)
	oneOf("nation", a.Nation, nations)
	oneOf("kind", a.Kind, kinds)
	for i := range a.Terms {
		t := &a.Terms[i]
		f := fmt.Sprintf("terms[%d]", i)
		if t.Location == "" {
			t.Location = Body
		}
		a.checkSpan(f, t.Text, t.Occurrence, t.Location, false, bad)
		if !contains(Categories, t.Category) {
			bad(f+".category", "%q is not one of %s", t.Category, strings.Join(Categories, ", "))
		}
		switch t.Voice {
		case VoiceJournalist:
			if t.InQuote {
				bad(f+".in_quote", "true, but voice is journalist (the writer's own words are never in quotes)")
			}
		case VoiceQuote:
			if !t.InQuote {
				bad(f+".in_quote", "false, but voice is quote")
			}
		case VoiceMention, VoiceTitle:
		case "":
			bad(f+".voice", "missing (journalist, quote, mention or title)")
		default:
			bad(f+".voice", "%q is not one of journalist, quote, mention, title", t.Voice)
		}
	}
	for i := range a.MustNot {
		m := &a.MustNot[i]
		if m.Location == "" {
			m.Location = Body
		}
		a.checkSpan(fmt.Sprintf("must_not[%d]", i), m.Text, m.Occurrence, m.Location, true, bad)
	}
	var missing []string
	for _, f := range CoreFrames {
		if _, ok := a.Frames[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		bad("frames", "no label for %s (each of the 8 core frames is labelled true or false)", strings.Join(missing, ", "))
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		f := fmt.Sprintf("quotes[%d]", i)
		if q.Location == "" {
			q.Location = Body
		}
		a.checkSpan(f, q.Text, max(q.Occurrence, 1), q.Location, false, bad)
		oneOf(f+".kind", q.Kind, quoteKinds)
		if q.Kind == "" {
			bad(f+".kind", "missing (direct, partial or reported)")
		}
		oneOf(f+".role", q.Role, roles)
	}
	for i, e := range a.Entities {
		f := fmt.Sprintf("entities[%d]", i)
		if strings.TrimSpace(e.Name) == "" {
			bad(f+".name", "missing")
		}
		if !contains(entityTypes, e.Type) {
			bad(f+".type", "%q is not one of %s", e.Type, strings.Join(entityTypes, ", "))
		}
	}
	return errs
}

// checkSpan checks that text occurs at least occurrence times in the
// location (occurrence 0 allowed only where zeroOK: "every occurrence").
func (a *Article) checkSpan(field, text string, occurrence int, location string, zeroOK bool, bad func(string, string, ...any)) {
	if location != Headline && location != Body {
		bad(field+".location", "%q is not headline or body", location)
		return
	}
	if text == "" {
		bad(field+".text", "missing")
		return
	}
	if occurrence < 0 || occurrence == 0 && !zeroOK {
		bad(field+".occurrence", "%d; occurrences count from 1 (the nth time the text appears in the %s)", occurrence, location)
		return
	}
	if n := strings.Count(a.source(location), text); n == 0 {
		bad(field+".text", "%q does not occur in the %s (matching is case-sensitive)", text, location)
	} else if occurrence > n {
		bad(field+".occurrence", "%d, but %q occurs %d time(s) in the %s", occurrence, text, n, location)
	}
}

func (a *Article) source(location string) string {
	if location == Headline {
		return a.Title
	}
	return a.Text
}

// Span is a byte range of the title (headline) or the text (body).
type Span struct {
	Location   string
	Start, End int
}

func (s Span) overlaps(o Span) bool {
	return s.Location == o.Location && s.Start < o.End && o.Start < s.End
}

// spanOf finds the occurrence-th (1-based) appearance of text.
func (a *Article) spanOf(text string, occurrence int, location string) (Span, bool) {
	src := a.source(location)
	from := 0
	for k := 1; ; k++ {
		i := strings.Index(src[from:], text)
		if i < 0 {
			return Span{}, false
		}
		if k == occurrence {
			return Span{location, from + i, from + i + len(text)}, true
		}
		from += i + 1
	}
}

// spansOf finds every appearance of text (for must_not with occurrence 0).
func (a *Article) spansOf(text string, occurrence int, location string) []Span {
	if occurrence > 0 {
		if s, ok := a.spanOf(text, occurrence, location); ok {
			return []Span{s}
		}
		return nil
	}
	var out []Span
	for k := 1; ; k++ {
		s, ok := a.spanOf(text, k, location)
		if !ok {
			return out
		}
		out = append(out, s)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
