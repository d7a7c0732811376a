package tag

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framewatch/framewatch/rules"
)

// Speaker roles the engine gives when the role files say nothing: a
// speaker no phrase fits is "other", no speaker at all "unknown".
const (
	RoleOther   = "other"
	RoleUnknown = "unknown"
)

// Evidence levels, strongest first: a title before the name or the
// phrase before the speaker ("Prosecuting,") beats the speaker's own
// words, which beat words set beside the speaker, which beat what the
// article says about the same person elsewhere.
const (
	levelElsewhere = iota
	levelApposition
	levelOwn
	levelTitle
	levelContext
	levelQuoted // the speaker's own quoted words, read with says: phrases only
)

type rolePhrase struct {
	words  []string // normalised; a word ending in * is a prefix
	role   int
	weight int // how strongly it wins: twice its length in words; 1 for a gazetteer name
}

// roleMatcher finds role phrases in speaker descriptions.
type roleMatcher struct {
	whereOnly []int // gazetteer phrases naming a place people are held, ascending
	ids       []string
	byFirst   map[string][]int // first word → phrases
	prefix    map[string][]int // phrases whose first word is a prefix, by its first 3 letters
	phrases   []rolePhrase
	titles    []rolePhrase // titles, longest first
	context   map[string][]int
	ctxList   []rolePhrase
	says      []rolePhrase
	// The same phrases indexed for reading a description word by word:
	// the prefixes by their first byte, so a word costs one map lookup.
	preBy   [256][]prefixGroup
	saysBy  map[string][]int
	saysPre [256][]prefixGroup
	saysAny []int // says phrases whose first word is "*"
}

// prefixGroup is the phrases whose first word is a prefix (officer*),
// keyed by the prefix's first three bytes.
type prefixGroup struct {
	key string
	ids []int
}

func addPrefix(by *[256][]prefixGroup, key string, id int) {
	g := by[key[0]]
	for i := range g {
		if g[i].key == key {
			g[i].ids = append(g[i].ids, id)
			return
		}
	}
	by[key[0]] = append(g, prefixGroup{key, []int{id}})
}

func newRoleMatcher(rs *rules.Ruleset) *roleMatcher {
	m := &roleMatcher{byFirst: map[string][]int{}, prefix: map[string][]int{}, context: map[string][]int{}, saysBy: map[string][]int{}}
	lists := map[string][]string{}
	names := make([]string, 0, len(rs.GazetteerList))
	for n := range rs.GazetteerList {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		l := rs.GazetteerList[n]
		lists[l] = append(lists[l], n)
	}
	for ri, r := range rs.Roles {
		m.ids = append(m.ids, r.ID)
		add := func(p string, weight int) {
			w := roleWords(p)
			if len(w) == 0 {
				return
			}
			if weight == 0 {
				weight = 2 * len(w)
			}
			id := len(m.phrases)
			m.phrases = append(m.phrases, rolePhrase{w, ri, weight})
			if p, ok := strings.CutSuffix(w[0], "*"); ok {
				k := p[:min(3, len(p))]
				m.prefix[k] = append(m.prefix[k], id)
			} else {
				m.byFirst[w[0]] = append(m.byFirst[w[0]], id)
			}
		}
		for _, p := range r.Words {
			add(p, 0)
		}
		// A prison or force named in a description says less than the
		// words around it ("mentors women leaving HMP Styal"), unless it
		// is all the description says (best: "Dr Hana Roberts, of
		// Medical Justice").
		for _, l := range r.Gazetteers {
			for _, n := range lists[l] {
				if l == "prisons" || l == "courts" {
					// A prison named alone says where someone is, not
					// who: "Darren Ellis, HMP Brambleside" signs a
					// prisoner's letter as often as an officer's; a
					// court is where someone was sentenced ("given 240
					// hours at Kilmarnock Sheriff Court").
					m.whereOnly = append(m.whereOnly, len(m.phrases))
				}
				add(n, 1)
			}
		}
		for _, t := range r.Titles {
			if w := roleWords(t); len(w) > 0 {
				m.titles = append(m.titles, rolePhrase{w, ri, len(w)})
			}
		}
		for _, c := range r.Says {
			if w := roleWords(c); len(w) > 0 {
				id := len(m.says)
				m.says = append(m.says, rolePhrase{w, ri, 2 * len(w)})
				if p, ok := strings.CutSuffix(w[0], "*"); !ok {
					m.saysBy[w[0]] = append(m.saysBy[w[0]], id)
				} else if p == "" {
					m.saysAny = append(m.saysAny, id)
				} else {
					addPrefix(&m.saysPre, p[:min(3, len(p))], id)
				}
			}
		}
		for _, c := range r.Context {
			if w := roleWords(c); len(w) > 0 {
				m.ctxList = append(m.ctxList, rolePhrase{w, ri, len(w)})
			}
		}
	}
	keys := make([]string, 0, len(m.prefix))
	for k := range m.prefix {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "" { // best never looked an empty prefix up
			for _, id := range m.prefix[k] {
				addPrefix(&m.preBy, k, id)
			}
		}
	}
	sort.SliceStable(m.titles, func(i, j int) bool { return len(m.titles[i].words) > len(m.titles[j].words) })
	sort.SliceStable(m.ctxList, func(i, j int) bool { return len(m.ctxList[i].words) > len(m.ctxList[j].words) })
	return m
}

