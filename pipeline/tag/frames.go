package tag

import (
	"math"
	"regexp/syntax"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framewatch/framewatch/news"
)

// score sums every frame's cue hits (frames.md, "Scoring model").
func (e *Engine) score(sc *scratch, a news.Article, texts [2]string, matches []news.Match, reported []qspan, words int) []news.FrameScore {
	// Near cues: an A hit and a B hit in one sentence, within N words.
	for _, ah := range sc.nearA {
		// One hit per A word, however many B words are close to it.
		for _, bh := range sc.nearB {
			if ah.cue != bh.cue || ah.part != bh.part || (ah.start < bh.end && bh.start < ah.end) {
				continue
			}
			part := int(ah.part)
			n, lay := &sc.norm[part], &sc.lay[part]
			aos, aoe := n.orig(int(ah.start), int(ah.end))
			bos, boe := n.orig(int(bh.start), int(bh.end))
			if lay.sentenceAt(aos) != lay.sentenceAt(bos) {
				continue
			}
			first, second := ah, bh
			if bh.start < ah.start {
				first, second = bh, ah
			}
			gap := n.wordAt(int(second.start)) - n.wordAt(int(first.end)-1)
			c := e.cues[ah.cue]
			if gap > c.within {
				continue
			}
			os := min(aos, bos)
			loc, inQuote, voice := e.where(sc, part, os)
			if voice == VoiceTitle || voice == VoiceMention || !allowedIn(c.c.In, loc) || (c.journalist && inQuote) {
				continue
			}
			sc.cueHits = append(sc.cueHits, cueHit{ah.cue, e.cueValue(c, loc, inQuote), texts[part][os:max(aoe, boe)], loc, int32(os), ""})
			break
		}
	}
	// Rule cues: a language-rule match counts as a cue hit.
	for _, m := range matches {
		if m.Voice == VoiceMention || m.Voice == VoiceTitle {
			continue // not a use of the word
		}
		for _, ci := range e.ruleCues[m.Rule] {
			c := e.cues[ci]
			if !allowedIn(c.c.In, m.Location) || (c.journalist && m.InQuote) {
				continue
			}
			sc.cueHits = append(sc.cueHits, cueHit{int32(ci), e.cueValue(c, m.Location, m.InQuote), m.Text, m.Location, int32(m.Start), m.Rule})
		}
	}
	// Role cues: each quote, direct or reported, whose speaker has the role.
	if len(e.roleCues) > 0 {
		for part := range texts {
			for _, sp := range sc.spans[part] {
				e.roleHits(sc, part, sp)
			}
		}
		for _, sp := range reported {
			e.roleHits(sc, partBody, sp)
		}
	}
	// Pattern cues: on the sentences a trigger was seen in, or everywhere.
	clear(sc.found) // drop the last article's match slices
	sc.found = sc.found[:0]
	// Counting sort by cue: stable, so each cue's triggers stay in text order.
	sc.trig2 = append(sc.trig2[:0], sc.trig...)
	trigFrom, trigTo := sc.ranges(len(e.cues), len(sc.trig2), func(i int) int32 { return sc.trig2[i].cue })
	for c := range trigFrom {
		trigTo[c] = trigFrom[c] // the fill position, which ends as the end
	}
	for _, t := range sc.trig2 {
		sc.trig[trigTo[t.cue]] = t
		trigTo[t.cue]++
	}
	for ci, c := range e.cues {
		if c.re == nil {
			continue
		}
		for part, s := range texts {
			lay := &sc.lay[part]
			if part == partTitle && !allowedIn(c.c.In, news.Headline) || part == partBody && c.c.In == news.Headline {
				continue
			}
			if !c.triggered {
				if c.run.n == 0 || c.run.in(s) {
					e.patternHits(sc, c, int32(ci), part, s, span{0, len(s)})
				}
				continue
			}
			// Search a window around each trigger (as wide as the longest
			// possible match, widened to whole words), merging overlaps.
			win := span{-1, -1}
			trigs := sc.trig[trigFrom[ci]:trigTo[ci]]
			for _, t := range trigs {
				if int(t.part) != part || t.sent < 0 || t.group != 0 || c.groups > 1 && !hasGroup(trigs, t.part, t.sent, 1) {
					continue
				}
				sent := lay.sents[t.sent]
				w := sent
				if c.before >= 0 {
					w.start = max(sent.start, int(t.start)-c.before)
				}
				if c.after >= 0 {
					w.end = min(sent.end, int(t.end)+c.after)
				}
				w = wholeWords(s, w, sent)
				if win.start >= 0 && w.start <= win.end {
					win.end = max(win.end, w.end)
					continue
				}
				if win.start >= 0 {
					e.patternHits(sc, c, int32(ci), part, s, win)
				}
				win = w
			}
			if win.start >= 0 {
				e.patternHits(sc, c, int32(ci), part, s, win)
			}
		}
	}
	// Counting sort by cue, stable like the triggers'.
	hitFrom, hitTo := sc.ranges(len(e.cues), len(sc.cueHits), func(i int) int32 { return sc.cueHits[i].cue })
	for c := range hitFrom {
		hitTo[c] = hitFrom[c]
	}
	sc.hits2 = slices.Grow(sc.hits2[:0], len(sc.cueHits))[:len(sc.cueHits)]
	for _, h := range sc.cueHits {
		sc.hits2[hitTo[h.cue]] = h
		hitTo[h.cue]++
	}
	sc.cueHits, sc.hits2 = sc.hits2, sc.cueHits
	out := make([]news.FrameScore, len(e.frames))
	for fi, fr := range e.frames {
		f := fr.f
		fs := news.FrameScore{Frame: f.ID, Evidence: []string{}}
		positive, anchored := 0, false
		sc.claimed = sc.claimed[:0]
		for _, ci := range fr.cues {
			// A span an earlier cue of this frame already scored is one
			// piece of evidence, not two ("monster" is both dehum.* and
			// dehum.monster): the first cue in the file keeps it.
			hits := sc.unclaimed(sc.cueHits[hitFrom[ci]:hitTo[ci]])
			if len(hits) == 0 {
				continue
			}
			// Evidence: the first two hits that read differently. The
			// quoted text is built in a scratch buffer and only kept when
			// it is new.
			var ev [2]string
			nev := 0
			for _, h := range hits {
				if nev == 2 {
					break
				}
				sc.buf = strconv.AppendQuote(sc.buf[:0], squash(h.text))
				sc.buf = append(append(append(sc.buf, " ("...), h.location...), ')')
				if nev == 1 && hasSuffix(ev[0], sc.buf) {
					continue
				}
				ev[nev] = e.cues[ci].c.ID + ": " + string(sc.buf)
				nev++
			}
			// The same cue counts in full once, at half weight once more,
			// then not at all: keep the two biggest hits.
			v := topTwo(sc, hits)
			if cp := e.cues[ci].c.Cap; cp > 0 && math.Abs(v) > cp {
				v = math.Copysign(cp, v)
			}
			fs.Score += v
			if c := e.cues[ci].c; c.Weight > 0 {
				positive++
				if c.Echo && echoed(hits) {
					positive++
				}
				if c.PerRule && twoRules(hits) {
					positive++
				}
				anchored = anchored || !c.Supporting
			}
			fs.Evidence = append(fs.Evidence, ev[:nev]...)
		}
		t := f.Threshold
		if f.LongArticleWords > 0 && words > f.LongArticleWords {
			t *= 1.3
		}
		fs.Score = math.Round(fs.Score*100) / 100
		if !anchored {
			positive = 0 // supporting cues alone make no frame
		}
		fs.Cues = positive
		fs.Fired = fs.Score >= t && positive >= f.MinCues && kindFits(f.Kinds, a.Kind)
		fs.Strong = fs.Fired && fs.Score >= 2*t
		out[fi] = fs
	}
	return out
}

