// Package tag applies a ruleset to articles: it finds the language-rule
// matches with their context and voice, scores every frame, finds the
// quotations and (optionally) the named entities.
//
// All match forms, exception phrases and cue phrases of all rules are
// compiled into one Aho-Corasick automaton over a normalised copy of the
// text, so the cost of a scan does not grow with the number of rules; only
// the few candidates it finds are checked against their rule's conditions,
// and the part-of-speech tagger runs only on a candidate's sentence.
package tag

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// Options change what Tag computes.
type Options struct {
	// Entities runs named-entity recognition (prose v2, on the headline and
	// the first paragraphs) corrected by the gazetteers. It costs far more
	// than everything else together; see docs/rules.md.
	Entities bool
}

// Engine is a compiled ruleset. It is safe for concurrent use.
type Engine struct {
	rs      *rules.Ruleset
	opts    Options
	ac      *automaton
	targets [][]target // per automaton pattern
	terms   []*termRule
	lists   map[string]int32
	cues    []*cue
	frames  []*frame
	// ruleCues lists, per language-rule id, the cues that refer to it.
	ruleCues map[string][]int
	// roleCues lists, per speaker role, the cues that count its quotes.
	roleCues map[string][]int
	gaz      *gazetteer
	roles    *roleMatcher
	pool     sync.Pool
}

const (
	tTerm uint8 = iota
	tExcept
	tCue
	tNearA
	tNearB
	tTrigger
)

type target struct {
	kind    uint8
	inflect bool
	sib     bool  // the form ends in s, x, z, ch, sh or o: -es and a bare ' are plurals
	idx     int32 // term rule, except list or cue
	form    int32 // term: index of the form in termRule.forms
}

type termRule struct {
	r                                    *rules.Rule
	forms                                []string // expanded match forms as written
	nameNext                             []bool   // per form: it ended in " ^", a capitalised word must follow
	lists                                []int32  // except lists that apply
	preceded, notPreceded                [][]string
	followed, notFollowed                [][]string
	near, notNear, paraNear, notParaNear *nearCond
	inArticle, notInArticle              *nearCond
	idx                                  int // place in Engine.terms: the scratch's article answers
}

type nearCond struct {
	words  [][]string
	within int
	with   [][]string // in_article: a word of with within `within` words, in one sentence
}

type cue struct {
	frame     int
	c         *rules.Cue
	re        *regexp.Regexp
	triggered bool    // the pattern runs only on sentences where a trigger literal was seen
	groups    int8    // trigger sets (1 or 2): a sentence needs a trigger of each
	shared    bool    // another cue has the same pattern: cache its matches
	run       charRun // untriggered pattern: a run of characters every match has
	starts    *startScan
	// before, after: how far in bytes a match can reach before and after
	// its trigger; -1 when unbounded (the sentence bounds the search).
	before, after int
	within        int
	journalist    bool
}

type frame struct {
	f    *rules.Frame
	cues []int
}

