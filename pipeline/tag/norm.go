package tag

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normText is a text rewritten for matching: lower case, every apostrophe
// and quote variant folded to ' or ", every run of whitespace, hyphens and
// dashes folded to one space, soft hyphens and zero-width characters
// dropped, HTML entities decoded. src and srcEnd map each byte back to the
// original character it came from, so matches report offsets into the text
// as stored.
type normText struct {
	b      []byte
	src    []int32 // start offset in the original of the char that produced b[i]
	srcEnd []int32 // end offset of that char
	// Words: maximal runs of letters and digits (an apostrophe between
	// letters stays inside the word: "prisoner's").
	wStart, wEnd []int32
	origText     string // the text as given: a word's capital is read there ("Evil Dobson")
}

func (n *normText) reset() {
	n.b, n.src, n.srcEnd = n.b[:0], n.src[:0], n.srcEnd[:0]
	n.wStart, n.wEnd = n.wStart[:0], n.wEnd[:0]
}

// isWordByte reports whether a normalised byte belongs to a word. Non-ASCII
// bytes in normalised text are always letters or digits: other non-ASCII
// characters are folded to ASCII punctuation.
func isWordByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// decodeRune reads one character at s[i], decoding an HTML entity there.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		if c == '&' {
			if r, n := decodeEntity(s[i:]); n > 0 {
				return r, n
			}
		}
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeEntity decodes an HTML character reference at the start of s.
func decodeEntity(s string) (rune, int) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 2 {
		return 0, 0
	}
	ent := s[:end+1]
	dec := html.UnescapeString(ent)
	if dec == ent {
		return 0, 0
	}
	r, size := utf8.DecodeRuneInString(dec)
	if size != len(dec) {
		return 0, 0
	}
	return r, len(ent)
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '′', '`', '´', '‛', '‚', '‹', '›':
		return true
	}
	return false
}

func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '″', '„', '«', '»', '‟':
		return true
	}
	return false
}

// isSeparator: whitespace, hyphens and dashes all separate words the same way.
func isSeparator(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '﹣', '－', '\u00a0', '\u202f', '\u2009', '\u2007':
		return true
	}
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || unicode.IsSpace(r)
}

func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// normalise fills n from s.
func (n *normText) normalise(s string) {
	n.reset()
	n.origText = s
	var tmp [utf8.UTFMax]byte
	emit := func(c byte, from, to int) {
		n.b = append(n.b, c)
		n.src = append(n.src, int32(from))
		n.srcEnd = append(n.srcEnd, int32(to))
	}
	for i := 0; i < len(s); {
		// Plain lower-case letters and digits: the bulk of any text.
		if c := s[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			emit(c, i, i+1)
			i++
			continue
		}
		r, size := decodeRune(s, i)
		from, to := i, i+size
		i = to
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			emit(byte(r), from, to)
		case r >= 'A' && r <= 'Z':
			emit(byte(r)+'a'-'A', from, to)
		case isSeparator(r):
			if len(n.b) > 0 && n.b[len(n.b)-1] != ' ' {
				emit(' ', from, to)
			}
		case isApostrophe(r):
			emit('\'', from, to)
		case isDoubleQuote(r):
			emit('"', from, to)
		case isInvisible(r):
		case r < utf8.RuneSelf:
			emit(byte(r), from, to)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			k := utf8.EncodeRune(tmp[:], unicode.ToLower(r))
			for _, c := range tmp[:k] {
				emit(c, from, to)
			}
		default: // other punctuation and symbols: one ASCII stand-in
			emit('.', from, to)
		}
	}
	// Word table.
	b := n.b
	for i := 0; i < len(b); {
		if !isWordByte(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && (isWordByte(b[j]) || b[j] == '\'' && j+1 < len(b) && isWordByte(b[j+1]) && j > i) {
			j++
		}
		n.wStart = append(n.wStart, int32(i))
		n.wEnd = append(n.wEnd, int32(j))
		i = j
	}
}

// join fills n with what normalise(x + sep + y) gives, from x's and y's
// normalisations, for a separator sep of sepLen bytes of whitespace after
// xLen bytes: its first character becomes the one space between a word
// and what follows; a run of separators after it, or at y's start, gives
// nothing either way, and no character's normalisation reads past its own
// bytes (an HTML entity holds no whitespace), so the two halves read the
// same apart as together.
func (n *normText) join(x, y *normText, xLen, sepLen int) {
	n.reset()
	n.b = append(n.b, x.b...)
	n.src = append(n.src, x.src...)
	n.srcEnd = append(n.srcEnd, x.srcEnd...)
	n.wStart = append(n.wStart, x.wStart...)
	n.wEnd = append(n.wEnd, x.wEnd...)
	if len(x.b) > 0 && x.b[len(x.b)-1] != ' ' {
		n.b = append(n.b, ' ')
		n.src = append(n.src, int32(xLen))
		n.srcEnd = append(n.srcEnd, int32(xLen+1))
	}
	n.b = append(n.b, y.b...)
	n.src = appendShifted(n.src, y.src, int32(xLen+sepLen))
	n.srcEnd = appendShifted(n.srcEnd, y.srcEnd, int32(xLen+sepLen))
	wshift := int32(len(n.b) - len(y.b))
	n.wStart = appendShifted(n.wStart, y.wStart, wshift)
	n.wEnd = appendShifted(n.wEnd, y.wEnd, wshift)
}

// appendShifted appends ys to xs, each plus d.
func appendShifted(xs, ys []int32, d int32) []int32 {
	xs = append(xs, ys...)
	tail := xs[len(xs)-len(ys):]
	for k := range tail {
		tail[k] += d
	}
	return xs
}

// normaliseString is normalise for a rule's phrase.
func normaliseString(s string) string {
	var n normText
	n.normalise(s)
	return strings.TrimSpace(string(n.b))
}

// appendKey appends normaliseString(s) to dst without the position tables
// when s is ASCII with no '&' (no entity to decode), the form of almost
// every name a look-up is asked for; ok is false for any other s, which
// the caller gives to normaliseString.
func appendKey(dst []byte, s string) (key []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c == '&':
			return dst, false
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		case c == ' ' || c == '-' || c >= '\t' && c <= '\r': // isSeparator's ASCII
			if len(dst) > 0 && dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
		case c == '`': // isApostrophe's other ASCII form
			dst = append(dst, '\'')
		default:
			dst = append(dst, c)
		}
	}
	if len(dst) > 0 && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst, true
}

// wordAt returns the index of the word containing or following byte i.
func (n *normText) wordAt(i int) int {
	lo, hi := 0, len(n.wEnd)
	for lo < hi {
		m := (lo + hi) / 2
		if int(n.wEnd[m]) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// normAt returns the first normalised byte produced at or after original offset o.
func (n *normText) normAt(o int) int {
	lo, hi := 0, len(n.src)
	for lo < hi {
		m := (lo + hi) / 2
		if int(n.src[m]) < o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// orig maps normalised range [i, j) back to original offsets.
func (n *normText) orig(i, j int) (int, int) {
	if i >= len(n.src) {
		return int(n.srcEnd[len(n.srcEnd)-1]), int(n.srcEnd[len(n.srcEnd)-1])
	}
	return int(n.src[i]), int(n.srcEnd[j-1])
}