// roleHits adds a hit for every role cue of the quote's speaker. Titles,
// mentions and scare quotes are not speech; a quote inside a quote is its
// outer speaker's.
func (e *Engine) roleHits(sc *scratch, part int, sp qspan) {
	if sp.role == "" || sp.depth > 1 || sp.voice == VoiceTitle || sp.voice == VoiceMention || sp.voice == VoiceScare {
		return
	}
	loc := news.Headline
	if part == partBody {
		loc = news.Body
		if sc.lay[part].paraAt(sp.start) == 0 {
			loc = news.Lead
		}
	}
	for _, ci := range e.roleCues[sp.role] {
		c := e.cues[ci]
		if !allowedIn(c.c.In, loc) {
			continue
		}
		// The evidence is who spoke, not the whole quote.
		sc.cueHits = append(sc.cueHits, cueHit{int32(ci), e.cueValue(c, loc, true), sp.speaker, loc, int32(sp.start), ""})
	}
}

// twoRules reports whether a rule cue's hits came from more than one
// language rule: two different labels, two pieces of evidence.
func twoRules(hits []cueHit) bool {
	for _, h := range hits[1:] {
		if h.rule != hits[0].rule {
			return true
		}
	}
	return false
}

// kindFits reports whether a frame limited to some article kinds can fire
// on this one; an article of no stated kind is news.
func kindFits(kinds []string, kind string) bool {
	if len(kinds) == 0 {
		return true
	}
	if kind == "" {
		kind = "news"
	}
	return slices.Contains(kinds, kind)
}

