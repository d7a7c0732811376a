package quality

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/framewatch/framewatch/news"
)

// QuoteReport scores quote finding and attribution (issue 14): how many
// labelled quotes were found as spans, and of those found, how many went to
// the labelled speaker and role.
type QuoteReport struct {
	// Articles is how many articles were labelled for quotes (at least one
	// quote labelled); the others are not scored here.
	Articles int `json:"articles"`
	// Spans: a found quote matches a labelled one when they overlap by at
	// least half of the shorter (quote marks and edge punctuation aside),
	// one to one. Scare quotes, mentions and titles are not quotes.
	Spans   Count    `json:"spans"`
	Speaker Accuracy `json:"speaker"` // over matched quotes
	Role    Accuracy `json:"role"`    // over matched quotes
	// ByRole is the role confusion by labelled role: labelled, right.
	ByRole map[string]*Accuracy `json:"by_role"`
	// Confusion counts, by labelled role, the roles found instead when
	// they differ (aggregate: --summary keeps it, it quotes no article).
	Confusion map[string]map[string]int `json:"confusion"`
	// RoleErrors splits the wrong roles by whether the speaker was right,
	// wrong, or not found at all: a role is only as good as its speaker.
	RoleErrors RoleErrors `json:"role_errors"`
	// Wrong lists misattributions (left out by --summary).
	Wrong []QuoteFlag `json:"wrong"`
}

// RoleErrors is how many wrong roles had the right speaker, a wrong one,
// or none found.
type RoleErrors struct {
	SpeakerRight int `json:"speaker_right"`
	SpeakerWrong int `json:"speaker_wrong"`
	NoSpeaker    int `json:"no_speaker"`
}

// QuoteFlag is one quote the tagger got wrong.
type QuoteFlag struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Role    string `json:"role"`
	Found   string `json:"found"`
}

type quoteScorer struct{ r QuoteReport }

func newQuoteScorer() *quoteScorer {
	return &quoteScorer{r: QuoteReport{ByRole: map[string]*Accuracy{}, Confusion: map[string]map[string]int{}, Wrong: []QuoteFlag{}}}
}

type qspan struct {
	loc        string
	start, end int
	speaker    string
	role       string
	label      *Quote
}

// locate finds the nth occurrence (1-based) of sub in s.
func locate(s, sub string, n int) int {
	if n < 1 {
		n = 1
	}
	off := 0
	for k := 0; k < n; k++ {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return -1
		}
		if k == n-1 {
			return off + i
		}
		off += i + len(sub)
	}
	return -1
}

// inner trims quote marks, spaces and edge punctuation off a span.
func inner(s string, a, b int) (int, int) {
	isEdge := func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '%' || r == '`' || r == '´' || r == '″' || r == '′'
	}
	for a < b {
		r := []rune(s[a:b])[0]
		if !isEdge(r) {
			break
		}
		a += len(string(r))
	}
	for b > a {
		rs := []rune(s[a:b])
		r := rs[len(rs)-1]
		if !isEdge(r) {
			break
		}
		b -= len(string(r))
	}
	return a, b
}

