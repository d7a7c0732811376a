package quality

import (
	"fmt"

	"github.com/framewatch/framewatch/news"
)

// TermReport scores the language rules. Usage figures (All, ByCategory,
// ByRule, Voice) leave out labelled mentions and titles and the matches
// the tagger itself marked as mention or title: a word discussed as a word
// is not a use of it.
type TermReport struct {
	All        Count             `json:"all"`
	ByCategory map[string]*Count `json:"by_category"`
	ByRule     map[string]*Count `json:"by_rule"`
	// Voice: of the labelled terms found, how many have the labelled
	// in_quote (journalist's own words or quoted speech).
	Voice Accuracy `json:"voice"`
	// MustNot lists every match inside a span no rule may flag;
	// MustNotFlagged counts them (and stays when a summary drops the list).
	MustNot        []Flag `json:"must_not_violations"`
	MustNotFlagged int    `json:"must_not_flagged"`
	// Mentions: labelled mention/title terms, how many the tagger kept out
	// of usage, and the ones it counted as usage.
	Mentions MentionCount `json:"mentions"`
	// LookAlikes is the number of look-alike spans flagged as usage:
	// must-not violations plus mentions and titles counted as usage.
	LookAlikes int `json:"look_alikes_flagged"`
	// Missed and FalseFlags list the usage errors, article by article.
	Missed     []Flag `json:"missed"`
	FalseFlags []Flag `json:"false_flags"`
}

// Accuracy is right out of checked.
type Accuracy struct {
	Checked  int     `json:"checked"`
	Right    int     `json:"right"`
	Accuracy float64 `json:"accuracy"`
}

// MentionCount scores use and mention.
type MentionCount struct {
	Labelled       int    `json:"labelled"`
	KeptOut        int    `json:"kept_out"`
	AsUsage        int    `json:"as_usage"`
	CountedAsUsage []Flag `json:"counted_as_usage"`
}

// Flag is one term error: a labelled term missed, a match nobody labelled,
// or a match where none may be.
type Flag struct {
	Article  string `json:"article"`
	Rule     string `json:"rule,omitempty"`
	Category string `json:"category,omitempty"`
	Text     string `json:"text"`
	Location string `json:"location"`
	Start    int    `json:"start"`
	Voice    string `json:"voice,omitempty"`
	Why      string `json:"why,omitempty"`
}

type termScorer struct{ r *TermReport }

func newTermScorer() *termScorer {
	return &termScorer{&TermReport{
		ByCategory: map[string]*Count{}, ByRule: map[string]*Count{},
		MustNot: []Flag{}, Missed: []Flag{}, FalseFlags: []Flag{},
		Mentions: MentionCount{CountedAsUsage: []Flag{}},
	}}
}

// usage reports whether a match counts as a use of the word.
func usage(m news.Match) bool {
	return m.Voice != VoiceMention && m.Voice != VoiceTitle
}

func (s *termScorer) group(m map[string]*Count, key string) *Count {
	if key == "" {
		key = "(no rule)"
	}
	c := m[key]
	if c == nil {
		c = &Count{}
		m[key] = c
	}
	return c
}