// echoed reports whether a cue's hits include the headline and somewhere
// below it: the framing word the story is sold on, repeated where it is told.
func echoed(hits []cueHit) bool {
	head, below := false, false
	for _, h := range hits {
		if h.location == news.Headline {
			head = true
		} else {
			below = true
		}
	}
	return head && below
}

// unclaimed drops the hits at spans already claimed in this frame and
// claims the rest. The result reuses sc.hits3.
func (sc *scratch) unclaimed(hits []cueHit) []cueHit {
	if len(hits) == 0 {
		return hits
	}
	out := sc.hits3[:0]
	for _, h := range hits {
		k := claim{h.location, h.start, int32(len(h.text))}
		if !slices.Contains(sc.claimed, k) {
			out = append(out, h)
		}
	}
	for _, h := range out {
		sc.claimed = append(sc.claimed, claim{h.location, h.start, int32(len(h.text))})
	}
	sc.hits3 = out
	return out
}

// claim is a span scored by a cue. Only the same span is the same
// evidence: "victim personal statement" and "victim ... said" start
// together but say different things.
type claim struct {
	location   string
	start, len int32
}

// topTwo is the biggest hit value (by size) plus half the next biggest.
func topTwo(sc *scratch, hits []cueHit) float64 {
	pos, neg := false, false
	for _, h := range hits {
		pos, neg = pos || h.value > 0, neg || h.value < 0
	}
	if pos && neg {
		// Mixed signs: equal sizes could then differ in value, so keep
		// the sort's order exactly.
		vals := sc.vals[:0]
		for _, h := range hits {
			vals = append(vals, h.value)
		}
		sc.vals = vals
		sort.Slice(vals, func(i, j int) bool { return math.Abs(vals[i]) > math.Abs(vals[j]) })
		if len(vals) > 1 {
			return vals[0] + vals[1]/2
		}
		return vals[0]
	}
	// One sign: values of equal size are equal, any order gives the same sum.
	first, second := hits[0].value, 0.0
	for _, h := range hits[1:] {
		if math.Abs(h.value) > math.Abs(first) {
			first, second = h.value, first
		} else if math.Abs(h.value) > math.Abs(second) {
			second = h.value
		}
	}
	return first + second/2
}