// New compiles a ruleset. A ruleset no style profile was applied to gets
// the default (rules.DefaultStyle), so every engine tags one way.
func New(rs *rules.Ruleset, opts Options) (*Engine, error) {
	if rs.Style == "" {
		var err error
		if rs, err = rs.WithStyle(""); err != nil {
			return nil, err
		}
	}
	e := &Engine{rs: rs, opts: opts, lists: map[string]int32{}}
	patIndex := map[string]int32{}
	var pats []string
	add := func(form string, t target) {
		for _, v := range variants(form) {
			id, ok := patIndex[v]
			if !ok {
				id = int32(len(pats))
				patIndex[v] = id
				pats = append(pats, v)
				e.targets = append(e.targets, nil)
			}
			tt := t
			tt.sib = endsSibilant(v)
			e.targets[id] = append(e.targets[id], tt)
		}
	}
	// Allowlists first: rules refer to them by number.
	names := make([]string, 0, len(rs.Allowlists))
	for name := range rs.Allowlists {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		id := int32(len(e.lists))
		e.lists[name] = id
		for _, p := range rs.Allowlists[name] {
			for _, f := range expandForm(p) {
				add(f, target{kind: tExcept, idx: id, inflect: true})
			}
		}
	}
	nextList := int32(len(e.lists))
	for ri, r := range rs.Rules {
		tr := &termRule{r: r}
		for _, m := range r.Match {
			for _, f := range expandForm(m) {
				// "evil ^": the word, then any name ("Evil Dobson").
				base, name := strings.CutSuffix(f, " ^")
				if normaliseString(base) == "" {
					continue
				}
				tr.forms = append(tr.forms, base)
				tr.nameNext = append(tr.nameNext, name)
				add(base, target{kind: tTerm, idx: int32(ri), form: int32(len(tr.forms) - 1), inflect: r.InflectOn() && !name})
			}
		}
		if g, ok := e.lists["global"]; ok {
			tr.lists = append(tr.lists, g)
		}
		private := int32(-1)
		for _, x := range r.Except {
			if name, ok := strings.CutPrefix(x, "@"); ok {
				id, found := e.lists[name]
				if !found {
					return nil, fmt.Errorf("%s: rule %s: unknown allowlist %q", r.Pos, r.ID, x)
				}
				tr.lists = append(tr.lists, id)
				continue
			}
			if private < 0 {
				private = nextList
				nextList++
				tr.lists = append(tr.lists, private)
			}
			for _, f := range expandForm(x) {
				add(f, target{kind: tExcept, idx: private, inflect: true})
			}
		}
		tr.preceded, tr.notPreceded = wordSeqs(r.PrecededBy), wordSeqs(r.NotPrecededBy)
		tr.followed, tr.notFollowed = wordSeqs(r.FollowedBy), wordSeqs(r.NotFollowedBy)
		tr.near, tr.notNear, tr.paraNear, tr.notParaNear = nearOf(r.Near), nearOf(r.NotNear), nearOf(r.ParaNear), nearOf(r.NotParaNear)
		tr.inArticle, tr.notInArticle = nearOf(r.InArticle), nearOf(r.NotInArticle)
		tr.idx = len(e.terms)
		e.terms = append(e.terms, tr)
	}
	compiled := map[string]*regexp.Regexp{}
	for fi, f := range rs.Frames {
		fr := &frame{f: f}
		for ci := range f.Cues {
			c := &f.Cues[ci]
			id := int32(len(e.cues))
			cu := &cue{frame: fi, c: c, journalist: c.Voice == "journalist"}
			fr.cues = append(fr.cues, int(id))
			e.cues = append(e.cues, cu)
			switch {
			case len(c.Phrase) > 0:
				for _, p := range c.Phrase {
					for _, form := range expandForm(p) {
						add(form, target{kind: tCue, idx: id, inflect: c.InflectOn()})
					}
				}
			case c.Near != nil:
				cu.within = c.Near.Within
				for _, p := range c.Near.A {
					for _, form := range expandForm(p) {
						add(form, target{kind: tNearA, idx: id, inflect: true})
					}
				}
				for _, p := range c.Near.B {
					for _, form := range expandForm(p) {
						add(form, target{kind: tNearB, idx: id, inflect: true})
					}
				}
			case c.Pattern != "":
				if forms, ok := finiteForms(c.Pattern); ok {
					// A finite pattern becomes phrases: no regexp run at all.
					for _, f := range forms {
						pid, seen := patIndex[f]
						if !seen {
							pid = int32(len(pats))
							patIndex[f] = pid
							pats = append(pats, f)
							e.targets = append(e.targets, nil)
						}
						e.targets[pid] = append(e.targets[pid], target{kind: tCue, idx: id})
					}
					continue
				}
				re, ok := compiled[c.Pattern]
				if !ok {
					var err error
					if re, err = regexp.Compile(c.Pattern); err != nil {
						return nil, fmt.Errorf("%s: frame %s: cue %s: %v", c.Pos, f.ID, c.ID, err)
					}
					compiled[c.Pattern] = re
				} else {
					// Two frames read the same pattern (a name and age is
					// episodic evidence and a thematic counter-cue): the
					// second reuses the first's matches.
					cu.shared = true
					for _, o := range e.cues {
						if o.re == re {
							o.shared = true
						}
					}
				}
				cu.re = re
				cu.starts = newStartScan(c.Pattern)
				cu.run = requiredRun(c.Pattern)
				if sets := requiredLiteralSets(c.Pattern); len(sets) > 0 {
					cu.triggered, cu.groups = true, int8(len(sets))
					cu.before, cu.after = sets[0].before, sets[0].after
					for g, set := range sets {
						for _, l := range set.lits {
							v := normaliseString(l)
							if v == "" {
								cu.triggered = false
								continue
							}
							id2, ok := patIndex[v]
							if !ok {
								id2 = int32(len(pats))
								patIndex[v] = id2
								pats = append(pats, v)
								e.targets = append(e.targets, nil)
							}
							e.targets[id2] = append(e.targets[id2], target{kind: tTrigger, idx: id, form: int32(g)})
						}
					}
				}
			}
		}
		e.frames = append(e.frames, fr)
	}
	e.ruleCues, e.roleCues = map[string][]int{}, map[string][]int{}
	for ci, c := range e.cues {
		if c.c.Role != "" {
			e.roleCues[c.c.Role] = append(e.roleCues[c.c.Role], ci)
		}
		if c.c.Rule == "" {
			continue
		}
		for _, r := range rs.Rules {
			if ruleMatches(c.c.Rule, r.ID) {
				e.ruleCues[r.ID] = append(e.ruleCues[r.ID], ci)
			}
		}
	}
	e.ac = buildAutomaton(pats)
	e.gaz = newGazetteer(rs.Gazetteer)
	e.roles = newRoleMatcher(rs)
	e.pool.New = func() any { return new(scratch) }
	return e, nil
}

// Rules is the ruleset the engine was compiled from.
func (e *Engine) Rules() *rules.Ruleset { return e.rs }

// Ruleset is the ruleset version (the hash of the rule files in force)
// stored with every tagging.
func (e *Engine) Ruleset() string { return e.rs.Hash }

