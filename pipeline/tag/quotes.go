package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Voices of a match or quote span (domain model: quotes.md §1).
const (
	VoiceJournalist = "journalist"
	VoiceQuote      = "quote"
	VoicePartial    = "partial_quote"
	VoiceHeadline   = "headline_quote"
	VoiceScare      = "scare"
	VoiceMention    = "mention"
	VoiceTitle      = "title"
	VoiceAuthor     = "author"
)

// qspan is one stretch of quotation in a text, marks included.
type qspan struct {
	start, end int
	depth      int // 1 = outermost
	single     bool
	unbalanced bool
	voice      string
	speaker    string
	cue        string
	role       string // the speaker's role (roles.yaml)
	kind       string // reported for reported speech; else from the voice
}

// maxQuoteWords closes a runaway quote (a lost closing mark) so one missing
// character cannot turn the rest of an article into quotation.
const maxQuoteWords = 400

type openQuote struct {
	single bool
	start  int
	words  int // word count when it opened
}

// quoteScanner finds quotation in one text (a headline or a body).
type quoteScanner struct {
	s     string
	lay   *layout
	stack []openQuote
	out   []qspan
	words int
}

// elisions are words that start with an apostrophe: ’em, ’til, ’cos, ’n’.
var elisions = map[string]bool{"em": true, "til": true, "cos": true, "n": true, "ere": true, "tis": true, "twas": true, "bout": true, "cause": true, "im": true, "er": true}

// attributionVerbs mark reported or quoted speech (quotes.md §3.4).
var attributionVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "added": true, "adds": true, "told": true, "tells": true,
	"claimed": true, "claims": true, "insisted": true, "insists": true, "warned": true, "warns": true,
	"wrote": true, "writes": true, "posted": true, "tweeted": true, "admitted": true, "admits": true,
	"explained": true, "explains": true, "recalled": true, "recalls": true, "according": true,
	"asked": true, "asks": true, "replied": true, "continued": true, "stated": true, "described": true,
	"urged": true, "argued": true, "argues": true, "noted": true, "heard": true, "speaks": true,
	"speak": true, "declared": true, "branded": true, "called": true,
}

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) || i < 0 {
		return 0, 0
	}
	return decodeRune(s, i)
}

func runeBefore(s string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isOpenContext(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '-' ||
		r == ':' || r == '/' || r == '“' || r == '"' || r == '‘' || r == '\'' || r == '„' || r == '«' || r == '>'
}

func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scan finds the quotes of the paragraphs in lay. For a headline, lay has
// one paragraph.
func (q *quoteScanner) scan(s string, lay *layout) []qspan {
	q.s, q.lay, q.stack, q.out, q.words = s, lay, q.stack[:0], q.out[:0], 0
	for pi, p := range lay.paras {
		if len(q.stack) > 0 {
			// A quote left open at the end of the previous paragraph
			// continues if this one starts with an opener of the same kind.
			r, size := runeAt(s, p.start)
			kind, isOpener := openerKind(r)
			if isOpener && kind == q.stack[0].single {
				for len(q.stack) > 1 {
					q.close(len(q.stack)-1, lay.paras[pi-1].end, true)
				}
				q.scanPara(p.start+size, p.end)
				continue
			}
			q.recoverUnbalanced(lay.paras[pi-1])
		}
		if q.qa(p) {
			continue
		}
		q.scanPara(p.start, p.end)
	}
	if len(q.stack) > 0 && len(lay.paras) > 0 {
		q.recoverUnbalanced(lay.paras[len(lay.paras)-1])
	}
	return q.out
}

// openerKind reports whether r can only open a quote, and its kind.
func openerKind(r rune) (single, ok bool) {
	switch r {
	case '“', '„', '«', '"', '″':
		return false, true
	case '‘', '‚', '‹', '\'', '′', '`':
		return true, true
	}
	return false, false
}

// qa marks the answers of a Q&A paragraph ("A: ...") as quotation.
func (q *quoteScanner) qa(p span) bool {
	s := q.s[p.start:p.end]
	if !strings.HasPrefix(s, "A:") && !strings.HasPrefix(s, "Q:") && !strings.HasPrefix(s, "> ") {
		return false
	}
	if strings.HasPrefix(s, "> ") { // a blockquote or embedded post kept by extraction
		q.out = append(q.out, qspan{start: p.start, end: p.end, depth: 1, voice: VoiceQuote, cue: "blockquote"})
		return true
	}
	off := 0
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "A:") {
			q.out = append(q.out, qspan{start: p.start + off, end: p.start + off + len(strings.TrimRight(line, "\n")), depth: 1, voice: VoiceQuote, cue: "Q&A"})
		}
		off += len(line)
	}
	return true
}