// squash is strings.Join(strings.Fields(s), " ") without the allocations
// when s has no runs of space, outer space or other white space.
func squash(s string) string {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
			continue
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return strings.Join(strings.Fields(s), " ")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size - 1
		}
		prevSpace = false
	}
	if prevSpace && len(s) > 0 {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func hasSuffix(s string, b []byte) bool {
	return len(s) >= len(b) && s[len(s)-len(b):] == string(b)
}

// hasGroup reports whether a trigger of group g was seen in sentence sent.
func hasGroup(trigs []trigHit, part int8, sent int32, g int8) bool {
	for _, t := range trigs {
		if t.group == g && t.part == part && t.sent == sent {
			return true
		}
	}
	return false
}

// wholeWords widens w so it neither starts nor ends inside a word (a
// regexp's \b must see the real neighbours), staying inside sent.
func wholeWords(s string, w, sent span) span {
	for w.start > sent.start {
		r, size := utf8.DecodeLastRuneInString(s[:w.start])
		if !isLetterOrDigit(r) {
			break
		}
		w.start -= size
	}
	for w.end < sent.end {
		r, size := utf8.DecodeRuneInString(s[w.end:])
		if !isLetterOrDigit(r) {
			break
		}
		w.end += size
	}
	// One more character each side for \b and look-behind-like classes.
	if w.start > sent.start {
		_, size := utf8.DecodeLastRuneInString(s[:w.start])
		w.start -= size
	}
	if w.end < sent.end {
		_, size := utf8.DecodeRuneInString(s[w.end:])
		w.end += size
	}
	return w
}

// maxLenOf is the longest match of a regular expression in bytes, or -1
// when it is unbounded.
func maxLenOf(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(r)
		}
		return n
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine,
		syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxLenOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return -1
		}
		if m := maxLenOf(re.Sub[0]); m >= 0 {
			return re.Max * m
		}
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			m := maxLenOf(sub)
			if m < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += m
			} else {
				total = max(total, m)
			}
		}
		return total
	}
	return -1
}

// ranges indexes a slice sorted by cue: items of cue c are [from[c], to[c]).
// Computed from counts, so it also gives the layout a stable sort by cue
// will produce.
func (sc *scratch) ranges(ncues, n int, cueOf func(int) int32) (from, to []int32) {
	if cap(sc.from) < ncues {
		sc.from, sc.to = make([]int32, ncues), make([]int32, ncues)
	}
	from, to = sc.from[:ncues], sc.to[:ncues]
	clear(from)
	clear(to)
	for i := 0; i < n; i++ {
		to[cueOf(i)]++
	}
	pos := int32(0)
	for c := range from {
		from[c] = pos
		pos += to[c]
		to[c] = pos
	}
	return from, to
}

func (e *Engine) patternHits(sc *scratch, c *cue, ci int32, part int, s string, sp span) {
	for _, m := range sc.findAll(c, part, s, sp) {
		os := sp.start + m[0]
		loc, inQuote, voice := e.where(sc, part, os)
		if voice == VoiceTitle || voice == VoiceMention || !allowedIn(c.c.In, loc) || (c.journalist && inQuote) {
			continue
		}
		sc.cueHits = append(sc.cueHits, cueHit{ci, e.cueValue(c, loc, inQuote), s[os : sp.start+m[1]], loc, int32(os), ""})
	}
}

// findAll runs a cue's pattern on one window, or reuses what the same
// pattern found there for another cue.
func (sc *scratch) findAll(c *cue, part int, s string, sp span) [][]int {
	if !c.shared {
		return c.findAll3(s[sp.start:sp.end])
	}
	for _, f := range sc.found {
		if f.re == c.re && f.part == part && f.win == sp {
			return f.locs
		}
	}
	locs := c.findAll3(s[sp.start:sp.end])
	sc.found = append(sc.found, foundSpan{c.re, part, sp, locs})
	return locs
}