// expandForm expands "(a|b)" alternatives, with "(a|)" for an optional
// word: "lock (them|'em) (all|) up" gives four forms. Parentheses without a
// "|" are ordinary text ("Psycho (film)").
func expandForm(s string) []string {
	for open := 0; open < len(s); {
		o := strings.IndexByte(s[open:], '(')
		if o < 0 {
			break
		}
		o += open
		c := strings.IndexByte(s[o:], ')')
		if c < 0 {
			break
		}
		c += o
		if !strings.Contains(s[o:c], "|") {
			open = c + 1
			continue
		}
		var out []string
		for _, alt := range strings.Split(s[o+1:c], "|") {
			out = append(out, expandForm(s[:o]+alt+s[c+1:])...)
		}
		return out
	}
	return []string{strings.Join(strings.Fields(s), " ")}
}

// variants are the normalised spellings of a form that the automaton looks
// for: each space (from a space or hyphen in the form) may also be absent
// ("ex-offender" → "ex offender", "exoffender"), and a final y may be ies.
func variants(form string) []string {
	n := normaliseString(form)
	if n == "" {
		return nil
	}
	out := []string{n}
	if k := strings.Count(n, " "); k > 0 && k <= 2 {
		parts := strings.Split(n, " ")
		for mask := 1; mask < 1<<k; mask++ {
			var b strings.Builder
			b.WriteString(parts[0])
			for i := 1; i < len(parts); i++ {
				if mask&(1<<(i-1)) == 0 {
					b.WriteByte(' ')
				}
				b.WriteString(parts[i])
			}
			out = append(out, b.String())
		}
	}
	// A quote mark may open before the last word: "written up as a
	// ‘domestic’", "a so-called \"sex romp\"" keeps its article.
	if sp := strings.LastIndexByte(n, ' '); sp > 0 && sp+1 < len(n) && isWordByte(n[sp+1]) {
		out = append(out, n[:sp+1]+"'"+n[sp+1:], n[:sp+1]+"\""+n[sp+1:])
	}
	if strings.HasSuffix(n, "y") && len(n) > 2 && !strings.ContainsAny(n[len(n)-2:len(n)-1], "aeiou") {
		out = append(out, n[:len(n)-1]+"ies")
	}
	return out
}

func endsSibilant(n string) bool {
	return strings.HasSuffix(n, "s") || strings.HasSuffix(n, "x") || strings.HasSuffix(n, "z") ||
		strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "sh") || strings.HasSuffix(n, "o")
}

func wordSeqs(l rules.StringList) [][]string {
	var out [][]string
	for _, x := range l {
		for _, f := range expandForm(x) {
			var w []string
			for _, field := range strings.Fields(f) {
				if field == "^" {
					w = append(w, field)
					continue
				}
				if not, ok := strings.CutPrefix(field, "!"); ok && normaliseString(not) != "" {
					w = append(w, "!"+normaliseString(not))
					continue
				}
				w = append(w, strings.Fields(normaliseString(field))...)
			}
			if len(w) > 0 {
				out = append(out, w)
			}
		}
	}
	return out
}

func nearOf(n *rules.Near) *nearCond {
	if n == nil {
		return nil
	}
	return &nearCond{words: wordSeqs(n.Words), within: n.Within, with: wordSeqs(n.With)}
}

// scratch holds one Tag call's working memory, reused through a pool so a
// steady stream of articles allocates little.
type scratch struct {
	norm    [2]normText
	full    normText // headline and body as entities read them
	lay     [2]layout
	qs      quoteScanner
	spans   [2][]qspan
	hits    []hit
	excepts []exceptHit
	cands   []news.Match
	cueHits []cueHit
	nearA   []nearHit
	nearB   []nearHit
	trig    []trigHit
	trig2   []trigHit
	hits2   []cueHit
	hits3   []cueHit // one cue's hits at unclaimed spans
	claimed []claim  // spans a cue of the current frame has scored
	// attributed() of the last sentence asked about
	attrPart int
	attrSent span
	attr     bool
	found    []foundSpan // matches of shared patterns, per window
	buf      []byte      // evidence text being built
	vals     []float64   // one cue's hit values
	pos      map[int][]posTok
	from     []int32
	to       []int32
	// art caches, per term rule, whether the article has one of its
	// in_article (bit 0 known, bit 1 found) and not_in_article (bits 2, 3)
	// words: asked once per article, not once per candidate.
	art []uint8
}

// foundSpan is what a shared pattern found in one window of one part.
type foundSpan struct {
	re   *regexp.Regexp
	part int
	win  span
	locs [][]int
}

type exceptHit struct {
	list       int32
	start, end int32
}

type nearHit struct {
	cue        int32
	part       int8
	start, end int32 // normalised
}

type trigHit struct {
	cue        int32
	part       int8
	group      int8 // which of the cue's trigger sets
	sent       int32
	start, end int32 // original offsets of the trigger
}

type cueHit struct {
	cue      int32
	value    float64
	text     string
	location string
	start    int32  // offset in the headline or the body
	rule     string // the language rule behind a rule cue's hit, else ""
}

// part is the headline (0) or the body (1).
const (
	partTitle = 0
	partBody  = 1
)

