// Package relevance decides whether an item from a general news feed
// (`topic: all`) is a criminal-justice story. The vocabulary, weights,
// false-friend suppressions and thresholds live in a rule file
// (rules/relevance.yaml); this package only scores by them, following
// ../shared/domain/relevance.md.
package relevance

import (
	"fmt"
	"sort"
	"strings"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// Filter is a loaded relevance rule file. It is read-only after Load and
// safe for concurrent use.
type Filter struct {
	// UKOnly applies the non-UK marker penalty (relevance.md, "Non-UK
	// markers"). Loaded from uk_only; a caller may override it from config.
	UKOnly bool

	keep, feedOnly, strong float64
	mult                   [3]float64 // headline, lead, body
	secondHit, penalty     float64
	cues, markers          []*cue

	first  map[string][]entry // first word (lower case) → patterns starting with it
	prefix []entry            // patterns whose first word is a prefix ("arrest*")
	cased  map[string][]entry // first word (exact case) of cased patterns
}

type entry struct {
	cue *cue
	p   *pattern
}

// Default returns the filter of the rule file compiled into the binary.
func Default() (*Filter, error) {
	return Load(rules.RelevanceYAML, "rules/relevance.yaml")
}

func (f *Filter) index() {
	f.first = map[string][]entry{}
	f.cased = map[string][]entry{}
	for _, list := range [][]*cue{f.cues, f.markers} {
		for _, c := range list {
			for i := range c.patterns {
				p := &c.patterns[i]
				t := p.terms[0]
				e := entry{c, p}
				switch {
				case t.prefix || t.number:
					f.prefix = append(f.prefix, e)
				case t.cased:
					f.cased[t.text] = append(f.cased[t.text], e)
				default:
					f.first[t.text] = append(f.first[t.text], e)
				}
			}
		}
	}
}

// Verdict is the filter's decision on one item.
type Verdict struct {
	Keep  bool
	Score float64
	// Cues are the counted cues, largest contribution first, as
	// "id:matched words@location", e.g. "verdict-sentence:jailed@headline",
	// so a dropped item's log line shows what nearly kept it.
	Cues []string
	// Reason says why: "anchor", "score", "below threshold", "no strong cue".
	Reason string
}

const (
	locHeadline = iota
	locLead
	locBody
)

var locNames = [...]string{news.Headline, news.Lead, news.Body}

// hit is one counted occurrence of a cue.
type hit struct {
	cue    *cue
	text   string
	loc    int
	weight float64 // after boost
	value  float64 // weight × location multiplier
}

// Judge scores an item. title is the headline; lead the standfirst, feed
// summary or first paragraph; body the rest of the text. feedOnly items
// (no page text) are held to the lower feed_only threshold.
func (f *Filter) Judge(title, lead, body string, feedOnly bool) Verdict {
	var toks []token
	var locs []int
	sent := 0
	for loc, text := range []string{title, lead, body} {
		var t []token
		t, sent = tokenize(text, sent)
		toks = append(toks, t...)
		for range t {
			locs = append(locs, loc)
		}
	}
	hits, markers := f.scan(toks, locs)

	anchorAnywhere, anchorTop := false, false
	for _, h := range hits {
		if h.cue.anchor {
			anchorAnywhere = true
			anchorTop = anchorTop || h.loc != locBody
		}
	}

	// Each cue: the best occurrence in full, the next at second_hit.
	byCue := map[*cue][]hit{}
	for _, h := range hits {
		byCue[h.cue] = append(byCue[h.cue], h)
	}
	var counted []hit
	score, strong := 0.0, false
	for _, hs := range byCue {
		sort.SliceStable(hs, func(i, j int) bool { return hs[i].value > hs[j].value })
		for i, h := range hs[:min(2, len(hs))] {
			if i == 1 {
				h.value *= f.secondHit
			}
			score += h.value
			counted = append(counted, h)
			strong = strong || h.weight >= f.strong
		}
	}
	if f.UKOnly && !anchorAnywhere {
		score += f.penalty * float64(len(markers))
		for _, m := range markers {
			counted = append(counted, hit{cue: m, text: "non-uk", value: f.penalty})
		}
	}
	sort.SliceStable(counted, func(i, j int) bool {
		if counted[i].value != counted[j].value {
			return counted[i].value > counted[j].value
		}
		return counted[i].cue.id < counted[j].cue.id
	})
	v := Verdict{Score: score}
	for _, h := range counted {
		where := locNames[h.loc]
		if h.text == "non-uk" {
			where = "marker"
		}
		v.Cues = append(v.Cues, fmt.Sprintf("%s:%s@%s", h.cue.id, h.text, where))
	}
	threshold := f.keep
	if feedOnly {
		threshold = f.feedOnly
	}
	switch {
	case anchorTop:
		v.Keep, v.Reason = true, "anchor"
	case score >= threshold && strong:
		v.Keep, v.Reason = true, "score"
	case score >= threshold:
		v.Reason = "no strong cue"
	default:
		v.Reason = "below threshold"
	}
	return v
}

// JudgeArticle judges a pipeline article: the headline, the first paragraph
// as lead (the feed summary when the article is feed-only) and the rest of
// the text as body.
func (f *Filter) JudgeArticle(a news.Article) Verdict {
	if a.FeedOnly {
		return f.Judge(a.Title, a.Summary, a.Text, true)
	}
	lead, body, _ := strings.Cut(a.Text, "\n\n")
	return f.Judge(a.Title, lead, body, false)
}

// scan finds every cue occurrence, resolves overlaps (the longest match
// wins, then the earliest) and drops suppressed ones. markers are the
// distinct non-UK markers found.
func (f *Filter) scan(toks []token, locs []int) (hits []hit, markers []*cue) {
	type found struct {
		e    entry
		s    span
		size int
	}
	it := &item{toks: toks}
	var all []found
	for i, t := range toks {
		try := func(es []entry) {
			for _, e := range es {
				if end := e.p.matchAt(toks, i); end > 0 {
					all = append(all, found{e, span{i, end}, end - i})
				}
			}
		}
		try(f.first[t.low])
		try(f.cased[t.orig])
		try(f.prefix)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].size != all[j].size {
			return all[i].size > all[j].size
		}
		return all[i].s.start < all[j].s.start
	})
	taken := make([]bool, len(toks))
	seenMarker := map[*cue]bool{}
	isMarker := map[*cue]bool{}
	for _, m := range f.markers {
		isMarker[m] = true
	}
	for _, fd := range all {
		c, s := fd.e.cue, fd.s
		if isMarker[c] {
			// Markers are judged on their own, so they never hide a cue.
			if !seenMarker[c] && f.counts(c, it, s) {
				seenMarker[c] = true
				markers = append(markers, c)
			}
			continue
		}
		free := true
		for k := s.start; k < s.end; k++ {
			free = free && !taken[k]
		}
		if !free {
			continue
		}
		for k := s.start; k < s.end; k++ {
			taken[k] = true
		}
		if !f.counts(c, it, s) {
			continue
		}
		w := c.weight
		if c.boost != nil && c.boost.holds(it, s) {
			w = c.boost.weight
		}
		words := make([]string, 0, s.end-s.start)
		for k := s.start; k < s.end; k++ {
			words = append(words, toks[k].low)
		}
		loc := locs[s.start]
		hits = append(hits, hit{cue: c, text: strings.Join(words, " "), loc: loc, weight: w, value: w * f.mult[loc]})
	}
	sort.Slice(markers, func(i, j int) bool { return markers[i].id < markers[j].id })
	return hits, markers
}

// counts applies a cue's require and suppress conditions to one match.
func (f *Filter) counts(c *cue, it *item, s span) bool {
	if c.require != nil && !c.require.holds(it, s) {
		return false
	}
	for i := range c.suppress {
		if c.suppress[i].holds(it, s) {
			return false
		}
	}
	return true
}