func (c *cue) findAll3(w string) [][]int {
	if c.starts != nil {
		return c.starts.findAll(w, 3)
	}
	return c.re.FindAllStringIndex(w, 3)
}

// charRun is a run of n characters of one ASCII class that every match
// contains (`[A-Z]{3,}`): a pattern with no trigger literal need not run
// on a text without one. n == 0: none known.
type charRun struct {
	class [128]bool
	n     int
}

func (r *charRun) in(s string) bool {
	k := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 128 && r.class[c] {
			if k++; k >= r.n {
				return true
			}
		} else {
			k = 0
		}
	}
	return false
}

// requiredRun finds the longest run of one ASCII character class in the
// top-level sequence of a pattern, if at least two characters long.
func requiredRun(expr string) charRun {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return charRun{}
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat {
		return charRun{}
	}
	classOf := func(x *syntax.Regexp) (*syntax.Regexp, int) {
		switch {
		case x.Op == syntax.OpCharClass:
			return x, 1
		case x.Op == syntax.OpPlus && x.Sub[0].Op == syntax.OpCharClass:
			return x.Sub[0], 1
		case x.Op == syntax.OpRepeat && x.Min >= 1 && x.Sub[0].Op == syntax.OpCharClass:
			return x.Sub[0], x.Min
		}
		return nil, 0
	}
	// x{3,} simplifies to a nested xxx+: flatten.
	var flat []*syntax.Regexp
	var add func(x *syntax.Regexp)
	add = func(x *syntax.Regexp) {
		if x.Op == syntax.OpConcat {
			for _, y := range x.Sub {
				add(y)
			}
			return
		}
		flat = append(flat, x)
	}
	add(re)
	var best charRun
	var cur *syntax.Regexp
	n := 0
	for _, sub := range flat {
		cl, k := classOf(sub)
		if cl == nil || cl.Flags&syntax.FoldCase != 0 || !asciiRanges(cl.Rune) {
			cur, n = nil, 0
			continue
		}
		if cur != nil && slices.Equal(cur.Rune, cl.Rune) {
			n += k
		} else {
			cur, n = cl, k
		}
		if n > best.n && n >= 2 {
			best = charRun{n: n}
			for i := 0; i+1 < len(cl.Rune); i += 2 {
				for r := cl.Rune[i]; r <= cl.Rune[i+1]; r++ {
					best.class[r] = true
				}
			}
		}
	}
	return best
}

func asciiRanges(rs []rune) bool {
	for _, r := range rs {
		if r >= 128 {
			return false
		}
	}
	return len(rs) > 0
}

// requiredLiterals returns strings of which at least one occurs in every
// match of the regular expression, so the automaton can tell which
// sentences are worth running it on. ok is false when there are none
// selective enough. Single digits count (few sentences have numbers).
func requiredLiterals(expr string) ([]string, bool) {
	sets := requiredLiteralSets(expr)
	if len(sets) == 0 {
		return nil, false
	}
	return sets[0].lits, true
}

// requiredLiteralSets returns up to two sets of strings that every match
// contains one of each, from different parts of the expression: the
// pattern need run only on sentences where both sets were seen ("I was"
// and "prison" for `\bI was\b[^.]{0,40}\bprison`). The first is the more
// selective; its before and after bound how far a match reaches beyond it.
func requiredLiteralSets(expr string) []litCand {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	var cands []litCand
	if re.Op == syntax.OpConcat {
		cands = concatCands(re, maxTriggerForms)
	} else if c, ok := literalsOf(re, maxTriggerForms); ok {
		cands = []litCand{c}
	}
	for k := range cands {
		// The automaton sees a string without the separators it starts
		// or ends with (" crown court"): the match reaches that much
		// further.
		c := &cands[k]
		lead, trail := 0, 0
		for _, l := range c.lits {
			t := strings.TrimLeftFunc(l, isSeparator)
			lead = max(lead, len(l)-len(t))
			trail = max(trail, len(t)-len(strings.TrimRightFunc(t, isSeparator)))
		}
		c.before, c.after = addLen(c.before, lead), addLen(c.after, trail)
	}
	var first *litCand
	for i := range cands {
		if c := &cands[i]; usable(c.lits) && (first == nil || better(c.lits, first.lits)) {
			first = c
		}
	}
	if first == nil {
		return nil
	}
	var second *litCand
	for i := range cands {
		c := &cands[i]
		if c.j < first.i || c.i > first.j {
			if usable(c.lits) && (second == nil || better(c.lits, second.lits)) {
				second = c
			}
		}
	}
	if second == nil {
		return []litCand{*first}
	}
	return []litCand{*first, *second}
}

