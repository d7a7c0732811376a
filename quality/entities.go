package quality

import (
	"fmt"
	"strings"

	"github.com/framewatch/framewatch/news"
)

// EntityReport scores named entities: each labelled name, once per
// article, against the names the tagger listed.
type EntityReport struct {
	// Articles is how many articles were scored: those whose labels name
	// at least one person or place.
	Articles int `json:"articles"`
	// Names: a found entity is right when its name is a labelled name,
	// ignoring case, punctuation and a leading "the".
	Names Count `json:"names"`
	// Type is the share of the matched names given the labelled type.
	Type   Accuracy          `json:"type"`
	ByType map[string]*Count `json:"by_type"`
	// Missed and Extra list names (left out by --summary).
	Missed []string `json:"missed"`
	Extra  []string `json:"extra"`
}

type entityScorer struct{ r EntityReport }

func newEntityScorer() *entityScorer {
	return &entityScorer{r: EntityReport{ByType: map[string]*Count{}, Missed: []string{}, Extra: []string{}}}
}

func entityKey(name string) string {
	ws := speakerWords(strings.ReplaceAll(name, "’", "'"))
	return strings.Join(ws, " ")
}

func (sc *entityScorer) byType(t string) *Count {
	c := sc.r.ByType[t]
	if c == nil {
		c = &Count{}
		sc.r.ByType[t] = c
	}
	return c
}

func (sc *entityScorer) article(a *Article, t news.Tagging, as *ArticleScore) {
	// An article whose entity labels name no person or place was labelled
	// for its justice institutions only (the first wave): not scored.
	full := false
	for _, e := range a.Entities {
		if e.Type == "PERSON" || e.Type == "PLACE" {
			full = true
		}
	}
	if !full {
		return
	}
	sc.r.Articles++
	labels := map[string]string{}
	for _, e := range a.Entities {
		labels[entityKey(e.Name)] = e.Type
	}
	found := map[string]string{}
	for _, e := range t.Entities {
		if k := entityKey(e.Name); k != "" {
			if _, dup := found[k]; !dup {
				found[k] = e.Type
			}
		}
	}
	r := &sc.r
	r.Names.Labelled += len(labels)
	r.Names.Found += len(found)
	for k, typ := range labels {
		sc.byType(typ).Labelled++
		ft, ok := found[k]
		if !ok {
			as.problem(fmt.Sprintf("entity %q (%s) not found", k, typ))
			r.Missed = append(r.Missed, a.ID+": "+k+" ("+typ+")")
			continue
		}
		r.Names.Recalled++
		r.Names.Correct++
		sc.byType(typ).Recalled++
		r.Type.Checked++
		if ft == typ {
			r.Type.Right++
		} else {
			as.problem(fmt.Sprintf("entity %q typed %s, labelled %s", k, ft, typ))
		}
	}
	for k, typ := range found {
		sc.byType(typ).Found++
		if _, ok := labels[k]; ok {
			sc.byType(typ).Correct++
			continue
		}
		as.problem(fmt.Sprintf("entity %q (%s) found but not labelled", k, typ))
		r.Extra = append(r.Extra, a.ID+": "+k+" ("+typ+")")
	}
}

func (sc *entityScorer) finish(r *Report) {
	sc.r.Names.compute()
	sc.r.Type.compute()
	for _, c := range sc.r.ByType {
		c.compute()
	}
	r.Entities = &sc.r
}
