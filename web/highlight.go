package web

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/framewatch/framewatch/news"
)

// segment is a run of an article's text with one highlighting: inside a
// match (Match set), inside quoted speech (Quote), or plain. Templates
// escape Text like any other string.
type segment struct {
	Text  string
	Match *news.Match
	N     int // the match's number in the article, for its anchor
	Quote bool
}

// paragraphs cuts the body into paragraphs (a blank line apart, as stored)
// and each into segments; lead and body match offsets index the text.
func paragraphs(text string, ms []news.Match, qs []news.QuoteSpan) [][]segment {
	var out [][]segment
	for off := 0; off <= len(text); {
		end := strings.Index(text[off:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if p := strings.TrimSpace(text[off:end]); p != "" {
			out = append(out, segmentRange(text, off, end, ms, qs, false))
		}
		if end == len(text) {
			break
		}
		off = end + 2
	}
	return out
}

// segments cuts the whole of s (the headline when location is headline).
func segments(s string, ms []news.Match, qs []news.QuoteSpan, location string, _ int) []segment {
	return segmentRange(s, 0, len(s), ms, qs, location == news.Headline)
}

func segmentRange(text string, from, to int, ms []news.Match, qs []news.QuoteSpan, headline bool) []segment {
	inPlace := func(loc string) bool { return (loc == news.Headline) == headline }
	valid := func(i int) bool { return i >= from && i <= to && (i == len(text) || utf8.RuneStart(text[i])) }
	cuts := map[int]bool{from: true, to: true}
	for _, m := range ms {
		if inPlace(m.Location) && m.Start < m.End && valid(m.Start) && valid(m.End) {
			cuts[m.Start], cuts[m.End] = true, true
		}
	}
	for _, q := range qs {
		if inPlace(q.Location) {
			for _, i := range []int{q.Start, q.End} {
				if valid(i) {
					cuts[i] = true
				}
			}
		}
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	var out []segment
	for i := 0; i+1 < len(points); i++ {
		a, b := points[i], points[i+1]
		sg := segment{Text: text[a:b]}
		for j := range ms {
			m := &ms[j]
			if inPlace(m.Location) && m.Start <= a && b <= m.End {
				sg.Match, sg.N = m, j+1
				break
			}
		}
		for _, q := range qs {
			if inPlace(q.Location) && q.Start <= a && b <= q.End {
				sg.Quote = true
				break
			}
		}
		if n := len(out); n > 0 && out[n-1].Match == sg.Match && out[n-1].Quote == sg.Quote {
			out[n-1].Text += sg.Text
			continue
		}
		out = append(out, sg)
	}
	return out
}