func usable(l []string) bool {
	return len(l) > 0 && len(l) <= maxTriggerForms && literalRank(l) > 0
}

// maxTriggerForms bounds the strings one pattern adds to the automaton as
// triggers: ", 34," is far more selective than "3", and a few hundred
// extra automaton states cost nothing at scan time.
const maxTriggerForms = 256

// literalRank: 2 for words and numbers, 1 for single digits and rare
// symbols, 0 for anything that would fire in almost every sentence
// (punctuation, a two-letter fragment such as "am"). Judged on the
// normalised form, which is what the automaton sees.
func literalRank(lits []string) int {
	rank := 2
	for _, l := range lits {
		t := normaliseString(l)
		switch {
		case strings.Contains(l, "&"): // could be an entity the normaliser decodes
			return 0
		case len(t) >= 3 && strings.IndexFunc(t, isLetterOrDigit) >= 0:
		case len(t) == 2 && strings.ContainsAny(t, "0123456789"):
		case len(t) >= 1 && len(t) <= 2 && strings.Trim(t, "0123456789!?%") == "":
			rank = min(rank, 1)
		default:
			return 0
		}
	}
	return rank
}

// better reports whether literal set a filters more sentences out than b:
// higher rank, then a longer shortest string, then fewer strings.
func better(a, b []string) bool {
	ra, rb := literalRank(a), literalRank(b)
	if ra != rb {
		return ra > rb
	}
	la, lb := shortestNorm(a), shortestNorm(b)
	if la != lb {
		return la > lb
	}
	return len(a) < len(b)
}

func shortestNorm(l []string) int {
	n := math.MaxInt
	for _, x := range l {
		n = min(n, len(normaliseString(x)))
	}
	return n
}

// litCand is a literal set found in parts [i, j] of a concatenation.
type litCand struct {
	lits          []string
	i, j          int
	before, after int // longest match bytes before and after the literal, -1 unbounded
}

// concatCands lists the literal sets of a concatenation: each part's own,
// and runs of neighbouring parts crossed: every match of `, \d\d?,`
// contains one of ", 34,", ", 7,"…, which a digit alone would not tell
// apart from any number.
func concatCands(re *syntax.Regexp, limit int) []litCand {
	var out []litCand
	lenOf := func(subs []*syntax.Regexp) int {
		return maxLenOf(&syntax.Regexp{Op: syntax.OpConcat, Sub: subs})
	}
	for k, sub := range re.Sub {
		if c, ok := literalsOf(sub, limit); ok {
			c.i, c.j = k, k
			c.before, c.after = addLen(lenOf(re.Sub[:k]), c.before), addLen(c.after, lenOf(re.Sub[k+1:]))
			out = append(out, c)
		}
	}
	for i := range re.Sub {
		cur := []string{""}
		start := i
		// Where the run's first string can start: after all parts before
		// it, or earlier when it opens with x+ (its last x) or with the
		// last character of the part before.
		before := lenOf(re.Sub[:i])
		if i > 0 {
			// The run may begin with the last character of what precedes
			// it: `\d\d?(?:[.:]\d\d)? ?[ap]m` always has a digit before
			// " pm", so "0pm"…"9 am" are triggers where "am" alone is in
			// half the words of English.
			if lc, ok := lastChars(re.Sub[:i]); ok {
				cur = lc
				start = i - 1
			}
		}
		for j := i; j < len(re.Sub); j++ {
			sub := re.Sub[j]
			forms, ok := finite(sub, true)
			last := false
			if !ok && (sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1) {
				// x+ at either end of a run: the repeat next to the run's
				// other parts is one x (the last one when the run starts
				// with it; else the first, and the run ends there).
				if forms, ok = finite(sub.Sub[0], true); ok {
					if j > start {
						last = true
					} else {
						before = lenOf(re.Sub[:i+1])
					}
				}
			}
			if !ok {
				break
			}
			if cur = crossN(cur, forms, limit); cur == nil {
				break
			}
			if j > start {
				after := lenOf(re.Sub[j+1:])
				if last {
					after = lenOf(re.Sub[j:])
				}
				out = append(out, litCand{lits: slices.Clone(cur), i: start, j: j, before: before, after: after})
			}
			if last {
				break
			}
		}
	}
	return out
}