// Tag applies the rules to one article.
func (e *Engine) Tag(a news.Article) news.Tagging {
	sc := e.pool.Get().(*scratch)
	defer e.pool.Put(sc)
	t := news.Tagging{Ruleset: e.rs.Hash}
	sc.cueHits, sc.nearA, sc.nearB, sc.trig = sc.cueHits[:0], sc.nearA[:0], sc.nearB[:0], sc.trig[:0]
	sc.attrPart = -1
	for k := range sc.pos {
		delete(sc.pos, k)
	}
	if cap(sc.art) < len(e.terms) {
		sc.art = make([]uint8, len(e.terms))
	}
	sc.art = sc.art[:len(e.terms)]
	clear(sc.art)
	words := 0
	var matches []news.Match
	texts := [2]string{a.Title, a.Text}
	for part, s := range texts {
		n, lay := &sc.norm[part], &sc.lay[part]
		n.normalise(s)
		words += len(n.wStart)
		lay.split(s)
		if part == partTitle && len(lay.paras) > 1 { // a headline is one paragraph whatever its line breaks
			lay.paras = append(lay.paras[:0], span{lay.paras[0].start, lay.paras[len(lay.paras)-1].end})
			lay.sents, lay.spara = lay.sents[:0], lay.spara[:0]
			lay.sentences(s, lay.paras[0], 0)
		}
		spans := sc.qs.scan(s, lay)
		classify(s, lay, spans, part == partTitle)
		sc.spans[part] = append(sc.spans[part][:0], spans...)
	}
	// Speakers are read from the whole body before matches take theirs.
	reported := e.attribute(a.Title, a.Text, &sc.lay[partTitle], &sc.lay[partBody], sc.spans[partTitle], sc.spans[partBody])
	for part, s := range texts {
		sc.hits = e.ac.scan(sc.norm[part].b, sc.hits[:0])
		matches = e.terms1(sc, part, s, a.Kind, matches)
	}
	matches = dedupe(matches)
	labelLists(matches, texts, &sc.lay)
	t.Matches = matches
	t.Frames = e.score(sc, a, texts, matches, reported, words)
	for part := range texts {
		loc := news.Body
		if part == partTitle {
			loc = news.Headline
		}
		for _, sp := range sc.spans[part] {
			if sp.voice == VoiceTitle || sp.voice == VoiceMention {
				continue
			}
			l := loc
			if part == partBody && sc.lay[part].paraAt(sp.start) == 0 {
				l = news.Lead
			}
			t.Quotes = append(t.Quotes, quoteSpan(sp, l))
		}
	}
	t.Quotes = addReported(t.Quotes, reported, &sc.lay[partBody])
	for i := range t.Quotes {
		q := &t.Quotes[i]
		src := a.Text
		if q.Location == news.Headline {
			src = a.Title
		}
		q.Words = countWords(src[q.Start:q.End])
	}
	if e.opts.Entities {
		t.Entities = e.entities(sc, a, &sc.lay[partBody])
	}
	return t
}

// terms1 turns the automaton hits of one part into verified matches.
func (e *Engine) terms1(sc *scratch, part int, s, kind string, out []news.Match) []news.Match {
	n, lay := &sc.norm[part], &sc.lay[part]
	sc.excepts = sc.excepts[:0]
	for _, h := range sc.hits {
		for _, t := range e.targets[h.pat] {
			switch t.kind {
			case tExcept:
				if st, en, ok := n.wordMatch(int(h.start), int(h.end), t); ok {
					sc.excepts = append(sc.excepts, exceptHit{t.idx, int32(st), int32(en)})
				}
			case tNearA, tNearB:
				if st, en, ok := n.wordMatch(int(h.start), int(h.end), t); ok {
					nh := nearHit{t.idx, int8(part), int32(st), int32(en)}
					if t.kind == tNearA {
						sc.nearA = append(sc.nearA, nh)
					} else {
						sc.nearB = append(sc.nearB, nh)
					}
				}
			case tTrigger:
				os, oe := n.orig(int(h.start), int(h.end))
				sc.trig = append(sc.trig, trigHit{t.idx, int8(part), int8(t.form), int32(lay.sentenceAt(os)), int32(os), int32(oe)})
			}
		}
	}
	for _, h := range sc.hits {
		for _, t := range e.targets[h.pat] {
			switch t.kind {
			case tTerm:
				st, en, ok := n.wordMatch(int(h.start), int(h.end), t)
				if !ok {
					continue
				}
				if m, ok := e.verify(sc, part, s, kind, e.terms[t.idx], int(t.form), st, en); ok {
					out = append(out, m)
				}
			case tCue:
				st, en, ok := n.wordMatch(int(h.start), int(h.end), t)
				if !ok {
					continue
				}
				os, oe := n.orig(st, en)
				c := e.cues[t.idx]
				loc, inQuote, voice := e.where(sc, part, os)
				if voice == VoiceTitle || voice == VoiceMention || !allowedIn(c.c.In, loc) || (c.journalist && inQuote) {
					continue
				}
				sc.cueHits = append(sc.cueHits, cueHit{t.idx, e.cueValue(c, loc, inQuote), s[os:oe], loc, int32(os), ""})
			}
		}
	}
	return out
}

