package relevance

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the text being judged.
type token struct {
	low, orig string
	sent      int // sentence number, counted across the whole item
}

// tokenize splits text into words: runs of letters and digits, apostrophes
// inside a word dropped (magistrates' → magistrates, don't → dont), any
// other character a separator. A sentence ends at . ! ? followed by space,
// and at every newline (paragraphs). sent continues from start.
func tokenize(text string, start int) ([]token, int) {
	var toks []token
	sent := start
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			w := word.String()
			toks = append(toks, token{low: strings.ToLower(w), orig: w, sent: sent})
			word.Reset()
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘':
			// A possessive 's goes (sheriff's office = sheriff office);
			// any other apostrophe is dropped inside the word (don't = dont).
			if word.Len() > 0 && i < len(text) && (text[i] == 's' || text[i] == 'S') &&
				(i+1 == len(text) || !isWordByte(text[i+1])) {
				i++
			}
		default:
			flush()
			if r == '\n' {
				sent++
			} else if r == '.' || r == '!' || r == '?' {
				if i >= len(text) {
					break
				}
				if next, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(next) {
					sent++
				}
			}
		}
	}
	flush()
	return toks, sent + 1
}

// isWordByte reports whether an ASCII byte continues a word; non-ASCII
// bytes count as word bytes, which only makes the possessive rule stricter.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// term is one word of a pattern.
type term struct {
	text   string // lower case, or exact case when cased
	prefix bool   // "word*": any word starting with text
	any    bool   // "*": any one word
	number bool   // "#": any word of digits
	cased  bool
}

// pattern is a phrase to find: a cue's pattern, a suppression phrase or a
// word of a near list.
type pattern struct {
	terms []term
	src   string // as written in the rule file, for messages
}

func parsePattern(s string, cased bool) (pattern, bool) {
	// Split like tokenize, but keep the * and # markers.
	var terms []term
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '*' || r == '#' || r == '\'' || r == '’')
	}) {
		f = possessive.ReplaceAllString(f, "")
		f = strings.NewReplacer("'", "", "’", "").Replace(f)
		switch {
		case f == "*":
			terms = append(terms, term{any: true})
		case f == "#":
			terms = append(terms, term{number: true})
		case strings.HasSuffix(f, "*") && len(f) > 1:
			terms = append(terms, term{text: fold(strings.TrimSuffix(f, "*"), cased), prefix: true, cased: cased})
		case strings.ContainsAny(f, "*#"):
			return pattern{}, false
		default:
			terms = append(terms, term{text: fold(f, cased), cased: cased})
		}
	}
	if len(terms) == 0 || terms[0].any || terms[0].number && len(terms) == 1 {
		return pattern{}, false
	}
	return pattern{terms: terms, src: s}, true
}

var possessive = regexp.MustCompile(`['’][sS]$`)

func fold(s string, cased bool) string {
	if cased {
		return s
	}
	return strings.ToLower(s)
}

func (t term) matches(tok token) bool {
	w := tok.low
	if t.cased {
		w = tok.orig
	}
	switch {
	case t.any:
		return true
	case t.number:
		return isDigits(w)
	case t.prefix:
		return strings.HasPrefix(w, t.text)
	}
	return w == t.text
}

// matchAt returns the end of p matched at toks[i:], within one sentence, or
// -1.
func (p *pattern) matchAt(toks []token, i int) int {
	if i+len(p.terms) > len(toks) {
		return -1
	}
	for k, t := range p.terms {
		tok := toks[i+k]
		if tok.sent != toks[i].sent || !t.matches(tok) {
			return -1
		}
	}
	return i + len(p.terms)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// span is a stretch of tokens [start, end).
type span struct{ start, end int }

// condition is a test on the sentence around a match.
type condition struct {
	phrases []pattern // the match lies inside one of these
	near    []pattern // one of these within `within` words (0: anywhere in the sentence)
	within  int
	unless  []pattern // ...and none of these anywhere in the sentence
	item    bool      // near and unless look at the whole item instead of the sentence
	weight  float64   // boost only
	line    int
}

// item is the text being judged, with the matches of item-scope word
// lists remembered: they do not depend on which occurrence asks.
type item struct {
	toks []token
	memo map[*pattern][]span // keyed by the list's first pattern
}

// find returns every match of any of ps in the item.
func (it *item) find(ps []pattern) []span {
	if len(ps) == 0 {
		return nil
	}
	if got, ok := it.memo[&ps[0]]; ok {
		return got
	}
	var out []span
	for i := range it.toks {
		for k := range ps {
			if e := ps[k].matchAt(it.toks, i); e >= 0 {
				out = append(out, span{i, e})
			}
		}
	}
	if it.memo == nil {
		it.memo = map[*pattern][]span{}
	}
	it.memo[&ps[0]] = out
	return out
}

// holds reports whether c is true of the match at m.
func (c *condition) holds(it *item, m span) bool {
	toks := it.toks
	if len(c.phrases) > 0 {
		for _, p := range c.phrases {
			if covering(toks, m, p) {
				return true
			}
		}
		if len(c.near) == 0 {
			return false
		}
	}
	if c.item {
		return anywhere(it, m, c.near) && !anywhere(it, m, c.unless)
	}
	if len(c.near) > 0 && !anyNear(toks, m, c.near, c.within) {
		return false
	}
	if len(c.unless) > 0 && anyNear(toks, m, c.unless, 0) {
		return false
	}
	return true
}

// anywhere reports whether one of ps occurs anywhere in the item outside m.
func anywhere(it *item, m span, ps []pattern) bool {
	for _, f := range it.find(ps) {
		if f.end <= m.start || f.start >= m.end {
			return true
		}
	}
	return false
}

// covering reports whether a match of p overlaps m.
func covering(toks []token, m span, p pattern) bool {
	lo := max(0, m.start-len(p.terms)+1)
	for i := lo; i < m.end && i < len(toks); i++ {
		if e := p.matchAt(toks, i); e > m.start && i < m.end && e >= 0 {
			return true
		}
	}
	return false
}

// anyNear reports whether one of ps occurs in m's sentence, outside m,
// within `within` words of it (0: anywhere in the sentence).
func anyNear(toks []token, m span, ps []pattern, within int) bool {
	sent := toks[m.start].sent
	lo, hi := m.start, m.end
	for lo > 0 && toks[lo-1].sent == sent {
		lo--
	}
	for hi < len(toks) && toks[hi].sent == sent {
		hi++
	}
	if within > 0 {
		lo = max(lo, m.start-within-8) // patterns are short; 8 covers their length
		hi = min(hi, m.end+within)
	}
	for i := lo; i < hi; i++ {
		for _, p := range ps {
			e := p.matchAt(toks, i)
			if e < 0 || e > hi || (i < m.end && e > m.start) {
				continue
			}
			dist := 0
			if e <= m.start {
				dist = m.start - e + 1
			} else {
				dist = i - m.end + 1
			}
			if within == 0 || dist <= within {
				return true
			}
		}
	}
	return false
}