// addLen adds lengths of which -1 means unbounded.
func addLen(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return a + b
}

// lastChars is the set of characters (lower-cased) a match of the
// concatenation subs can end with; ok is false when that is unknown or
// the match may be empty.
func lastChars(subs []*syntax.Regexp) ([]string, bool) {
	var set []string
	for k := len(subs) - 1; k >= 0; k-- {
		l, empty, ok := lastCharsOf(subs[k])
		if !ok {
			return nil, false
		}
		for _, x := range l {
			if !slices.Contains(set, x) {
				set = append(set, x)
			}
		}
		if len(set) > 24 {
			return nil, false
		}
		if !empty {
			return set, len(set) > 0
		}
	}
	return nil, false
}

func lastCharsOf(re *syntax.Regexp) (set []string, empty, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		r := re.Rune[len(re.Rune)-1:]
		f, ok := finite(&syntax.Regexp{Op: syntax.OpLiteral, Rune: r, Flags: re.Flags}, true)
		return f, false, ok
	case syntax.OpCharClass:
		f, ok := finite(re, true)
		return f, false, ok
	case syntax.OpCapture:
		return lastCharsOf(re.Sub[0])
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		set, empty, ok = lastCharsOf(re.Sub[0])
		return set, empty || re.Op == syntax.OpQuest || re.Op == syntax.OpStar || re.Op == syntax.OpRepeat && re.Min == 0, ok
	case syntax.OpConcat:
		set, ok = lastChars(re.Sub)
		if !ok {
			return nil, false, false // unknown, or possibly empty: give up
		}
		return set, false, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			l, e, ok := lastCharsOf(sub)
			if !ok {
				return nil, false, false
			}
			for _, x := range l {
				if !slices.Contains(set, x) {
					set = append(set, x)
				}
			}
			empty = empty || e
		}
		return set, empty, len(set) <= 24
	}
	return nil, false, false
}

func literalsOf(re *syntax.Regexp, limit int) (litCand, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return litCand{lits: []string{strings.ToLower(string(re.Rune))}}, true
	case syntax.OpCharClass:
		if len(re.Rune) == 2 && re.Rune[0] == '0' && re.Rune[1] == '9' {
			return litCand{lits: strings.Split("0123456789", "")}, true
		}
	case syntax.OpCapture:
		return literalsOf(re.Sub[0], limit)
	case syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpPlus || re.Min >= 1 {
			// In any one of the repeats: unbounded, or bounded by the
			// whole repeat's length.
			c, ok := literalsOf(re.Sub[0], limit)
			n := maxLenOf(re)
			c.before, c.after = n, n
			return c, ok
		}
	case syntax.OpConcat:
		var best *litCand
		cands := concatCands(re, limit)
		for k := range cands {
			if c := &cands[k]; usable(c.lits) && (best == nil || better(c.lits, best.lits)) {
				best = c
			}
		}
		if best == nil {
			return litCand{}, false
		}
		return *best, true
	case syntax.OpAlternate:
		// Every branch needs its own set; they share the budget.
		var all litCand
		for _, sub := range re.Sub {
			c, ok := literalsOf(sub, max(1, limit/len(re.Sub)))
			if !ok {
				return litCand{}, false
			}
			all.lits = append(all.lits, c.lits...)
			all.before, all.after = maxBound(all.before, c.before), maxBound(all.after, c.after)
		}
		return all, true
	}
	return litCand{}, false
}