// wordMatch checks that a hit starts and ends at word boundaries, first
// extending it over a plural or possessive ending when the target allows.
func (n *normText) wordMatch(i, j int, t target) (int, int, bool) {
	b := n.b
	if isWordByte(b[i]) && i > 0 && (isWordByte(b[i-1]) || b[i-1] == '\'' && i > 1 && isWordByte(b[i-2])) {
		return 0, 0, false
	}
	if t.inflect && isWordByte(b[j-1]) {
		best := j
		for _, suf := range [...]string{"'s", "s'", "s", "es", "'"} {
			if (suf == "es" || suf == "'") && !t.sib {
				continue
			}
			k := j + len(suf)
			if k <= len(b) && string(b[j:k]) == suf && (k == len(b) || !isWordByte(b[k])) && k > best {
				best = k
			}
		}
		j = best
	}
	if isWordByte(b[j-1]) && j < len(b) && isWordByte(b[j]) {
		return 0, 0, false
	}
	return i, j, true
}

func allowedIn(in, loc string) bool {
	switch in {
	case "", "any":
		return true
	case "body":
		return loc == news.Body || loc == news.Lead
	}
	return in == loc
}

// where gives the location, quotation flag and voice at original offset o
// of a part.
func (e *Engine) where(sc *scratch, part int, o int) (loc string, inQuote bool, voice string) {
	loc = news.Headline
	if part == partBody {
		loc = news.Body
		if sc.lay[part].paraAt(o) == 0 {
			loc = news.Lead
		}
	}
	voice = VoiceJournalist
	best := 1 << 30
	for _, sp := range sc.spans[part] {
		if o < sp.start || o >= sp.end {
			continue
		}
		inQuote = true
		if sp.voice == VoiceTitle || sp.voice == VoiceMention {
			return loc, true, sp.voice
		}
		if sp.depth < best {
			best, voice = sp.depth, sp.voice
		}
	}
	return loc, inQuote, voice
}

func (e *Engine) depthAt(sc *scratch, part, o int) (depth int, sp *qspan) {
	for i := range sc.spans[part] {
		q := &sc.spans[part][i]
		if o >= q.start && o < q.end {
			depth++
			if sp == nil || q.depth < sp.depth {
				sp = q
			}
		}
	}
	return depth, sp
}

func (e *Engine) cueValue(c *cue, loc string, inQuote bool) float64 {
	v := c.c.Weight
	switch loc {
	case news.Headline:
		v *= 2
	case news.Lead:
		v *= 1.5
	}
	if inQuote {
		v *= e.rs.Frames[c.frame].QuoteMultiplier()
	}
	return v
}

// orgWords end the Title Case names of bodies, schemes and statutes (G2).
var orgWords = map[string]bool{
	"act": true, "trust": true, "service": true, "services": true, "board": true, "unit": true, "team": true,
	"scheme": true, "programme": true, "network": true, "commission": true, "institution": true,
	"register": true, "panel": true, "court": true, "agency": true, "strategy": true, "alliance": true,
	"helpline": true, "foundation": true, "council": true, "association": true, "society": true,
}

