package tag

import (
	"fmt"
	"strings"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// Failure is one rule or frame test that did not come out as written.
type Failure struct {
	Pos rules.Pos
	ID  string // rule or frame id
	Msg string
}

func (f Failure) String() string { return fmt.Sprintf("%s: %s: %s", f.Pos, f.ID, f.Msg) }

// CheckResult counts what Check ran.
type CheckResult struct {
	Tests    int
	Failures []Failure
}

// Check runs the tests: written into every rule and frame of the engine's
// ruleset. Each test text is tagged as an article body (its headline too
// when the test gives one) with the whole ruleset, so a test also catches
// interference between rules, such as a shared exception.
func (e *Engine) Check() CheckResult {
	var res CheckResult
	fail := func(p rules.Pos, id, format string, args ...any) {
		res.Failures = append(res.Failures, Failure{p, id, fmt.Sprintf(format, args...)})
	}
	for _, r := range e.rs.Rules {
		// Every rule needs both kinds of example (issue 5): a rule that is
		// never shown a legitimate use will flag it.
		if len(r.Tests.Match) == 0 {
			fail(r.Pos, r.ID, "no tests: match: example (a text the rule must flag)")
		}
		if len(r.Tests.NoMatch) == 0 {
			fail(r.Pos, r.ID, "no tests: no_match: example (a text the rule must not flag)")
		}
		for _, t := range r.Tests.Match {
			res.Tests++
			ms := ruleMatchesIn(e.Tag(news.Article{Title: t.Headline, Text: t.Text}), r.ID)
			if len(ms) == 0 {
				fail(t.Pos, r.ID, "no match in %q", short(t.Headline+" "+t.Text))
				continue
			}
			var m *news.Match
			for i := range ms {
				if t.Span == "" || ms[i].Text == t.Span || strings.Join(strings.Fields(ms[i].Text), " ") == t.Span {
					m = &ms[i]
					break
				}
			}
			if m == nil {
				fail(t.Pos, r.ID, "expected span %q, matched %s", t.Span, texts(ms))
				continue
			}
			if t.Location != "" && m.Location != t.Location {
				fail(t.Pos, r.ID, "%q: location %s, want %s", m.Text, m.Location, t.Location)
			}
			if t.InQuote != nil && m.InQuote != *t.InQuote {
				fail(t.Pos, r.ID, "%q: in_quote %v, want %v", m.Text, m.InQuote, *t.InQuote)
			}
			if t.Voice != "" && m.Voice != t.Voice {
				fail(t.Pos, r.ID, "%q: voice %s, want %s", m.Text, m.Voice, t.Voice)
			}
		}
		for _, t := range r.Tests.NoMatch {
			res.Tests++
			if ms := usesIn(ruleMatchesIn(e.Tag(news.Article{Title: t.Headline, Text: t.Text}), r.ID)); len(ms) > 0 {
				fail(t.Pos, r.ID, "unexpected match %s in %q", texts(ms), short(t.Headline+" "+t.Text))
			}
		}
	}
	for fi, f := range e.rs.Frames {
		if len(f.Tests.Fired) == 0 || len(f.Tests.NotFired) == 0 {
			fail(f.Pos, f.ID, "a frame needs tests: fired: and not_fired: examples")
		}
		for _, t := range f.Tests.Fired {
			res.Tests++
			fs := e.Tag(news.Article{Title: t.Headline, Text: t.Text}).Frames[fi]
			if !fs.Fired {
				fail(t.Pos, f.ID, "did not fire (score %.2f of %.2f; evidence %v) on %q", fs.Score, f.Threshold, fs.Evidence, short(t.Headline+" "+t.Text))
			}
		}
		for _, t := range f.Tests.NotFired {
			res.Tests++
			fs := e.Tag(news.Article{Title: t.Headline, Text: t.Text}).Frames[fi]
			if fs.Fired {
				fail(t.Pos, f.ID, "fired (score %.2f; evidence %v) on %q", fs.Score, fs.Evidence, short(t.Headline+" "+t.Text))
			}
		}
	}
	for _, r := range e.rs.Roles {
		for _, t := range r.Tests {
			res.Tests++
			tg := e.Tag(news.Article{Title: t.Headline, Text: t.Text})
			var q *news.QuoteSpan
			for i := range tg.Quotes {
				if tg.Quotes[i].Location != news.Headline || t.Text == "" {
					q = &tg.Quotes[i]
					break
				}
			}
			switch {
			case q == nil:
				fail(t.Pos, "role "+r.ID, "no quote found in %q", short(t.Headline+" "+t.Text))
			case q.Role != r.ID:
				fail(t.Pos, "role "+r.ID, "speaker %q came out as %s in %q", q.Speaker, q.Role, short(t.Headline+" "+t.Text))
			case t.Speaker != "" && q.Speaker != t.Speaker:
				fail(t.Pos, "role "+r.ID, "speaker %q, want %q in %q", q.Speaker, t.Speaker, short(t.Headline+" "+t.Text))
			}
		}
	}
	return res
}

func ruleMatchesIn(t news.Tagging, id string) []news.Match {
	var out []news.Match
	for _, m := range t.Matches {
		if m.Rule == id {
			out = append(out, m)
		}
	}
	return out
}

// usesIn drops mentions and titles: a no_match test says the rule must not
// flag a use there, and a word discussed as a word is not one.
func usesIn(ms []news.Match) []news.Match {
	out := ms[:0]
	for _, m := range ms {
		if m.Voice != VoiceMention && m.Voice != VoiceTitle {
			out = append(out, m)
		}
	}
	return out
}

func texts(ms []news.Match) string {
	q := make([]string, len(ms))
	for i, m := range ms {
		q[i] = fmt.Sprintf("%q", m.Text)
	}
	return strings.Join(q, ", ")
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 90 {
		return string(r[:87]) + "..."
	}
	return s
}