// maxBound is the larger of two lengths of which -1 means unbounded.
func maxBound(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

// maxFiniteForms bounds how many strings a pattern may expand to before it
// is left to the regular-expression engine.
const maxFiniteForms = 400

// finiteForms expands a case-insensitive regular expression that matches
// only a small, finite set of word sequences into that set, normalised for
// the automaton: `(?i)\bpay(s|ing)? for (his|her|their) crimes?\b` becomes
// 24 phrases that cost nothing extra to find. ok is false for anything
// else (unbounded repeats, case-sensitive letters, any-character classes).
func finiteForms(expr string) ([]string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	set, ok := finite(re.Simplify(), false)
	if !ok {
		return nil, false
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range set {
		n := normaliseString(s)
		if n == "" {
			return nil, false
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, len(out) > 0
}

// finite lists the strings re matches, lower-cased; approx accepts
// case-sensitive letters too (a superset, good enough for triggers).
func finite(re *syntax.Regexp, approx bool) ([]string, bool) {
	fold := approx || re.Flags&syntax.FoldCase != 0
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if unicode.IsLetter(r) && !fold {
				return nil, false
			}
		}
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpCharClass:
		var set []string
		seen := map[string]bool{}
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if n++; n > 24 {
					return nil, false
				}
				var s string
				switch {
				case isSeparator(r):
					s = " "
				case isApostrophe(r):
					s = "'"
				case unicode.IsLetter(r):
					s = strings.ToLower(string(r))
				default:
					s = string(r)
				}
				if !seen[s] {
					seen[s] = true
					set = append(set, s)
				}
			}
		}
		// A class of letters must be case-insensitive ([Jj]), or the regexp
		// would reject capitals that the automaton accepts.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if unicode.IsLetter(r) && !fold && !inRanges(re.Rune, unicode.SimpleFold(r)) {
					return nil, false
				}
			}
		}
		return set, true
	case syntax.OpCapture:
		return finite(re.Sub[0], approx)
	case syntax.OpQuest:
		s, ok := finite(re.Sub[0], approx)
		return append(s, ""), ok
	case syntax.OpRepeat:
		if re.Max < 0 || re.Max > 3 {
			return nil, false
		}
		sub, ok := finite(re.Sub[0], approx)
		if !ok {
			return nil, false
		}
		var out []string
		for k := re.Min; k <= re.Max; k++ {
			cur := []string{""}
			for i := 0; i < k; i++ {
				if cur = cross(cur, sub); cur == nil {
					return nil, false
				}
			}
			out = append(out, cur...)
		}
		return out, len(out) <= maxFiniteForms
	case syntax.OpConcat:
		cur := []string{""}
		for _, sub := range re.Sub {
			s, ok := finite(sub, approx)
			if !ok {
				return nil, false
			}
			if cur = cross(cur, s); cur == nil {
				return nil, false
			}
		}
		return cur, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s, ok := finite(sub, approx)
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		}
		return out, len(out) <= maxFiniteForms
	}
	return nil, false
}

func cross(a, b []string) []string { return crossN(a, b, maxFiniteForms) }

func crossN(a, b []string, limit int) []string {
	if len(a)*len(b) > limit {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func inRanges(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if r >= ranges[i] && r <= ranges[i+1] {
			return true
		}
	}
	return false
}