// verify checks one candidate against its rule and builds the match.
func (e *Engine) verify(sc *scratch, part int, s, kind string, tr *termRule, form, st, en int) (news.Match, bool) {
	n, lay := &sc.norm[part], &sc.lay[part]
	r := tr.r
	for _, x := range sc.excepts {
		if int(x.start) <= st && en <= int(x.end) && hasList(tr.lists, x.list) {
			return news.Match{}, false
		}
	}
	os, oe := n.orig(st, en)
	if !caseOK(r.Case, tr.forms[form], s[os:oe]) {
		return news.Match{}, false
	}
	if officialName(s, os, oe) {
		return news.Match{}, false
	}
	si := lay.sentenceAt(os)
	sent := span{0, len(s)}
	if si >= 0 {
		sent = lay.sents[si]
	}
	para := lay.paras[lay.paraAt(os)]
	w0, w1 := n.wordAt(st), n.wordAt(en-1)
	sw0, sw1 := n.wordAt(n.normAt(sent.start)), n.wordAt(n.normAt(sent.end))-1
	pw0, pw1 := n.wordAt(n.normAt(para.start)), n.wordAt(n.normAt(para.end))-1
	// For a match of several words, preceded_by is also met by its own
	// words before the last: "old lag" satisfies preceded_by [old] as
	// "the lag" satisfies preceded_by [the].
	if len(tr.preceded) > 0 && !n.seqBefore(tr.preceded, w0, sw0) && !(w1 > w0 && n.seqBefore(tr.preceded, w1, w0)) {
		return news.Match{}, false
	}
	if len(tr.notPreceded) > 0 && n.seqBefore(tr.notPreceded, w0, sw0) {
		return news.Match{}, false
	}
	if tr.nameNext[form] && !n.seqAfter(capitalWord, w1, sw1) {
		return news.Match{}, false
	}
	if len(tr.followed) > 0 && !n.seqAfter(tr.followed, w1, sw1) {
		return news.Match{}, false
	}
	if len(tr.notFollowed) > 0 && n.seqAfter(tr.notFollowed, w1, sw1) {
		return news.Match{}, false
	}
	if tr.near != nil && !n.nearWords(tr.near, w0, w1, sw0, sw1) {
		return news.Match{}, false
	}
	if tr.notNear != nil && n.nearWords(tr.notNear, w0, w1, sw0, sw1) {
		return news.Match{}, false
	}
	// A headline's paragraph is the headline and the lead, which says again
	// what the headline says ("Tragedy of mother-of-three" / "A man has
	// been charged with murdering his wife").
	if tr.paraNear != nil && !n.nearWords(tr.paraNear, w0, w1, pw0, pw1) && !(part == partTitle && sc.leadHas(tr.paraNear)) {
		return news.Match{}, false
	}
	if tr.notParaNear != nil && (n.nearWords(tr.notParaNear, w0, w1, pw0, pw1) || part == partTitle && sc.leadHas(tr.notParaNear)) {
		return news.Match{}, false
	}
	if tr.inArticle != nil && !sc.inArticle(tr, false) {
		return news.Match{}, false
	}
	if tr.notInArticle != nil && sc.inArticle(tr, true) {
		return news.Match{}, false
	}
	// Where a quote mark opens inside the match ("a ‘domestic’"), its voice
	// is that of the quoted words.
	probe := os
	if q := strings.LastIndexAny(string(n.b[st:en]), "'\""); q > 0 && st+q+1 < en && isWordByte(n.b[st+q+1]) && n.b[st+q-1] == ' ' {
		probe, _ = n.orig(st+q+1, en)
	}
	loc, inQuote, voice := e.where(sc, part, probe)
	// A word discussed as a word, or inside the title of a work, is kept
	// with that voice so readers see it, and no figure counts it as a use.
	if voice != VoiceTitle && voice != VoiceMention {
		if n.mentionedBefore(w0, sw0) || namesGeneric(s[min(sent.start, os):os]) || gerundNaming(s[min(sent.start, os):os], s[oe:max(oe, sent.end)]) || n.mentionedAfter(w1, sw1) || n.bareMention(s, os, oe, w0, w1, sw0, sw1, tr.forms[form], part == partBody) || colonList(s[min(sent.start, os):os]) || invitedNaming(s[min(sent.start, os):os]) || colonNamesWords(s[oe:max(oe, sent.end)]) || part == partBody && startsUpper(s[os:]) && quotedHeadline(s, sent, para) {
			voice = VoiceMention
		} else if titleBefore(s, os) || titleAfter(s, os, oe) || part == partBody && properName(s, os, oe, tr.forms[form]) {
			voice = VoiceTitle
		}
	}
	notUse := voice == VoiceTitle || voice == VoiceMention
	if r.Voice == "journalist" && inQuote && !notUse {
		return news.Match{}, false
	}
	if r.POS != "" {
		ok, decided := n.quickPOS(r.POS, st, en, w0, sw0)
		if !decided {
			ok = e.posOK(sc, part, si, s[sent.start:sent.end], os-sent.start, oe-sent.start, r.POS)
		}
		if !ok {
			return news.Match{}, false
		}
	}
	if !inQuote && !notUse && (kind == "opinion" || kind == "letter") {
		voice = VoiceAuthor
	}
	depth, outer := e.depthAt(sc, part, os)
	sentence := squash(s[sent.start:sent.end])
	m := news.Match{
		Rule: r.ID, Kind: "term", Category: r.Category, Severity: r.Severity,
		Text: s[os:oe], Start: os, End: oe, InQuote: inQuote, Voice: voice, Location: loc,
		Sentence: sentence, Suggest: r.Suggest, Message: r.Message, Guide: r.Guide, Depth: depth,
		Amplified: voice == VoiceHeadline,
	}
	if m.Suggest == nil {
		m.Suggest = []string{}
	}
	if notUse {
		return m, true
	}
	if inQuote && outer != nil {
		m.Speaker = outer.speaker
		m.SelfDescription = firstPerson(s[max(outer.start, sent.start):min(outer.end, sent.end)])
	}
	if !inQuote {
		// Matches come in text order: several in one sentence ask once.
		if sc.attrPart != part || sc.attrSent != sent {
			sc.attrPart, sc.attrSent, sc.attr = part, sent, attributed(sentence)
		}
		m.Attributed = sc.attr
	}
	return m, true
}

// capitalWord is the one-word sequence "^": any word written with a capital.
var capitalWord = [][]string{{"^"}}

// determiners before a word make it a noun; "to" or a modal make it a verb.
var (
	determiners = map[string]bool{
		"a": true, "an": true, "the": true, "this": true, "that": true, "these": true, "those": true,
		"his": true, "their": true, "our": true, "my": true, "your": true, "its": true, "every": true,
		"each": true, "no": true, "any": true, "some": true, "another": true, "fellow": true, "former": true,
		"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
		"eight": true, "nine": true, "ten": true, "many": true, "several": true, "few": true, "whose": true,
	}
	verbMarkers = map[string]bool{
		"to": true, "will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
		"must": true, "shall": true, "should": true, "did": true, "does": true, "do": true, "not": true,
		"never": true, "cannot": true, "rarely": true, "often": true,
	}
)