func (sc *quoteScorer) article(a *Article, t news.Tagging, as *ArticleScore) {
	if len(a.Quotes) == 0 {
		// Not labelled for quotes: the first wave's articles were moved to
		// the label shape with "quotes": []. Every article of the corpus
		// written for quotes has several.
		return
	}
	sc.r.Articles++
	src := func(loc string) string {
		if loc == Headline {
			return a.Title
		}
		return a.Text
	}
	var labels, found []qspan
	for i := range a.Quotes {
		q := &a.Quotes[i]
		loc := q.Location
		if loc == "" {
			loc = Body
		}
		s := src(loc)
		at := locate(s, q.Text, q.Occurrence)
		if at < 0 {
			as.problem(fmt.Sprintf("quote label %q not found in the %s", q.Text, loc))
			continue
		}
		st, en := inner(s, at, at+len(q.Text))
		labels = append(labels, qspan{loc: loc, start: st, end: en, speaker: q.Speaker, role: q.Role, label: q})
	}
	for _, q := range t.Quotes {
		if q.Voice == "scare" || q.Voice == "mention" || q.Voice == "title" {
			continue
		}
		loc := Body
		if q.Location == news.Headline {
			loc = Headline
		}
		s := src(loc)
		if q.Start < 0 || q.End > len(s) || q.Start >= q.End {
			continue
		}
		st, en := inner(s, q.Start, q.End)
		if st < en {
			found = append(found, qspan{loc: loc, start: st, end: en, speaker: q.Speaker, role: q.Role})
		}
	}
	// One-to-one matching, largest overlaps first.
	type pair struct{ l, f, overlap int }
	var pairs []pair
	for li, l := range labels {
		for fi, f := range found {
			if l.loc != f.loc {
				continue
			}
			ov := min(l.end, f.end) - max(l.start, f.start)
			if ov > 0 && 2*ov >= min(l.end-l.start, f.end-f.start) {
				pairs = append(pairs, pair{li, fi, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].overlap > pairs[j].overlap })
	usedL, usedF := make([]bool, len(labels)), make([]bool, len(found))
	r := &sc.r
	r.Spans.Labelled += len(labels)
	r.Spans.Found += len(found)
	for _, p := range pairs {
		if usedL[p.l] || usedF[p.f] {
			continue
		}
		usedL[p.l], usedF[p.f] = true, true
		r.Spans.Recalled++
		r.Spans.Correct++
		l, f := labels[p.l], found[p.f]
		r.Speaker.Checked++
		okSpeaker := SameSpeaker(l.speaker, f.speaker)
		if okSpeaker {
			r.Speaker.Right++
		}
		r.Role.Checked++
		br := r.ByRole[l.role]
		if br == nil {
			br = &Accuracy{}
			r.ByRole[l.role] = br
		}
		br.Checked++
		okRole := l.role == f.role
		if okRole {
			r.Role.Right++
			br.Right++
		} else {
			c := r.Confusion[l.role]
			if c == nil {
				c = map[string]int{}
				r.Confusion[l.role] = c
			}
			c[f.role]++
			switch {
			case strings.TrimSpace(f.speaker) == "":
				r.RoleErrors.NoSpeaker++
			case okSpeaker:
				r.RoleErrors.SpeakerRight++
			default:
				r.RoleErrors.SpeakerWrong++
			}
		}
		if !okSpeaker || !okRole {
			as.problem(fmt.Sprintf("quote %q: speaker %q (%s), labelled %q (%s)", short(l.label.Text), f.speaker, f.role, l.speaker, l.role))
			r.Wrong = append(r.Wrong, QuoteFlag{Article: a.ID, Text: short(l.label.Text), Speaker: l.speaker, Role: l.role,
				Found: fmt.Sprintf("%s (%s)", f.speaker, f.role)})
		}
	}
	for i, l := range labels {
		if !usedL[i] {
			as.problem(fmt.Sprintf("quote %q (%s) not found", short(l.label.Text), l.label.Kind))
		}
	}
	for i, f := range found {
		if !usedF[i] {
			as.problem(fmt.Sprintf("quote %q found but not labelled", short(src(f.loc)[f.start:f.end])))
		}
	}
}

func (sc *quoteScorer) finish(r *Report) {
	sc.r.Spans.compute()
	sc.r.Speaker.compute()
	sc.r.Role.compute()
	for _, a := range sc.r.ByRole {
		a.compute()
	}
	r.Quotes = &sc.r
}

// SameSpeaker compares a found speaker with a labelled one: equal, or one
// the other's words in order with a title, first name or description left
// out ("Sarah Khan" and "Det Insp Sarah Khan"; "Dr Barnes" and "Dr Keisha
// Barnes"; "a spokesperson" and "a Prison Officers' Association
// spokesperson"), ignoring case, punctuation and a leading article.
func SameSpeaker(label, found string) bool {
	a, b := speakerWords(label), speakerWords(found)
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	// The shorter's words in order inside the longer: "Dr Barnes" and
	// "Dr Keisha Barnes" are one speaker.
	k := 0
	for _, w := range b {
		if k < len(a) && a[k] == w {
			k++
		}
	}
	return k == len(a)
}

func speakerWords(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for len(ws) > 0 && (ws[0] == "the" || ws[0] == "a" || ws[0] == "an") {
		ws = ws[1:]
	}
	return ws
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

func (a *Accuracy) compute() { a.Accuracy = ratio(a.Right, a.Checked) }