func (q *quoteScanner) scanPara(from, to int) {
	s := q.s
	prevWord := false
	for i := from; i < to; {
		var r rune
		var size int
		if c := s[i]; c < utf8.RuneSelf && c != '&' { // inlined ASCII case of decodeRune
			r, size = rune(c), 1
		} else {
			r, size = decodeRune(s, i)
		}
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && isLetterOrDigit(r) {
			if !prevWord {
				q.words++
				if len(q.stack) > 0 && q.words-q.stack[0].words > maxQuoteWords {
					for len(q.stack) > 0 {
						q.close(len(q.stack)-1, i, true)
					}
				}
			}
			prevWord = true
			i += size
			continue
		}
		prevWord = false
		switch r {
		case '“', '„', '«', '”', '»', '"', '″', '‘', '‚', '‹', '›', '\'', '’', '′', '`', '´':
		default: // spaces and punctuation: nothing to do
			i += size
			continue
		}
		prev := runeBefore(s, i)
		next, _ := runeAt(s, i+size)
		if i+size >= to {
			next = 0
		}
		switch r {
		case '“', '„', '«':
			q.open(false, i)
		case '”', '»':
			q.closeKind(false, i+size)
		case '"', '″':
			q.straightDouble(prev, next, i, size)
		case '‘', '‚', '‹':
			if unicode.IsSpace(prev) || prev == 0 {
				if w := wordAfter(s, i+size); elisions[strings.ToLower(w)] && !q.hasLaterCloser(i+size, to, true) {
					break // ‘em typed with the wrong mark
				}
			}
			q.open(true, i)
		case '›':
			q.closeKind(true, i+size)
		case '\'', '’', '′', '`', '´':
			q.ambiguousSingle(prev, next, i, size, to)
		}
		i += size
	}
}

func (q *quoteScanner) straightDouble(prev, next rune, i, size int) {
	openCtx := isOpenContext(prev)
	nextSpace := next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next)
	top := q.topKind(false)
	switch {
	case openCtx && !nextSpace:
		if top >= 0 && !isOpenContext(next) && prev != 0 && !unicode.IsSpace(prev) {
			q.closeKind(false, i+size)
			return
		}
		q.open(false, i)
	case !openCtx:
		if top >= 0 {
			q.closeKind(false, i+size)
		}
	default:
		if top >= 0 {
			q.closeKind(false, i+size)
		}
	}
}