func (s *termScorer) article(a *Article, t news.Tagging, as *ArticleScore) {
	r := s.r
	type label struct {
		Term
		span Span
	}
	var uses, mentions []label
	for _, term := range a.Terms {
		sp, ok := a.spanOf(term.Text, term.Occurrence, term.Location)
		if !ok {
			continue // Load checked every span; a hand-built Article may not
		}
		l := label{term, sp}
		if term.Voice == VoiceMention || term.Voice == VoiceTitle {
			mentions = append(mentions, l)
		} else {
			uses = append(uses, l)
		}
	}
	var found []news.Match
	for _, m := range t.Matches {
		if usage(m) {
			found = append(found, m)
		}
	}
	spanOf := func(m news.Match) Span { return Span{location(m), m.Start, m.End} }
	flagOf := func(m news.Match, why string) Flag {
		return Flag{Article: a.ID, Rule: m.Rule, Category: m.Category, Text: m.Text, Location: location(m), Start: m.Start, Voice: m.Voice, Why: why}
	}

	// Pair labels with overlapping matches one to one, preferring a match
	// of the labelled rule, then any rule.
	pairedL := make([]int, len(uses)) // index into found + 1; 0 = missed
	pairedM := make([]bool, len(found))
	for pass := 0; pass < 2; pass++ {
		for li, l := range uses {
			if pairedL[li] != 0 {
				continue
			}
			for mi, m := range found {
				if pairedM[mi] || !l.span.overlaps(spanOf(m)) || pass == 0 && (l.Rule == "" || l.Rule != m.Rule) {
					continue
				}
				pairedL[li], pairedM[mi] = mi+1, true
				break
			}
		}
	}

	for li, l := range uses {
		r.All.Labelled++
		cat, rule := s.group(r.ByCategory, l.Category), s.group(r.ByRule, l.Rule)
		cat.Labelled++
		rule.Labelled++
		if pairedL[li] == 0 {
			r.Missed = append(r.Missed, Flag{Article: a.ID, Rule: l.Rule, Category: l.Category, Text: l.Text, Location: l.Location, Start: l.span.Start, Voice: l.Voice})
			as.problem(fmt.Sprintf("missed %s %q (%s, %s)", orNone(l.Rule), l.Text, l.Location, l.Voice))
			continue
		}
		r.All.Recalled++
		cat.Recalled++
		rule.Recalled++
		m := found[pairedL[li]-1]
		r.Voice.Checked++
		if m.InQuote == l.InQuote {
			r.Voice.Right++
		} else {
			as.problem(fmt.Sprintf("voice of %s %q: tagged %s (in_quote %v), labelled %s", m.Rule, m.Text, m.Voice, m.InQuote, l.Voice))
		}
	}
	for mi, m := range found {
		r.All.Found++
		cat, rule := s.group(r.ByCategory, m.Category), s.group(r.ByRule, m.Rule)
		cat.Found++
		rule.Found++
		if pairedM[mi] {
			r.All.Correct++
			cat.Correct++
			rule.Correct++
			continue
		}
		why := ""
		for _, l := range mentions {
			if l.span.overlaps(spanOf(m)) {
				why = "labelled " + l.Voice
				r.Mentions.CountedAsUsage = append(r.Mentions.CountedAsUsage, flagOf(m, why))
				r.Mentions.AsUsage++
				r.LookAlikes++
				break
			}
		}
		r.FalseFlags = append(r.FalseFlags, flagOf(m, why))
		if why == "" {
			as.problem(fmt.Sprintf("false flag %s %q (%s)", m.Rule, m.Text, location(m)))
		} else {
			as.problem(fmt.Sprintf("%s %q is labelled %s but counted as usage", m.Rule, m.Text, why[len("labelled "):]))
		}
	}

	// Mentions the tagger kept out of usage.
	for _, l := range mentions {
		r.Mentions.Labelled++
		kept := true
		for _, m := range found {
			if l.span.overlaps(spanOf(m)) {
				kept = false
				break
			}
		}
		if kept {
			r.Mentions.KeptOut++
		}
	}

	// Must-not spans: no usage match may overlap one.
	for _, mn := range a.MustNot {
		for _, sp := range a.spansOf(mn.Text, mn.Occurrence, mn.Location) {
			for _, m := range found {
				if sp.overlaps(spanOf(m)) {
					why := fmt.Sprintf("inside %q", mn.Text)
					if mn.Why != "" {
						why += " (" + mn.Why + ")"
					}
					r.MustNot = append(r.MustNot, flagOf(m, why))
					r.MustNotFlagged++
					r.LookAlikes++
					as.problem(fmt.Sprintf("must-not violated: %s %q %s", m.Rule, m.Text, why))
				}
			}
		}
	}
}

func (s *termScorer) finish(rep *Report) {
	r := s.r
	r.All.compute()
	for _, c := range r.ByCategory {
		c.compute()
	}
	for _, c := range r.ByRule {
		c.compute()
	}
	r.Voice.Accuracy = ratio(r.Voice.Right, r.Voice.Checked)
	rep.Terms = r
}

func orNone(rule string) string {
	if rule == "" {
		return "(no rule)"
	}
	return rule
}