// quickPOS settles the part of speech from the word before the match
// when that is unambiguous ("the convict", "to convict"), or from a
// possessive ending; otherwise the tagger must run (decided == false).
// Most candidates are settled here, which keeps prose off the hot path.
func (n *normText) quickPOS(want string, st, en, w0, sw0 int) (ok, decided bool) {
	m := string(n.b[st:en])
	if want == "noun" && (strings.HasSuffix(m, "'s") || strings.HasSuffix(m, "s'")) {
		return true, true
	}
	if w0-1 < sw0 || w0 == 0 {
		return false, false
	}
	prev := string(n.b[n.wStart[w0-1]:n.wEnd[w0-1]])
	switch {
	case determiners[prev]:
		return want == "noun", want != "adjective"
	case verbMarkers[prev]:
		return want == "verb", want != "adjective"
	case want == "noun" && personModifiers[prev]:
		return true, true
	}
	return false, false
}

// personModifiers are adjectives said of people; the word after one is a
// noun ("hardened lags", "repeat cons", "dangerous lags"), though prose,
// reading a participle, may call it a verb.
var personModifiers = map[string]bool{
	"hardened": true, "convicted": true, "seasoned": true, "veteran": true, "elderly": true,
	"ageing": true, "aging": true, "dangerous": true, "violent": true, "notorious": true,
	"prolific": true, "persistent": true, "repeat": true, "habitual": true, "freed": true,
	"released": true, "jailed": true, "serving": true, "grizzled": true, "reformed": true,
	"infamous": true, "lifelong": true, "career": true, "wily": true, "ex": true,
}

func hasList(lists []int32, l int32) bool {
	for _, x := range lists {
		if x == l {
			return true
		}
	}
	return false
}

// caseOK applies a rule's case: setting to the text as found.
func caseOK(mode, form, found string) bool {
	if mode == "" || mode == "insensitive" {
		return true
	}
	fl, tl := letters(form), letters(found)
	if len(tl) < len(fl) {
		return false
	}
	for i, r := range fl {
		if tl[i] == r {
			continue
		}
		if mode == "sensitive" && i == 0 && unicode.ToUpper(r) == tl[i] {
			continue
		}
		return false
	}
	return true
}

func letters(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return out
}

// officialName reports whether s[os:oe] is part of a Title Case name that
// ends in an organisation word ("Prisoners' Advice Service").
func officialName(s string, os, oe int) bool {
	r, _ := utf8.DecodeRuneInString(s[os:])
	if !unicode.IsUpper(r) {
		return false
	}
	// Walk forward over capitalised words (and small linking words).
	i := oe
	words := 0
	for i < len(s) && words < 6 {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\'' || s[j] == '-') {
			j++
		}
		if j < len(s) && strings.HasPrefix(s[j:], "’") {
			j += len("’")
			for j < len(s) && s[j] == ' ' {
				j++
			}
		}
		k := j
		for k < len(s) {
			c, size := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsLetter(c) {
				break
			}
			k += size
		}
		if k == j {
			return false
		}
		w := s[j:k]
		if orgWords[strings.ToLower(w)] && startsUpper(w) {
			return true
		}
		if !startsUpper(w) && !smallWords[w] {
			return false
		}
		i = k
		words++
	}
	return false
}

func firstPerson(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		switch w {
		case "I", "I'm", "I’m", "I've", "I’ve", "me", "my", "Me", "My", "I'd", "I’d":
			return true
		}
	}
	return false
}

func attributed(sentence string) bool {
	// Matched case-insensitively in place: lower-casing the sentence and
	// splitting it into words allocated on every match.
	if containsLowerASCII(sentence, "court heard") || containsLowerASCII(sentence, "was told") || containsLowerASCII(sentence, "were told") {
		return true
	}
	var buf [24]byte
	for i := 0; i < len(sentence); {
		r, size := utf8.DecodeRuneInString(sentence[i:])
		if notLetter(r) {
			i += size
			continue
		}
		j, ascii := i, true
		for j < len(sentence) {
			r, size := utf8.DecodeRuneInString(sentence[j:])
			if notLetter(r) {
				break
			}
			ascii = ascii && r < utf8.RuneSelf
			j += size
		}
		w := sentence[i:j]
		i = j
		if !ascii || len(w) > len(buf) {
			if attributionVerbs[strings.ToLower(w)] {
				return true
			}
			continue
		}
		b := buf[:len(w)]
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[k] = c
		}
		if attributionVerbs[string(b)] {
			return true
		}
	}
	return false
}

// containsLowerASCII is strings.Contains(strings.ToLower(s), sub) for a
// lower-case ASCII sub without k or i (the only ASCII letters that
// non-ASCII capitals lower-case to).
func containsLowerASCII(s, sub string) bool { return indexFold(s, sub) >= 0 }

// seqBefore reports whether one of seqs ends at the word before w (not
// crossing the sentence start sw).
func (n *normText) seqBefore(seqs [][]string, w, sw int) bool {
	for _, seq := range seqs {
		k := w - len(seq)
		if k < sw || k < 0 {
			continue
		}
		if n.seqAt(seq, k) {
			return true
		}
	}
	return false
}

