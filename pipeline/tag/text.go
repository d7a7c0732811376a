package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a stretch of original text: [start, end).
type span struct{ start, end int }

// layout is where the paragraphs and sentences of one text are. Both are
// found on the original text: sentence ends need the real punctuation.
type layout struct {
	paras []span
	sents []span
	spara []int // paragraph of each sentence
}

func (l *layout) reset() {
	l.paras, l.sents, l.spara = l.paras[:0], l.sents[:0], l.spara[:0]
}

// splitParagraphs: paragraphs are separated by a blank line; a single line
// break (a <br> in the page) is only whitespace.
func (l *layout) split(s string) {
	l.reset()
	start := 0
	for start < len(s) {
		end := strings.Index(s[start:], "\n\n")
		next := 0
		if end < 0 {
			end = len(s)
			next = len(s)
		} else {
			end += start
			next = end + 2
			for next < len(s) && (s[next] == '\n' || s[next] == '\r' || s[next] == ' ' || s[next] == '\t') {
				next++
			}
		}
		a, b := trimSpan(s, start, end)
		if a < b {
			l.paras = append(l.paras, span{a, b})
			l.sentences(s, span{a, b}, len(l.paras)-1)
		}
		start = next
	}
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\r' || s[a] == '\t') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\n' || s[b-1] == '\r' || s[b-1] == '\t') {
		b--
	}
	return a, b
}

// abbreviations that end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "det": true, "insp": true, "sgt": true,
	"supt": true, "ch": true, "con": true, "pc": true, "dc": true, "st": true, "no": true,
	"gen": true, "col": true, "capt": true, "lt": true, "rev": true, "prof": true, "jr": true,
	"sr": true, "vs": true, "v": true, "etc": true, "co": true, "ltd": true, "cllr": true,
	"hon": true, "rt": true, "supp": true, "approx": true, "jan": true, "feb": true, "aug": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "e.g": true, "i.e": true,
}

// sentences splits one paragraph at . ! ? … followed (after closing quotes
// and brackets) by a space and a capital, digit or opening quote.
func (l *layout) sentences(s string, p span, pi int) {
	start := p.start
	for i := p.start; i < p.end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		j := i
		for j < p.end {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || r2 == '"' || r2 == '\'' || r2 == '’' || r2 == '”' || r2 == ')' || r2 == ']' {
				j += sz
				continue
			}
			break
		}
		if j >= p.end {
			break
		}
		if s[j] != ' ' && s[j] != '\n' && s[j] != '\t' {
			continue
		}
		k := j
		for k < p.end && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t') {
			k++
		}
		if k >= p.end {
			break
		}
		nr, _ := utf8.DecodeRuneInString(s[k:])
		if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || nr == '"' || nr == '\'' || nr == '‘' || nr == '“' || nr == '(') {
			continue
		}
		if r == '.' && isAbbreviation(s, start, i-1) {
			continue
		}
		l.sents = append(l.sents, span{start, j})
		l.spara = append(l.spara, pi)
		start = k
		i = k
	}
	if a, b := trimSpan(s, start, p.end); a < b {
		l.sents = append(l.sents, span{a, b})
		l.spara = append(l.spara, pi)
	}
}

// isAbbreviation reports whether the word ending at dot (s[dot] == '.') is
// a title or an initial rather than a sentence end.
func isAbbreviation(s string, from, dot int) bool {
	w := dot
	for w > from {
		r, size := utf8.DecodeLastRuneInString(s[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= size
	}
	word := s[w:dot]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true // an initial: "J. Smith"
	}
	return abbreviations[strings.ToLower(word)]
}

// sentenceAt returns the index of the sentence containing offset o, or -1.
func (l *layout) sentenceAt(o int) int {
	lo, hi := 0, len(l.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if l.sents[m].end <= o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(l.sents) && l.sents[lo].start <= o {
		return lo
	}
	if lo > 0 && lo-1 < len(l.sents) {
		return lo - 1 // in the gap after a sentence: count it as that sentence
	}
	if len(l.sents) > 0 {
		return 0
	}
	return -1
}

// paraAt returns the paragraph containing offset o.
func (l *layout) paraAt(o int) int {
	for i, p := range l.paras {
		if o < p.end {
			return i
		}
	}
	return len(l.paras) - 1
}
