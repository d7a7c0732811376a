package tag

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// startScan finds a pattern's matches by trying it only where a match
// can begin: a pattern every match of which starts with one of a few
// literals ("A ", "THE ", "who ") is run anchored at each occurrence of
// them instead of at every byte of the text. Go's regexp has no such
// prefilter for an alternation, and a lead-paragraph cue such as
// `\b(?:A|AN|THE) [A-Z]{4,}\b|\bAN [a-z]` cost more than the whole rest
// of the frames that way. The matches are exactly FindAllStringIndex's.
type startScan struct {
	lits  []startLit
	first [256]bool      // bytes a literal can start with
	at0   *regexp.Regexp // ^(?:pattern): a match at the start of the text
	at    *regexp.Regexp // ^(?s:.)(?:pattern): a match after the byte read as context
	// whole is the pattern itself, for a text holding ſ (U+017F) or K
	// (U+212A, Kelvin): under (?i) Go matches them for s and k, the only
	// non-ASCII runes that fold to ASCII, so a literal with s or k can
	// start there without its first byte being one of first. nil when no
	// literal folds an s or k.
	whole *regexp.Regexp
	// maxLen bounds the bytes a match can span (-1: unbounded). Each
	// anchored try is given only that much text after its literal, plus the
	// character after it for a closing \b: Go's backtracker clears a
	// table of program size × input length on every call, and a pattern
	// whose literals occur often ("in the", "rose") was tried on the whole
	// rest of the window at each of them.
	maxLen int
}

type startLit struct {
	s    string
	fold bool // ASCII case-insensitive
}

// newStartScan returns nil when the pattern does not start with known
// literals, or uses anchors whose meaning depends on where the text
// given to the regexp begins.
func newStartScan(expr string) *startScan {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || usesTextAnchors(re) {
		return nil
	}
	lits, ok := startLits(re.Simplify())
	if !ok || len(lits) == 0 || len(lits) > 24 {
		return nil
	}
	at0, err0 := regexp.Compile(`^(?:` + expr + `)`)
	at, err1 := regexp.Compile(`^(?s:.)(?:` + expr + `)`)
	if err0 != nil || err1 != nil {
		return nil
	}
	s := &startScan{lits: lits, at0: at0, at: at, maxLen: maxMatchLen(re)}
	for _, l := range lits {
		if l.fold && s.whole == nil && strings.ContainsAny(l.s, "sSkK") {
			s.whole = regexp.MustCompile(expr) // compiles: at0 holds it
		}
		c := l.s[0]
		s.first[c] = true
		if l.fold {
			s.first[lowerByte(c)] = true
			s.first[upperByte(c)] = true
		}
	}
	return s
}

// maxMatchLen bounds the bytes a match of re can span, or is -1 when a
// repetition is unbounded. maxLenOf counts a literal's own bytes; under
// (?i) a character can match one of another length (ſ for s, K for k,
// Ȿ for ȿ: at most 3 bytes for 2), so the bound is twice that.
func maxMatchLen(re *syntax.Regexp) int {
	if n := maxLenOf(re); n >= 0 {
		return 2 * n
	}
	return -1
}

func usesTextAnchors(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, s := range re.Sub {
		if usesTextAnchors(s) {
			return true
		}
	}
	return false
}

// startLits returns literals one of which every match of re starts with.
func startLits(re *syntax.Regexp) ([]startLit, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		for _, r := range re.Rune {
			// Under (?i) Go also matches K (Kelvin) for k and ſ for s:
			// findAll leaves a text holding either to the whole pattern.
			if r >= 0x80 || r == 0 {
				return nil, false
			}
		}
		if len(re.Rune) == 0 {
			return nil, false
		}
		return []startLit{{string(re.Rune), fold}}, true
	case syntax.OpCharClass:
		var out []startLit
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r >= 0x80 || r == 0 || len(out) >= 8 {
					return nil, false
				}
				out = append(out, startLit{string(r), false})
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return startLits(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return startLits(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []startLit
		for _, s := range re.Sub {
			l, ok := startLits(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if s.Op == syntax.OpWordBoundary || s.Op == syntax.OpNoWordBoundary {
				continue // zero-width, read with the byte before as context
			}
			return startLits(s)
		}
	}
	return nil, false
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperByte(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func (s *startScan) startsAt(w string, i int) bool {
	for _, l := range s.lits {
		if len(w)-i < len(l.s) {
			continue
		}
		if !l.fold {
			if strings.HasPrefix(w[i:], l.s) {
				return true
			}
			continue
		}
		k := 0
		for k < len(l.s) && lowerByte(w[i+k]) == lowerByte(l.s[k]) {
			k++
		}
		if k == len(l.s) {
			return true
		}
	}
	return false
}

// findAll is re.FindAllStringIndex(w, n) for the pattern s was made from.
// Every match starts at a literal, so trying each literal occurrence in
// order, anchored, finds the leftmost match; the byte before an
// occurrence is given to the regexp as context so \b reads as it would
// in w (a match cannot start on that byte: the occurrence is the first
// at or after the end of the previous match).
func (s *startScan) findAll(w string, n int) [][]int {
	if s.whole != nil && (strings.Contains(w, "\u017f") || strings.Contains(w, "\u212a")) {
		return s.whole.FindAllStringIndex(w, n)
	}
	var out [][]int
	for i := 0; i < len(w) && len(out) < n; {
		if !s.first[w[i]] || !s.startsAt(w, i) {
			i++
			continue
		}
		var m []int
		tail := w
		if s.maxLen >= 0 {
			tail = w[:min(len(w), i+s.maxLen+utf8.UTFMax)]
		}
		if i == 0 {
			m = s.at0.FindStringIndex(tail)
		} else if m = s.at.FindStringIndex(tail[i-1:]); m != nil {
			m[0], m[1] = i, i-1+m[1]
		}
		if m == nil {
			i++
			continue
		}
		out = append(out, m)
		i = m[1]
	}
	return out
}