func (n *normText) seqAfter(seqs [][]string, w, sw1 int) bool {
	for _, seq := range seqs {
		k := w + 1
		if k+len(seq)-1 > sw1 || k+len(seq) > len(n.wStart) {
			continue
		}
		if n.seqAt(seq, k) {
			return true
		}
	}
	return false
}

// nearWords reports whether a word sequence of c starts within c.within
// words of the match words [w0, w1], inside [lo, hi]. The match's own words
// count: "spice zombie" is near "spice".
func (n *normText) nearWords(c *nearCond, w0, w1, lo, hi int) bool {
	from, to := max(lo, w0-c.within), min(hi, w1+c.within)
	for k := from; k <= to && k < len(n.wStart); k++ {
		for _, seq := range c.words {
			if k+len(seq) <= len(n.wStart) && n.seqAt(seq, k) {
				return true
			}
		}
	}
	return false
}

// leadHas reports whether the body's first paragraph has one of c's words.
func (sc *scratch) leadHas(c *nearCond) bool {
	n, lay := &sc.norm[partBody], &sc.lay[partBody]
	if len(lay.paras) == 0 || len(n.wStart) == 0 {
		return false
	}
	p := lay.paras[0]
	lo, hi := n.wordAt(n.normAt(p.start)), n.wordAt(n.normAt(p.end))-1
	return lo <= hi && n.nearWords(&nearCond{words: c.words, within: hi - lo}, lo, lo, lo, hi)
}

// inArticle reports whether the headline or the body has one of the words
// of the rule's in_article (not == false) or not_in_article condition.
func (sc *scratch) inArticle(tr *termRule, not bool) bool {
	c, shift := tr.inArticle, uint8(0)
	if not {
		c, shift = tr.notInArticle, 2
	}
	b := sc.art[tr.idx] >> shift
	if b&1 != 0 {
		return b&2 != 0
	}
	found := false
	for part := range sc.norm {
		n := &sc.norm[part]
		for k := 0; k < len(n.wStart) && !found; k++ {
			for _, seq := range c.words {
				if k+len(seq) > len(n.wStart) || !n.seqAt(seq, k) {
					continue
				}
				if c.with == nil {
					found = true
					break
				}
				// The with: word must share the sentence.
				lay := &sc.lay[part]
				lo, hi := 0, len(n.wStart)-1
				o, _ := n.orig(int(n.wStart[k]), int(n.wEnd[k]))
				if si := lay.sentenceAt(o); si >= 0 {
					st := lay.sents[si]
					lo, hi = n.wordAt(n.normAt(st.start)), n.wordAt(n.normAt(st.end))-1
				}
				if n.nearWords(&nearCond{words: c.with, within: c.within}, k, k+len(seq)-1, lo, hi) {
					found = true
					break
				}
			}
		}
	}
	v := uint8(1)
	if found {
		v = 3
	}
	sc.art[tr.idx] |= v << shift
	return found
}

// seqAt compares words starting at k with seq: the last word may carry a
// plural or possessive ending; a word ending in * matches as a prefix; a
// word starting with ! matches any word but that one; ^ matches any word
// written with a capital (a name).
func (n *normText) seqAt(seq []string, k int) bool {
	for i, want := range seq {
		got := string(n.b[n.wStart[k+i]:n.wEnd[k+i]])
		if want == "^" {
			// a word written with a capital: a name ("Evil Dobson")
			if o, _ := n.orig(int(n.wStart[k+i]), int(n.wEnd[k+i])); !startsUpper(n.origText[o:]) {
				return false
			}
			continue
		}
		if not, ok := strings.CutPrefix(want, "!"); ok && not != "" {
			// "behind !bars": any word but bars ("lags behind bars" is the noun)
			if got == not || strings.TrimSuffix(got, "s") == not {
				return false
			}
			continue
		}
		if p, ok := strings.CutSuffix(want, "*"); ok {
			if !strings.HasPrefix(got, p) {
				return false
			}
			continue
		}
		if got == want {
			continue
		}
		if i == len(seq)-1 {
			if rest, ok := strings.CutPrefix(got, want); ok && (rest == "s" || rest == "es" || rest == "'s" || rest == "s'") {
				continue
			}
		}
		return false
	}
	return true
}

// dedupe drops a match of a rule contained in a longer match of the same
// rule ("lag" inside "old lag") and exact duplicates.
func dedupe(ms []news.Match) []news.Match {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if (a.Location == news.Headline) != (b.Location == news.Headline) {
			return a.Location == news.Headline
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.Rule < b.Rule
	})
	out := ms[:0]
	for _, m := range ms {
		drop := false
		for k := len(out) - 1; k >= 0; k-- {
			o := out[k]
			if (o.Location == news.Headline) != (m.Location == news.Headline) || o.End <= m.Start {
				continue
			}
			if o.Rule == m.Rule && o.Start <= m.Start && m.End <= o.End {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

// ruleMatches reports whether a cue's rule reference fits a rule id.
func ruleMatches(glob, id string) bool {
	if glob == id {
		return true
	}
	ok, _ := path.Match(glob, id)
	return ok
}