// roleWords splits a phrase into lower-case words: apostrophes and
// possessive endings dropped ("Officers'" → officers, "victim's" →
// victim), hyphens and other punctuation as spaces.
func roleWords(s string) []string { return appendRoleWords(nil, s) }

// appendRoleWords is roleWords appending to dst: callers that only read
// the words pass a stack array, so a description costs one lower-casing.
func appendRoleWords(dst []string, s string) []string {
	return appendLowerRoleWords(dst, strings.ToLower(s))
}

// appendLowerRoleWords is appendRoleWords of a text already lower-cased.
func appendLowerRoleWords(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isRoleRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			dst = addRoleWord(dst, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = addRoleWord(dst, s[start:])
	}
	return dst
}

func isRoleRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '\'' || r == '*'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
}

func addRoleWord(dst []string, w string) []string {
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	w = strings.TrimSuffix(w, "'s")
	for len(w) > 0 && w[0] == '\'' {
		w = w[1:]
	}
	for len(w) > 0 && w[len(w)-1] == '\'' {
		w = w[:len(w)-1]
	}
	if w != "" {
		dst = append(dst, w)
	}
	return dst
}

// lowerIs reports whether strings.ToLower(w) == low, without making the
// lower-case copy when w is ASCII.
func lowerIs(w, low string) bool {
	if !isASCII(w) {
		return strings.ToLower(w) == low
	}
	if len(w) != len(low) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != low[i] {
			return false
		}
	}
	return true
}