// ambiguousSingle resolves ' and ’: apostrophe, opener or closer
// (quotes.md §4, in order).
func (q *quoteScanner) ambiguousSingle(prev, next rune, i, size, to int) {
	s := q.s
	switch {
	case unicode.IsLetter(prev) && unicode.IsLetter(next):
		return // don’t, O’Brien
	case unicode.IsDigit(next) && !isLetterOrDigit(prev):
		return // ’90s
	case !isLetterOrDigit(prev):
		w := wordAfter(s, i+size)
		if elisions[strings.ToLower(w)] {
			// ’em, ’til, rock ’n’ roll ... unless it is really a quote
			// opener followed by such a word and closed later.
			if !(isOpenContext(prev) && q.hasLaterCloser(i+size, to, true) && strings.ToLower(w) != "n") {
				return
			}
		}
	}
	// rock ’n’ roll: the second mark after a lone n.
	if prev == 'n' && i >= 2 {
		pp := runeBefore(s, i-1)
		if isApostrophe(pp) {
			return
		}
	}
	openCtx := isOpenContext(prev)
	nextOK := isLetterOrDigit(next) || next == '…'
	if openCtx && nextOK {
		q.open(true, i)
		return
	}
	closerShape := (isLetterOrDigit(prev) || strings.ContainsRune(".,!?…;:", prev)) &&
		(next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next))
	if !closerShape {
		return
	}
	top := q.topKind(true)
	if top < 0 {
		return // possessive: the boss’ car
	}
	if prev == 's' || prev == 'S' {
		// prisoners’ families: a possessive unless this must close the quote.
		if q.words-q.stack[top].words > 60 {
			return
		}
		if next != 0 && !unicode.IsSpace(next) {
			q.closeKind(true, i+size)
			return
		}
		if next == 0 || attributionFollows(s[i+size:to]) {
			q.closeKind(true, i+size)
			return
		}
		if q.hasLaterCloser(i+size, to, false) {
			return
		}
	}
	q.closeKind(true, i+size)
}

// hasLaterCloser reports whether a mark that could close a single quote
// appears in s[from:to].
func (q *quoteScanner) hasLaterCloser(from, to int, any bool) bool {
	s := q.s
	for j := from; j < to; {
		r, size := decodeRune(s, j)
		if r == '’' || r == '\'' || r == '›' {
			prev := runeBefore(s, j)
			next, _ := runeAt(s, j+size)
			if j+size >= to {
				next = 0
			}
			if !(unicode.IsLetter(prev) && unicode.IsLetter(next)) &&
				(isLetterOrDigit(prev) || strings.ContainsRune(".,!?…", prev)) &&
				(next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next)) {
				return true
			}
		}
		j += size
	}
	return false
}

func wordAfter(s string, i int) string {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return s[i:j]
}

// attributionFollows reports whether s starts like ", he said" or " said X".
func attributionFollows(s string) bool {
	s = strings.TrimLeft(s, " ,\t\n")
	for k := 0; k < 4 && s != ""; k++ {
		w := wordAfter(s, 0)
		if w == "" {
			return false
		}
		if attributionVerbs[strings.ToLower(w)] {
			return true
		}
		s = strings.TrimLeft(s[len(w):], " ")
	}
	return false
}

func (q *quoteScanner) open(single bool, at int) {
	q.stack = append(q.stack, openQuote{single: single, start: at, words: q.words})
}

// topKind returns the index of the innermost open quote of a kind, or -1.
func (q *quoteScanner) topKind(single bool) int {
	for i := len(q.stack) - 1; i >= 0; i-- {
		if q.stack[i].single == single {
			return i
		}
	}
	return -1
}

// closeKind closes the innermost quote of a kind at end; quotes opened
// inside it and never closed are closed with it, marked unbalanced.
func (q *quoteScanner) closeKind(single bool, end int) {
	k := q.topKind(single)
	if k < 0 {
		return
	}
	for len(q.stack)-1 > k {
		q.close(len(q.stack)-1, end, true)
	}
	q.close(k, end, false)
}

func (q *quoteScanner) close(k, end int, unbalanced bool) {
	o := q.stack[k]
	q.stack = q.stack[:k]
	if end <= o.start {
		return
	}
	q.out = append(q.out, qspan{start: o.start, end: end, depth: k + 1, single: o.single, unbalanced: unbalanced})
}

// recoverUnbalanced closes the quotes still open at the end of paragraph p:
// at the first attribution comma (", said the victim's father") or else at
// the paragraph end.
func (q *quoteScanner) recoverUnbalanced(p span) {
	for len(q.stack) > 0 {
		k := len(q.stack) - 1
		o := q.stack[k]
		end := p.end
		if o.start >= p.start {
			s := q.s[o.start:p.end]
			for off := 0; ; {
				c := strings.IndexByte(s[off:], ',')
				if c < 0 {
					break
				}
				off += c + 1
				if attributionFollows(s[off:]) {
					end = o.start + off - 1
					break
				}
			}
		}
		q.close(k, end, true)
	}
}
