package quality

import (
	"sort"

	"github.com/framewatch/framewatch/news"
)

// Tagger is what the scorers measure: the tagging engine, or anything that
// tags the same way.
type Tagger interface {
	Tag(news.Article) news.Tagging
	Ruleset() string
}

// Report is everything one evaluation measured. Its JSON form is the
// documented output of `framewatch eval --format json` (docs/labelling.md).
type Report struct {
	Ruleset  string         `json:"ruleset"`
	Style    string         `json:"style,omitempty"`
	Articles int            `json:"articles"`
	Terms    *TermReport    `json:"terms"`
	Frames   *FrameReport   `json:"frames"`
	Quotes   *QuoteReport   `json:"quotes"`   // quotes.go
	Entities *EntityReport  `json:"entities"` // entities.go
	Worst    []ArticleScore `json:"worst"`
	// Calibration suggests each frame's threshold and min_cues from the
	// labels (Options.Calibrate).
	Calibration []Calibration `json:"calibration,omitempty"`
}

// ArticleScore is one article's errors across every aspect, for the list
// of the articles the rules get most wrong.
type ArticleScore struct {
	ID       string   `json:"id"`
	File     string   `json:"file"`
	Errors   int      `json:"errors"`
	Problems []string `json:"problems"`
}

func (s *ArticleScore) problem(msg string) {
	s.Errors++
	s.Problems = append(s.Problems, msg)
}

// scorer measures one aspect of the tagging. article is called once per
// labelled article with what the tagger found, and notes the article's
// errors in as; finish writes the aspect's section of the report. Adding an
// aspect (quotes, speakers, entities) is adding a scorer to newScorers.
type scorer interface {
	article(a *Article, t news.Tagging, as *ArticleScore)
	finish(r *Report)
}

// newScorers builds a fresh set of scorers for one evaluation.
var newScorers = []func() scorer{
	func() scorer { return newTermScorer() },
	func() scorer { return newFrameScorer() },
	func() scorer { return newQuoteScorer() },
	func() scorer { return newEntityScorer() },
}

// Options change what Score reports.
type Options struct {
	// Worst is how many of the worst articles to list (0: none; negative:
	// all with at least one error).
	Worst int
	// Calibrate also fits each frame's threshold and min_cues to the
	// labels (for the dev half; never tune on a held-out half).
	Calibrate bool
	// Summary leaves out everything that quotes an article (the worst
	// list, missed and false flags, must-not violations): the figures of a
	// held-out half can be read without reading the half.
	Summary bool
}

// Score tags every article and measures the result against its labels.
func Score(t Tagger, arts []Article, opts Options) *Report {
	r := &Report{Ruleset: t.Ruleset(), Articles: len(arts), Worst: []ArticleScore{}}
	scs := make([]scorer, len(newScorers))
	for i, n := range newScorers {
		scs[i] = n()
	}
	if opts.Calibrate {
		scs = append(scs, newCalibrator())
	}
	var all []ArticleScore
	for i := range arts {
		a := &arts[i]
		tg := t.Tag(a.NewsArticle())
		as := ArticleScore{ID: a.ID, File: a.File, Problems: []string{}}
		for _, s := range scs {
			s.article(a, tg, &as)
		}
		if as.Errors > 0 {
			all = append(all, as)
		}
	}
	for _, s := range scs {
		s.finish(r)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Errors > all[j].Errors })
	switch {
	case opts.Worst < 0:
		r.Worst = append(r.Worst, all...)
	case opts.Worst > 0:
		r.Worst = append(r.Worst, all[:min(opts.Worst, len(all))]...)
	}
	if opts.Summary {
		r.Worst = []ArticleScore{}
		t := r.Terms
		t.Missed, t.FalseFlags, t.MustNot, t.Mentions.CountedAsUsage = []Flag{}, []Flag{}, []Flag{}, []Flag{}
		r.Quotes.Wrong = []QuoteFlag{}
		r.Entities.Missed, r.Entities.Extra = []string{}, []string{}
	}
	return r
}

// NewsArticle is the labelled article as the pipeline would see it.
func (a *Article) NewsArticle() news.Article {
	kind := a.Kind
	switch kind {
	case "opinion", "letter", "column":
		// The whole text is the author's voice (quotes.md 3.11).
		if kind == "column" {
			kind = "opinion"
		}
	default:
		kind = "news"
	}
	return news.Article{URL: "label://" + a.ID, Outlet: a.Outlet, Title: a.Title, Text: a.Text, Kind: kind, Lang: "en"}
}

// Count is one precision/recall tally. Recalled counts labels found,
// Correct counts findings that were labelled; they differ only when a
// finding and its label fall in different groups (categories, rules).
type Count struct {
	Labelled  int     `json:"labelled"`
	Found     int     `json:"found"`
	Recalled  int     `json:"recalled"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (c *Count) compute() {
	c.Precision = ratio(c.Correct, c.Found)
	c.Recall = ratio(c.Recalled, c.Labelled)
	c.F1 = f1(c.Precision, c.Recall)
}

// ratio is a/b, and 1 when there was nothing to get wrong.
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// location maps a match's location (headline, lead, body) to a label's.
func location(m news.Match) string {
	if m.Location == news.Headline {
		return Headline
	}
	return Body
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