// appendLower appends strings.ToLower(w) to dst, with no string made when
// w is ASCII: string(appendLower(buf[:0], w)) for a result that does not
// escape is copied to the stack (up to 32 bytes), where strings.ToLower
// allocates for every word with a capital.
func appendLower(dst []byte, w string) []byte {
	if !isASCII(w) {
		return append(dst, strings.ToLower(w)...)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// inLower is m[strings.ToLower(w)] without the lower-case copy of a
// short ASCII word.
func inLower(m map[string]bool, w string) bool {
	upper := false
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf {
			return m[strings.ToLower(w)]
		} else if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return m[w]
	}
	if len(w) <= 32 {
		var b [32]byte
		n := copy(b[:], w)
		for i := 0; i < n; i++ {
			if b[i] >= 'A' && b[i] <= 'Z' {
				b[i] += 'a' - 'A'
			}
		}
		return m[string(b[:n])]
	}
	return m[strings.ToLower(w)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func wordIs(want, got string) bool {
	if p, ok := strings.CutSuffix(want, "*"); ok {
		return strings.HasPrefix(got, p)
	}
	return want == got
}

func seqAtWords(seq, ws []string, k int) bool {
	if k+len(seq) > len(ws) {
		return false
	}
	for i, w := range seq {
		if !wordIs(w, ws[k+i]) {
			return false
		}
	}
	return true
}

// affiliatedAt reports whether the words at k follow "at", "of", "for",
// "with" or "from" (a "the" between allowed).
func affiliatedAt(ws []string, k int) bool {
	if k > 0 && ws[k-1] == "the" {
		k--
	}
	if k == 0 {
		return false
	}
	switch ws[k-1] {
	case "at", "of", "for", "with", "from":
		return true
	}
	return false
}

func (m *roleMatcher) isWhereOnly(id int) bool {
	i := sort.SearchInts(m.whereOnly, id)
	return i < len(m.whereOnly) && m.whereOnly[i] == id
}

var affiliationLead = map[string]bool{"of": true, "at": true, "from": true, "for": true, "with": true, "the": true}

// relativeWords open a clause about the speaker's (or a body's) doings.
var relativeWords = map[string]bool{"who": true, "whose": true, "which": true}

// best returns the role of the longest phrase in text, and its length
// in words (0: none). A relative clause says less about who the speaker
// is than the noun before it: "a criminologist … who studies deaths in
// custody" is an expert, and a clause about a body ("…, which works with
// former prisoners") counts half.
func (m *roleMatcher) best(text string) (role, length int) {
	var buf [32]string
	ws := appendRoleWords(buf[:0], text)
	role, length = m.bestClauses(ws)
	// An affiliation: the description is only a body's name, which then
	// weighs as much as a phrase of its length.
	aff := ws
	for len(aff) > 1 && affiliationLead[aff[0]] {
		aff = aff[1:]
	}
	if len(aff) > 0 && 2*len(aff) > length {
		for _, id := range m.byFirst[aff[0]] {
			if p := m.phrases[id]; p.weight == 1 && len(p.words) == len(aff) && !m.isWhereOnly(id) && seqAtWords(p.words, aff, 0) {
				return p.role, 2 * len(aff)
			}
		}
	}
	return role, length
}

func (m *roleMatcher) bestClauses(ws []string) (role, length int) {
	rel := len(ws)
	for k, w := range ws {
		if k > 0 && relativeWords[w] {
			rel = k
			break
		}
	}
	if rel < len(ws) {
		r, l := m.bestIn(ws[:rel], false)
		if r >= 0 && !m.clauseOverrides(ws[:rel], ws[rel:], r) {
			return r, l
		}
		cr, cl := m.bestIn(ws[rel:], ws[rel] == "which")
		if cr < 0 {
			return r, l
		}
		return m.bodysWork(ws[rel], cr), cl
	}
	r, l := m.bestIn(ws, len(ws) > 0 && ws[0] == "which")
	if len(ws) > 0 && ws[0] == "which" && r >= 0 {
		r = m.bodysWork("which", r)
	}
	return r, l
}

// clauseOverrides reports whether a relative clause says more about the
// speaker than the noun before it, whose role is r: a job or a neighbour
// ("The shop worker, who was threatened with a knife", "a builder who
// served six years") is who they are, the clause why they are quoted; and
// what someone was ("a former prison governor who now leads the Prison
// Reform Trust") gives way to what they do now, unless it was time in
// prison ("a former prisoner who now runs a mentoring project").
func (m *roleMatcher) clauseOverrides(head, clause []string, r int) bool {
	if m.ids[r] == RoleOther {
		cr, _ := m.bestIn(clause, clause[0] == "which")
		return cr >= 0 && m.ids[cr] != RoleOther
	}
	// A former prisoner's past is the lived experience, whatever they do now.
	return m.ids[r] != "lived_experience" && (containsWord(head, "former") || containsWord(head, "ex")) && containsWord(clause, "now")
}

// bodysWork is the role a clause about a body gives: a body "which
// supports people with convictions" or "which helps victims of crime" is
// a charity, not the people it works with.
func (m *roleMatcher) bodysWork(rel string, r int) int {
	if rel != "which" {
		return r
	}
	switch m.ids[r] {
	case "lived_experience", "victim_family":
		for i, id := range m.ids {
			if id == "charity" {
				return i
			}
		}
	}
	return r
}

func (m *roleMatcher) bestIn(ws []string, half bool) (role, length int) {
	role = -1
	workplace := -1 // the role of a prison or court a job is "at"
	try := func(id, k int) {
		p := m.phrases[id]
		weight := p.weight
		if weight == 1 && workplace < 0 && k > 0 && ws[k-1] == "at" && m.isWhereOnly(id) && seqAtWords(p.words, ws, k) {
			workplace = p.role
		}
		if weight == 1 && affiliatedAt(ws, k) && !m.isWhereOnly(id) {
			// "a solicitor at the Centre for Women's Justice": the body a
			// speaker is of says who they speak for.
			weight = 2 * len(p.words)
		}
		if half {
			weight = max(1, weight/2)
		}
		if weight > length && seqAtWords(p.words, ws, k) {
			role, length = p.role, weight
		} else if weight == length && role >= 0 && p.role < role && seqAtWords(p.words, ws, k) {
			role = p.role // a tie goes to the role listed first
		}
	}
	for k, w := range ws {
		for _, id := range m.byFirst[w] {
			try(id, k)
		}
		for _, g := range m.preBy[w[0]] {
			if len(g.key) <= len(w) && w[:len(g.key)] == g.key {
				for _, id := range g.ids {
					try(id, k)
				}
			}
		}
	}
	// "a nurse at HMP Styal", "a clerk at Leeds Crown Court": a job at a
	// prison or a court is its staff's, though the place named alone
	// says only where.
	if role >= 0 && workplace >= 0 && m.ids[role] == RoleOther {
		role = workplace
	}
	return role, length
}

// title returns the role of a title the name starts with, or -1.
func (m *roleMatcher) title(name string) int {
	var buf [16]string
	ws := appendFieldsDot(buf[:0], name)
	for _, t := range m.titles {
		if len(ws) < len(t.words) {
			continue
		}
		ok := true
		for i, w := range t.words {
			if !lowerIs(ws[i], w) {
				ok = false
				break
			}
		}
		// A suffix title ("Jane Doe MP") counts too.
		if !ok && len(t.words) == 1 && lowerIs(ws[len(ws)-1], t.words[0]) && len(ws) > 1 {
			ok = t.words[0] != "lord" && t.words[0] != "lady"
		}
		if ok {
			return t.role
		}
	}
	return -1
}

// appendFieldsDot is strings.Fields(strings.ReplaceAll(s, ".", " ")),
// appended to dst.
func appendFieldsDot(dst []string, s string) []string {
	return appendFieldsFunc(dst, s, len(s), func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
}

// contextRole returns the role of a context phrase the text ends with.
func (m *roleMatcher) contextRole(text string) int {
	var buf [32]string
	ws := appendRoleWords(buf[:0], text)
	for _, c := range m.ctxList {
		for k := 0; k+len(c.words) <= len(ws); k++ {
			if seqAtWords(c.words, ws, k) {
				return c.role
			}
		}
	}
	return -1
}

// evidence is one piece of text said about a speaker.
type evidence struct {
	text  string
	level int
}

// tier ranks evidence: a title or a context phrase first; then the
// description a speaker is given and the words set beside them, as one
// tier weighed phrase against phrase ("Sue's son Callum, 31, who is
// serving nine years"); then what the speaker says of themselves; then
// what the article says of them elsewhere.
var tier = map[int]int{levelElsewhere: 0, levelQuoted: 1, levelApposition: 2, levelOwn: 2, levelTitle: 3, levelContext: 4}

// resolve picks the role from a speaker's evidence: the strongest level
// with any phrase, and in it the longest phrase.
func (m *roleMatcher) resolve(ev []evidence, described bool) string {
	return m.roleOf(ev, func() bool { return described })
}

// roleOf is resolve with described asked only when no phrase is found.
// Tiers are read strongest first and the weaker ones are not read once
// one has a phrase (they could not win): the quotes and the words after
// each mention of a name, most of the evidence, are then never split.
// Within a tier, evidence is read in order, so a tie still goes to the
// earliest.
func (m *roleMatcher) roleOf(ev []evidence, described func() bool) string {
	bestRole, bestLen, other := -1, 0, -1
	for level := maxTier; level >= 0 && bestRole < 0; level-- {
		for _, e := range ev {
			if tierOf(e.level) != level {
				continue
			}
			r, l := m.phraseRole(e)
			// The description a speaker is given and the words set beside
			// them are one tier: "Sue's son Callum, 31, who is serving nine
			// years" is weighed phrase against phrase; but a job or "a
			// mother of three" says less than a victim's phrase ("One
			// victim, a mother of three,").
			if r >= 0 && (bestRole < 0 || l > bestLen && !(m.ids[r] == RoleOther && m.ids[bestRole] == "victim_family") ||
				m.ids[bestRole] == RoleOther && m.ids[r] == "victim_family") {
				bestRole, bestLen = r, l
			}
		}
		if bestRole >= 0 && m.ids[bestRole] == RoleOther && other < 0 {
			// A job says less than what happened to someone: "The woman,
			// a care worker in her 50s," is the woman the boys threatened.
			// Only the victim's role is read below.
			other, bestRole, bestLen = bestRole, -1, 0
		} else if bestRole >= 0 && other >= 0 && m.ids[bestRole] != "victim_family" {
			bestRole, bestLen = -1, 0
		}
	}
	if bestRole < 0 {
		bestRole = other
	}
	if bestRole >= 0 {
		return m.ids[bestRole]
	}
	if described() {
		return RoleOther
	}
	return RoleUnknown
}

// maxTier is the strongest tier.
var maxTier = func() int {
	m := 0
	for _, t := range tier {
		m = max(m, t)
	}
	return m
}()

func tierOf(level int) int {
	if level >= 0 && level < len(tiers) {
		return tiers[level]
	}
	return tier[level]
}

// tiers is tier as an array, read once per piece of evidence and tier.
var tiers = func() (t [levelQuoted + 1]int) {
	for l := range t {
		t[l] = tier[l]
	}
	return t
}()

// phraseRole is the role one piece of evidence gives and the length of
// its phrase (-1 when none).
func (m *roleMatcher) phraseRole(e evidence) (r, l int) {
	r = -1
	switch e.level {
	case levelTitle:
		if r = m.title(e.text); r >= 0 {
			l = 1
		}
	case levelContext:
		if r = m.contextRole(e.text); r >= 0 {
			l = 1
		}
	case levelQuoted:
		var buf [64]string
		ws := appendRoleWords(buf[:0], e.text)
		r, l = m.saysRole(ws)
	default:
		r, l = m.best(e.text)
	}
	return r, l
}

// saysRole returns the role of the heaviest says: phrase in ws, the
// first listed on a tie, and its weight.
func (m *roleMatcher) saysRole(ws []string) (role, weight int) {
	best := -1
	try := func(id, k int) {
		p := m.says[id]
		if (p.weight > weight || p.weight == weight && id < best) && seqAtWords(p.words, ws, k) {
			best, weight = id, p.weight
		}
	}
	for k, w := range ws {
		for _, id := range m.saysBy[w] {
			try(id, k)
		}
		for _, g := range m.saysPre[w[0]] {
			if len(g.key) <= len(w) && w[:len(g.key)] == g.key {
				for _, id := range g.ids {
					try(id, k)
				}
			}
		}
		for _, id := range m.saysAny {
			try(id, k)
		}
	}
	if best < 0 {
		return -1, 0
	}
	return m.says[best].role, weight
}

// isRoleWord reports whether w alone is a role phrase ("prosecutor",
// "ecologist" is not): used to strip descriptions off names.
func (m *roleMatcher) isRoleWord(w string) bool {
	for _, id := range m.byFirst[w] {
		if len(m.phrases[id].words) == 1 {
			return true
		}
	}
	return false
}
