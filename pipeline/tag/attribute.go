package tag

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/framewatch/framewatch/news"
)

// Quote kinds (LABELS.md): words inside quote marks standing as speech,
// a few quoted words inside the reporter's sentence, and reported speech
// without quote marks ("police said the man had…").
const (
	KindDirect   = "direct"
	KindPartial  = "partial"
	KindReported = "reported"
)

// person is one speaker of an article, followed through it: "Det Insp
// Sarah Khan", later "Khan" and "she", is one person with one role.
type person struct {
	full   string // fullest form as written
	key    string
	name   bool // a person's name (with a surname to follow)
	gender byte // 'f', 'm', 'p' (plural or organisation), 0 unknown
	ev     []evidence
	role   string
	at     int // offset of the last attribution to them
}

// attributor links the quotes of one article to their speakers.
type attributor struct {
	m         *roleMatcher
	s         string
	lay       *layout
	people    []*person
	byKey     map[string]*person
	recent    []*person // speakers, most recent last
	at        int       // offset of the quote or claim being attributed
	gaz       *gazetteer
	runs      [][2]int // name runs of the whole text, found once when needed
	prisonSet int8     // prisonStory: 0 not yet read, 1 no, 2 yes
	ran       bool
	low       string   // s with ASCII letters lower-cased (same offsets), made when needed
	wspans    [][2]int // wordSpans(s), made when needed
	arena     []byte   // lowerCopy's bytes
	// bodies: the bodies the article introduces with their kind, read once.
	introduced []introducedBody
	bodiesRead bool
}

// words is wordSpans of the whole article, read once.
func (a *attributor) words() [][2]int {
	if a.wspans == nil {
		a.wspans = appendWordSpans(make([][2]int, 0, len(a.s)/5+1), a.s)
	}
	return a.wspans
}

// lower is the article with ASCII letters in lower case, byte for byte
// at the same offsets: strings.Index on it is indexFold on s.
func (a *attributor) lower() string {
	if a.low == "" && a.s != "" {
		a.low = lowerASCII(a.s)
	}
	return a.low
}

// lowerOf is strings.ToLower(x), read from the article lower-cased once
// when x is a piece of it whose characters lower-case to themselves or
// are ASCII: most evidence and description texts are, and each was
// otherwise copied to be lower-cased.
func (a *attributor) lowerOf(x string) string {
	if len(x) == 0 || len(a.s) == 0 {
		return strings.ToLower(x)
	}
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(x))), uintptr(unsafe.Pointer(unsafe.StringData(a.s)))
	if p < b || p+uintptr(len(x)) > b+uintptr(len(a.s)) {
		return a.lowerCopy(x)
	}
	for i := 0; i < len(x); {
		if x[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(x[i:])
		if r == utf8.RuneError || unicode.ToLower(r) != r {
			return strings.ToLower(x) // ToLower rewrites it: no same-offset copy
		}
		i += size
	}
	off := int(p - b)
	return a.lower()[off : off+len(x)]
}

// lowerCopy is strings.ToLower(x) for a string that is not a piece of the
// article (a name joined from its words): an ASCII one with capitals is
// lower-cased into the attributor's arena, whose bytes are never written
// again once a string is made of them, so many names cost one allocation.
func (a *attributor) lowerCopy(x string) string {
	upper := false
	for i := 0; i < len(x); i++ {
		if c := x[i]; c >= utf8.RuneSelf {
			return strings.ToLower(x)
		} else if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return x
	}
	if cap(a.arena)-len(a.arena) < len(x) {
		a.arena = make([]byte, 0, max(512, len(x)))
	}
	start := len(a.arena)
	for i := 0; i < len(x); i++ {
		c := x[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		a.arena = append(a.arena, c)
	}
	return unsafe.String(&a.arena[start], len(x))
}

// roleWords is appendRoleWords with the lower case read by lowerOf.
func (a *attributor) roleWords(dst []string, s string) []string {
	return appendLowerRoleWords(dst, a.lowerOf(s))
}

// lowerASCII is s with ASCII letters in lower case, at the same offsets.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// gazType is the gazetteer type of a name ("HMP Forest Bank" → PRISON), or "".
func (a *attributor) gazType(name string) string {
	if a.gaz == nil {
		return ""
	}
	var buf [64]byte
	if k, ok := appendKey(buf[:0], name); ok {
		return a.gaz.byName[string(k)]
	}
	return a.gaz.byName[normaliseString(name)]
}

var femaleWords = map[string]bool{
	"she": true, "mrs": true, "ms": true, "miss": true, "lady": true, "baroness": true, "dame": true,
	"mother": true, "mum": true, "wife": true, "daughter": true, "sister": true, "widow": true,
	"grandmother": true, "gran": true, "aunt": true, "niece": true, "girlfriend": true, "woman": true,
	"girl": true, "stepmother": true, "fiancée": true, "spokeswoman": true, "actress": true, "her": true,
}

var maleWords = map[string]bool{
	"he": true, "mr": true, "sir": true, "lord": true, "father": true, "dad": true, "husband": true,
	"son": true, "brother": true, "widower": true, "grandfather": true, "grandad": true, "uncle": true,
	"nephew": true, "boyfriend": true, "man": true, "boy": true, "stepfather": true, "fiancé": true,
	"spokesman": true, "his": true,
}

// descriptorNouns end the description before a name written as one
// capitalised run ("Justice Secretary Shabana Mahmood").
var descriptorNouns = map[string]bool{
	"secretary": true, "minister": true, "executive": true, "director": true, "chair": true,
	"chairman": true, "chairwoman": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"leader": true, "campaigner": true, "founder": true, "officer": true, "manager": true,
	"governor": true, "mayor": true, "commissioner": true, "head": true, "president": true,
	"coordinator": true, "researcher": true, "criminologist": true, "lawyer": true, "barrister": true,
	"solicitor": true, "mp": false, "chancellor": true, "lecturer": true, "editor": true, "ceo": true,
	"trustee": true, "advocate": true, "mentor": true, "worker": true, "volunteer": true,
	"ecologist": true, "psychiatrist": true, "psychologist": true, "prosecutor": true, "nurse": true,
	"teacher": true, "doctor": true, "councillor": false, "inspector": false, "chaplain": true,
}

// genderOf reads the gender a description gives; a possessive is the
// last resort ("his mother" is a woman).
func genderOf(text string) byte {
	var wb [32]string
	ws := appendWordsOf(wb[:0], text)
	// "Mr Bevan's sister": the noun after a possessive is the person.
	for i := len(ws) - 2; i >= 0; i-- {
		if w := ws[i]; strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			ws = ws[i+1:]
			break
		}
	}
	for _, w := range ws {
		if lowerIs(w, "his") || lowerIs(w, "her") {
			continue
		}
		if inLower(femaleWords, w) {
			return 'f'
		}
		if inLower(maleWords, w) {
			return 'm'
		}
	}
	for _, w := range ws {
		if inLower(femaleWords, w) {
			return 'f'
		}
		if inLower(maleWords, w) {
			return 'm'
		}
	}
	return 0
}

// splitName separates a description written before a name: "Prison
// reform campaigner Jane Roe" → ("Prison reform campaigner", "Jane Roe").
// Titles stay with the name.
func splitName(head string) (desc, name string) {
	ws := strings.Fields(head)
	i := len(ws)
	var lb [32]byte
	for i > 0 {
		w := ws[i-1]
		lw := string(appendLower(lb[:0], cleanWord(w)))
		if !isUpperWord(w) && !(lw == "of" && i < len(ws)) || descriptorNouns[lw] && !personTitles[lw] {
			break
		}
		i--
	}
	if i == 0 || i == len(ws) {
		return "", head
	}
	return strings.Join(ws[:i], " "), strings.Join(ws[i:], " ")
}

// surname is the key of a person's name: its last word that is not a
// title or a suffix ("Jane Doe MP" → doe).
func surname(name string) string {
	var wb [32]string
	ws := appendWordsOf(wb[:0], name)
	for i := len(ws) - 1; i >= 0; i-- {
		w := cleanWord(ws[i])
		if w == "" || inLower(nameSuffixes, w) {
			continue
		}
		return strings.ToLower(w)
	}
	return ""
}

// givenName is the first word of a name after its titles ("Det Con Lee
// Marsh" → "Lee"), or "" when the name is one word after them.
func givenName(name string) string {
	var wb [32]string
	ws := appendWordsOf(wb[:0], name)
	for len(ws) > 0 && inLower(personTitles, cleanWord(ws[0])) {
		ws = ws[1:]
	}
	if len(ws) < 2 || len(ws[0]) < 2 || !isUpperWord(ws[0]) {
		return ""
	}
	return ws[0]
}

// titleOnly reports whether every word of name is a title ("Judge").
func titleOnly(name string) bool {
	var wb [32]string
	for _, w := range appendWordsOf(wb[:0], name) {
		if !inLower(personTitles, cleanWord(w)) {
			return false
		}
	}
	return true
}

func normKey(s string) string {
	var buf [32]string
	ws := appendRoleWords(buf[:0], s)
	if len(ws) > 0 && determinersLead[ws[0]] {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

func (a *attributor) touch(p *person) {
	for i, q := range a.recent {
		if q == p {
			a.recent = append(a.recent[:i], a.recent[i+1:]...)
			break
		}
	}
	a.recent = append(a.recent, p)
	p.at = a.at
}

// stripTitles drops the courtesy titles before a name ("Ms Fenton" →
// "Fenton"); office titles (Judge, Det Insp) are kept by the callers.
func stripTitles(name string) string {
	if singleSpaced(name) {
		// The same words as below, as a slice of name: no copy.
		for {
			sp := strings.IndexByte(name, ' ')
			if sp < 0 {
				return name
			}
			if inLower(courtesyTitles, strings.TrimSuffix(name[:sp], ".")) {
				name = name[sp+1:]
				continue
			}
			return name
		}
	}
	ws := strings.Fields(name)
	for len(ws) > 1 && inLower(courtesyTitles, strings.TrimSuffix(ws[0], ".")) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

var courtesyTitles = setOf("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame")

// singleSpaced reports whether strings.Join(strings.Fields(s), " ") is s:
// ASCII, words apart by one space, none before or after.
func singleSpaced(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

// implausibleHeads are phrases an attribution pattern can catch that are
// nobody: "Nobody", "Some days I wish", a live blog's "10.50 During …".
var implausibleHeads = map[string]bool{"nobody": true, "everyone": true, "everybody": true, "someone": true,
	"somebody": true, "something": true, "nothing": true, "what": true, "this": true, "that": true,
	"there": true, "here": true, "which": true, "who": true, "some": true, "most": true, "all": true}

func plausibleHead(head string, m *roleMatcher) bool {
	var wb [32]string
	ws := appendWordsOf(wb[:0], head)
	if len(ws) == 0 {
		return false
	}
	var lb, wb2 [32]byte
	w0 := string(appendLower(lb[:0], ws[0]))
	if implausibleHeads[w0] || w0[0] >= '0' && w0[0] <= '9' {
		return false
	}
	for _, w := range ws {
		switch string(appendLower(wb2[:0], w)) {
		case "i", "you", "we", "me", "us":
			return false // a third party is not described in the first person
		}
	}
	if !isUpperWord(ws[0]) && !determinersLead[w0] && !commonHeads[w0] && !m.isRoleWord(w0) {
		if _, pron := pronouns[w0]; !pron {
			return false // "keeps being cancelled", "shot in both legs last year"
		}
	}
	return true
}

// resolve turns an attribution into a person of the article.
func (a *attributor) resolve(sp speech) *person {
	head := strings.TrimSpace(sp.head)
	if !plausibleHead(head, a.m) {
		return nil
	}
	lw := strings.ToLower(head)
	if ageAnaphor(lw) {
		// "'…,' the 61-year-old said." after "Paul Gregson … said": the
		// person last quoted, else the person last named.
		for i := len(a.recent) - 1; i >= 0; i-- {
			if p := a.recent[i]; p.name {
				a.addEvidence(p, sp, false)
				return p
			}
			break
		}
		if n := a.lastNamed(a.at); n != "" {
			return a.resolve(speech{head: n, appos: sp.appos, context: sp.context, verb: sp.verb})
		}
	}
	if a.gazType(head) == "" {
		// "One 17-year-old, who gave his name only as Tyrone,": the name
		// given is who speaks (also after "… at the rank on Corporation
		// Street,", whose last words are no speaker).
		for k, ap := range sp.appos {
			if n := nameGivenAs(ap); n != "" {
				rest := append(append(make([]string, 0, len(sp.appos)), sp.appos[:k]...), sp.appos[k+1:]...)
				sp.appos = append(rest, head)
				head, lw = n, strings.ToLower(n)
				break
			}
		}
	}
	if i := strings.Index(head, " of "); i > 0 && len(sp.appos) < 8 {
		// "Det Con Lee Marsh of West Midlands Police": the person, with
		// the body beside them (not a body named for its last word).
		if left, right := head[:i], head[i+4:]; countWordsOf(left) >= 2 && looksLikeName(left) && !isOrgNameText(left) &&
			a.gazType(left) == "" && isOrgNameText(right) {
			head = left
			sp.appos = append(sp.appos[:len(sp.appos):len(sp.appos)], "of "+right)
		}
	}
	if g, ok := pronouns[lw]; ok {
		// "Judge Helen Burke remanded him. '…,' she said.": a person named
		// earlier in the same paragraph, as its subject, is who "she" is.
		if g == 'f' || g == 'm' {
			// "In a statement read to the court by Miss Hale, the worker
			// said …. '…,' she said.": who last spoke in the paragraph,
			// when nothing says they are the other sex.
			if k := len(a.recent) - 1; k >= 0 {
				// In the sentence before at most: a long paragraph (or a
				// page with none) is not one speaker's.
				pi, from := a.lay.paraAt(a.at), a.lay.paras[a.lay.paraAt(a.at)].start
				if si := a.lay.sentenceAt(a.at); si >= 1 && a.lay.spara[si-1] == pi {
					from = a.lay.sents[si-1].start
				}
				if last := a.recent[k]; last.at >= from && last.at < a.at &&
					(last.gender == g || last.gender == 0 && !last.name) {
					a.addEvidence(last, sp, false)
					return last
				}
			}
			n := a.firstNamedInPara(a.at)
			if n == "" {
				// "An officer who has worked at the jail for 11 years
				// described a typical shift. '…,' he said.": the person
				// the paragraph opens by describing.
				if d := a.describedOpener(a.at); d != "" {
					if p := a.resolve(speech{head: d, appos: sp.appos, context: sp.context, verb: sp.verb}); p != nil && (p.gender == 0 || p.gender == g) {
						return p
					}
				}
			}
			if pi := a.lay.paraAt(a.at); n == "" && pi > 0 && a.lay.paras[pi].start <= a.at && strings.TrimSpace(a.s[a.lay.paras[pi].start:a.at]) == "" {
				// A paragraph that opens with the quote: "Their supervisor,
				// Gordon McCall, has run squads for 11 years." ¶ "'…,' he
				// said." The person the paragraph before is about, when
				// nobody has spoken since it began.
				if pp := a.lay.paras[pi-1]; len(a.recent) == 0 || a.recent[len(a.recent)-1].at < pp.start {
					n = a.firstNamedIn(a.s[pp.start:pp.end])
				}
			}
			if n != "" {
				if p := a.resolve(speech{head: n, appos: sp.appos, context: sp.context, verb: sp.verb}); p != nil && (p.gender == 0 || p.gender == g) {
					if p.gender == 0 {
						p.gender = g
					}
					return p
				}
			}
		}
		for i := len(a.recent) - 1; i >= 0; i-- {
			p := a.recent[i]
			if g == 0 || p.gender == g || p.gender == 0 && (g == 'f' || g == 'm') {
				if p.gender == 0 && g != 'p' {
					p.gender = g
				}
				a.addEvidence(p, sp, false)
				return p
			}
		}
		// Nobody has spoken yet: the pronoun stands for the person last
		// named before it ("Mary Quinn's son died … she told the BBC").
		if n := a.lastNamed(a.at); n != "" {
			return a.resolve(speech{head: n, appos: sp.appos, context: sp.context, verb: sp.verb})
		}
		return nil
	}
	// "Its director, Rhodri Evans," after "Shelter Cymru said …": the body
	// just named is whom they speak for.
	for _, d := range append([]string{head}, sp.appos...) {
		if a.bodysOwn(d) {
			if body := a.recentBody(); body != "" {
				sp.appos = append(sp.appos[:len(sp.appos):len(sp.appos)], body)
			}
			break
		}
	}
	var p *person
	if d, n := splitName(head); d != "" && looksLikeName(n) && !looksLikeName(head) && !isOrgNameText(n) && a.gazType(n) == "" {
		var buf [32]string
		if dw := appendRoleWords(buf[:0], d); len(dw) > 0 && !determinersLead[dw[len(dw)-1]] {
			// "Her colleague Alan Finch MSP": a name after a description.
			sp.appos = append(sp.appos, d)
			head = n
		}
	}
	switch {
	case looksLikeName(head) && !isOrgNameText(head):
		desc, name := splitName(head)
		if titleOnly(name) {
			p = a.description(head)
			break
		}
		key := surname(name)
		if key == "" {
			return nil
		}
		p = a.byKey["name:"+key]
		if p != nil {
			// "His mother, Linda Hurst" after "Daniel Hurst": a family
			// shares a surname, not a person.
			if f, g := givenName(p.full), givenName(name); f != "" && g != "" && !strings.EqualFold(f, g) {
				key = strings.ToLower(g) + " " + key
				p = a.byKey["name:"+key]
			}
		}
		if p == nil && !strings.Contains(name, " ") {
			// "Sue said" after "Sue Harding, 58, has visited her son":
			// features name people by their first name after the first
			// mention.
			if full := a.firstNameOf(name); full != "" {
				name, key = full, surname(full)
				p = a.byKey["name:"+key]
			}
		}
		if p == nil {
			if bare := stripTitles(name); countWordsOf(bare) == 1 {
				// "Ms Fenton" first: the article names her in full elsewhere.
				if full := a.fullerName(bare); full != bare {
					name = full
				}
			}
			p = &person{full: name, key: key, name: true}
			a.byKey["name:"+key] = p
			a.people = append(a.people, p)
		} else if len(name) > len(p.full) {
			p.full = name
		}
		if desc != "" {
			p.ev = append(p.ev, evidence{desc, levelOwn})
		}
		p.ev = append(p.ev, evidence{name, levelTitle}, evidence{name, levelApposition})
		if p.gender == 0 {
			p.gender = genderOf(name)
		}
	case isOrgNameText(head) && !personOfPhrase(head):
		var rwb [32]string
		if ws := appendRoleWords(rwb[:0], head); len(ws) == 2 && (ws[0] == "the" || ws[0] == "its" || ws[0] == "their") {
			// "the board" after "the Parole Board ruled".
			if p = a.namedBody(ws[1]); p != nil {
				break
			}
		}
		key := normKey(head)
		p = a.byKey["org:"+key]
		if p == nil {
			p = &person{full: head, key: key, gender: 'p'}
			if spokes(head) {
				p.gender = genderOf(head) // "a spokesperson for the service" is one person: "she said"
			}
			a.byKey["org:"+key] = p
			a.people = append(a.people, p)
		}
	case bareSpokesperson(head):
		p = a.spokesperson(head)
	default:
		p = a.description(head)
	}
	if p == nil {
		return nil
	}
	a.addEvidence(p, sp, true)
	return p
}

// ageAnaphor reports whether a description is only an age or a family
// count ("the 61-year-old", "the father-of-two"), which names nobody new.
func ageAnaphor(lw string) bool {
	rest, ok := strings.CutPrefix(lw, "the ")
	if !ok {
		return false
	}
	if n, ok := strings.CutSuffix(rest, "-year-old"); ok {
		return n != "" && strings.Trim(n, "0123456789") == ""
	}
	for _, f := range [...]string{"father-of-", "mother-of-", "dad-of-", "mum-of-"} {
		if n, ok := strings.CutPrefix(rest, f); ok {
			return n != "" && !strings.Contains(n, " ")
		}
	}
	return false
}

// personOfPhrase reports whether a head that reads as a body only for
// its "of" is a person described: "the manager of a charity shop" (a
// determiner, a lower-case noun, no body's word at the end).
func personOfPhrase(head string) bool {
	var wb [16]string
	ws := appendWordsOf(wb[:0], head)
	if len(ws) < 4 || !determinersLead[strings.ToLower(ws[0])] || isUpperWord(ws[1]) || inLower(orgLastWords, cleanWord(ws[len(ws)-1])) {
		return false
	}
	return !inLower(orgFirstWords, ws[0])
}

// spokes reports whether a speaker is a body's spokesperson.
func spokes(head string) bool {
	var rwb [32]string
	for _, w := range appendRoleWords(rwb[:0], head) {
		if strings.HasPrefix(w, "spokes") {
			return true
		}
	}
	return false
}

// bareOfficer: "an officer", "some officers", "one officer on the wing":
// an officer of no named service.
func bareOfficer(head string) bool {
	var rwb [32]string
	ws := appendRoleWords(rwb[:0], head)
	officer := false
	for i, w := range ws {
		if relativeWords[w] && i > 0 {
			// "An officer who checked on him that night": the noun
			// before the clause says who; the clause says what they did.
			ws = ws[:i]
			break
		}
	}
	for _, w := range ws {
		switch {
		case w == "officer" || w == "officers":
			officer = true
		case policeWords[w]:
			return false
		}
	}
	return officer && len(ws) <= 5
}

var policeWords = map[string]bool{"police": true, "detective": true, "detectives": true, "constable": true,
	"liaison": true, "investigating": true, "firearms": true, "traffic": true, "armed": true, "met": true,
	"force": true, "family": true, "serving": true, "probation": true, "prison": true}

// prisonStory reports whether the article is set in prisons more than in
// policing: the words of the one outnumber the other's two to one.
func (a *attributor) prisonStory() bool {
	if a.prisonSet == 0 {
		prison, police := 0, 0
		low := a.lower()
		for _, w := range a.words() {
			lw := low[w[0]:w[1]]
			if !isASCII(lw) {
				lw = strings.ToLower(a.s[w[0]:w[1]])
			}
			switch lw {
			case "prison", "prisons", "jail", "hmp", "wing", "cell", "cells", "landing", "inmates", "prisoners", "governor":
				prison++
			case "police", "policing", "arrest", "arrested", "detective", "detectives", "constable", "force":
				police++
			}
		}
		a.prisonSet = 1
		if prison > 2*police && prison >= 3 {
			a.prisonSet = 2
		}
	}
	return a.prisonSet == 2
}

// bareSpokesperson: "a spokesperson", "its spokeswoman", with no body named.
func bareSpokesperson(head string) bool {
	var rwb [32]string
	ws := appendRoleWords(rwb[:0], head)
	if len(ws) != 2 {
		return false
	}
	switch ws[0] {
	case "a", "an", "the", "its", "their":
		return strings.HasPrefix(ws[1], "spokes")
	}
	return false
}

// spokesperson is the speaker a bare "a spokesperson" stands for: the
// body that spoke or was named just before, in the same paragraph or the
// one before ("The Home Office said it was saddened. '…,' a spokesperson
// said."). Each body's spokesperson is a person of their own.
func (a *attributor) spokesperson(head string) *person {
	var rwb [32]string
	if ws := appendRoleWords(rwb[:0], head); ws[0] == "the" {
		// "The spokesperson said" after "An HMPPS spokesperson said": the
		// same one, unless another body has spoken since.
		for i := len(a.recent) - 1; i >= 0; i-- {
			q := a.recent[i]
			if spokes(q.full) {
				return q
			}
			if q.gender == 'p' || isOrgNameText(q.full) {
				break
			}
		}
	}
	body := a.recentBody()
	if body == "" {
		return a.description(head)
	}
	key := "spokes:" + normKey(body)
	p := a.byKey[key]
	if p == nil {
		p = &person{full: head, key: normKey(head), gender: genderOf(head)}
		p.ev = append(p.ev, evidence{body, levelApposition})
		a.byKey[key] = p
		a.people = append(a.people, p)
	}
	return p
}

// bodysOwn: "its director", "their chief executive": a person of a body
// the text has just named.
func (a *attributor) bodysOwn(head string) bool {
	var rwb [32]string
	ws := a.roleWords(rwb[:0], head)
	return len(ws) >= 2 && len(ws) <= 4 && (ws[0] == "its" || ws[0] == "their")
}

// recentBody is the body that spoke or was named just before, in the same
// paragraph or the one before, or "".
func (a *attributor) recentBody() string {
	pi := a.lay.paraAt(a.at)
	body := ""
	for i := len(a.recent) - 1; i >= 0; i-- {
		q := a.recent[i]
		if pi-a.lay.paraAt(q.at) > 1 {
			break
		}
		if q.gender == 'p' || isOrgNameText(q.full) || a.gazType(q.full) != "" || q.describedAsBody() {
			if !bareSpokesperson(q.full) {
				body = q.full
			}
			break
		}
	}
	if body == "" {
		from := a.lay.paras[max(0, pi-1)].start
		seg := a.s[from:a.at]
		runs := nameRuns(seg)
		prison := ""
		for k := len(runs) - 1; k >= 0; k-- {
			n := seg[runs[k][0]:runs[k][1]]
			if t := a.gazType(n); t == "PRISON" || t == "" && strings.HasPrefix(n, "HMP ") {
				// "… recently released from HMP Styal. Its manager": a
				// prison is where someone was; a body named before it in
				// the paragraph is whose "its" it is.
				if prison == "" {
					prison = n
				}
				continue
			}
			if isOrgNameText(n) || a.gazType(n) != "" {
				body = n
				break
			}
		}
		if body == "" {
			body = prison
		}
	}
	return body
}

// bodyNouns, set beside a name, make it a body's: "Shelter Cymru, the
// housing charity,".
var bodyNouns = map[string]bool{"charity": true, "organisation": true, "group": true, "body": true,
	"trust": true, "campaign": true, "service": true, "council": true, "union": true, "association": true,
	"company": true, "firm": true, "network": true, "agency": true, "department": true, "watchdog": true,
	"regulator": true, "inspectorate": true, "force": true, "board": true, "commission": true,
	"unit": true, "hub": true, "centre": true, "project": true}

func (p *person) describedAsBody() bool {
	for _, e := range p.ev {
		if e.level != levelApposition {
			continue
		}
		var rwb [32]string
		ws := appendRoleWords(rwb[:0], e.text)
		if len(ws) > 0 && len(ws) <= 5 && determinersLead[ws[0]] && bodyNouns[ws[len(ws)-1]] {
			return true
		}
	}
	return false
}

// description finds or makes the person a description stands for: "the
// judge" after "Judge Amanda Reed" is her.
func (a *attributor) description(head string) *person {
	var buf, ebuf [32]string
	ws := a.roleWords(buf[:0], head)
	if len(ws) == 0 {
		return nil
	}
	if len(ws) <= 3 && ws[0] == "the" {
		noun := ws[len(ws)-1]
		var found *person
		n := 0
		for _, p := range a.people {
			if !p.name {
				continue
			}
			for _, e := range p.ev {
				if containsWord(a.roleWords(ebuf[:0], e.text), noun) {
					if found != p {
						n++
					}
					found = p
					break
				}
			}
		}
		if n == 1 {
			return found
		}
		if n == 0 {
			if p := a.namedBody(noun); p != nil {
				return p
			}
		}
	}
	key := normKey(head)
	p := a.byKey["desc:"+key]
	if p == nil {
		p = &person{full: head, key: key, gender: genderOf(head)}
		if p.gender == 0 && (strings.HasSuffix(ws[len(ws)-1], "s") || ws[0] == "police") {
			p.gender = 'p'
		}
		a.byKey["desc:"+key] = p
		a.people = append(a.people, p)
	}
	return p
}

// namedBody is the speaker "the board", "the spokesperson" or "the
// charity" stands for when no named person fits: the last speaker whose
// words end in the same noun ("A Parole Board spokesperson" … "the
// spokesperson"), else the body of that noun the article named before
// ("the Parole Board" … "the board said"), else for a charity or group
// the body that spoke or was named just before.
func (a *attributor) namedBody(noun string) *person {
	var buf [32]string
	for i := len(a.recent) - 1; i >= 0; i-- {
		q := a.recent[i]
		if q.name {
			continue
		}
		if ws := appendRoleWords(buf[:0], q.full); len(ws) > 1 && ws[len(ws)-1] == noun {
			return q
		}
	}
	var name string
	switch {
	case noun == "charity" || noun == "organisation" || noun == "group":
		name = a.recentBody()
	case bodyNouns[noun]:
		runs := nameRuns(a.s[:a.at])
		for k := len(runs) - 1; k >= 0 && name == ""; k-- {
			n := a.s[runs[k][0]:runs[k][1]]
			last := strings.ToLower(n[strings.LastIndexByte(n, ' ')+1:])
			if last == noun || noun == "force" && (last == "police" || last == "constabulary") {
				name = n
			}
		}
	}
	if name == "" {
		return nil
	}
	key := normKey(name)
	p := a.byKey["org:"+key]
	if p == nil {
		p = &person{full: name, key: key, gender: 'p', ev: []evidence{{name, levelOwn}}}
		a.byKey["org:"+key] = p
		a.people = append(a.people, p)
	}
	return p
}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func (a *attributor) addEvidence(p *person, sp speech, own bool) {
	if own && !p.name {
		p.ev = append(p.ev, evidence{sp.head, levelOwn})
	}
	for _, ap := range sp.appos {
		p.ev = append(p.ev, evidence{ap, levelApposition})
		if w := strings.ToLower(leadingWord(ap)); p.gender == 0 && p.name && w != "who" && w != "whose" && w != "which" {
			// "whose son was stabbed" says nothing of the speaker's sex.
			p.gender = genderOf(ap)
		}
	}
	if sp.context != "" {
		p.ev = append(p.ev, evidence{sp.context, levelContext})
	}
}

// attribute links every quote span of the headline (tspans) and body
// (bspans) to a speaker and a role, and returns the reported-speech
// claims of the body as spans of their own.
func (e *Engine) attribute(title, s string, tlay, lay *layout, tspans, bspans []qspan) []qspan {
	a := &attributor{m: e.roles, s: s, lay: lay, byKey: map[string]*person{}, gaz: e.gaz}
	owner := make([]*person, len(bspans))
	var reported []qspan
	var repOwner []*person
	var top []int // depth-1 spans that are speech, in text order
	for i, sp := range bspans {
		if sp.depth == 1 && (sp.voice == VoiceQuote || sp.voice == VoicePartial) {
			top = append(top, i)
		}
	}
	lastPara := -10 // paragraph of the previous attributed quote
	ti := 0
	for si, sent := range lay.sents {
		full := false // the sentence holds a full quote
		for ti < len(top) && bspans[top[ti]].start < sent.end {
			k := top[ti]
			sp := &bspans[k]
			if sp.voice == VoiceQuote {
				full = true
			}
			prevEnd := sent.start
			if ti > 0 && bspans[top[ti-1]].end > sent.start {
				prevEnd = bspans[top[ti-1]].end
			}
			endSent := lay.sentenceAt(max(sp.end-1, sp.start))
			nextStart := lay.sents[max(endSent, 0)].end
			if ti+1 < len(top) && bspans[top[ti+1]].start < nextStart {
				nextStart = bspans[top[ti+1]].start
			}
			before := s[min(prevEnd, sp.start):sp.start]
			after := ""
			if sp.end < nextStart {
				after = s[sp.end:nextStart]
			}
			para := lay.paraAt(sp.start)
			a.at = sp.start
			p, cue := a.quoteSpeaker(sp, si, before, after, para, lastPara)
			if p != nil {
				owner[k] = p
				a.touch(p)
				lastPara = lay.paraAt(sp.end - 1)
				if cue != "" {
					sp.cue = cue
				}
			}
			ti++
		}
		if !full {
			a.at = sent.start
			if rs, p, ok := a.reported(si, sent, bspans); ok {
				a.touch(p)
				reported = append(reported, rs)
				repOwner = append(repOwner, p)
			}
		}
	}
	// What a speaker says of themselves counts too ("when I came out").
	for i, p := range owner {
		if p != nil && bspans[i].voice == VoiceQuote {
			p.ev = append(p.ev, evidence{s[bspans[i].start:bspans[i].end], levelQuoted})
		}
	}
	// Roles are decided once every piece of evidence is in.
	for _, p := range a.people {
		if p.name || countFields(p.key) <= 2 && p.key != "" {
			a.elsewhere(p)
		}
		a.bodyEvidence(p)
		// A speaker no phrase fits has a role the files do not know:
		// "other", named or described ("said Tom Hayes" is someone the
		// reporter chose to quote); "unknown" is left for a quote with no
		// speaker in the text, as the labelled sets have it.
		p.role = a.m.resolve(p.ev, true)
		if p.role == "police" && !p.name && bareOfficer(p.full) && a.prisonStory() { // the cheap test first: prisonStory reads every word
			// "an officer told him" in a story set in a prison is a
			// prison officer.
			p.role = "justice_staff"
		}
	}
	for i, p := range owner {
		if p != nil {
			bspans[i].speaker, bspans[i].role = p.full, p.role
		} else if bspans[i].depth == 1 && (bspans[i].voice == VoiceQuote || bspans[i].voice == VoicePartial) {
			bspans[i].speaker, bspans[i].role = "", RoleUnknown
		}
	}
	for i := range reported {
		reported[i].speaker, reported[i].role = repOwner[i].full, repOwner[i].role
	}
	// Nested quotes belong to the speaker of the quote around them unless
	// they say otherwise; they keep no role of their own.
	for i := range bspans {
		if bspans[i].role == "" {
			bspans[i].role = RoleUnknown
		}
	}
	for i := range tspans {
		a.headline(title, &tspans[i], bspans)
	}
	return reported
}

// quoteSpeaker finds the speaker of one quote span: a trailing or leading
// attribution in its sentence, a colon-ended sentence before it, the
// speaker of the quote it continues, or one named in the next paragraph.
func (a *attributor) quoteSpeaker(sp *qspan, si int, before, after string, para, lastPara int) (*person, string) {
	try := func(fns ...func() (speech, bool)) (*person, string) {
		for _, f := range fns {
			if spc, ok := f(); ok {
				if p := a.resolve(spc); p != nil {
					return p, spc.verb
				}
			}
		}
		return nil, ""
	}
	trailing := func() (speech, bool) { return trailingSpeech(after, sp.voice == VoiceQuote) }
	leading := func() (speech, bool) { return leadingSpeech(before, sp.voice == VoicePartial) }
	colon := func() (speech, bool) {
		if si <= 0 || a.lay.spara[si-1] != a.lay.paraAt(sp.start) && a.lay.spara[si-1] != a.lay.paraAt(sp.start)-1 {
			return speech{}, false
		}
		prev := a.s[a.lay.sents[si-1].start:a.lay.sents[si-1].end]
		if strings.TrimSpace(before) != "" {
			// "It said: '…'" after "Police read a statement on behalf
			// of the family.": the statement's speaker.
			if b := strings.ToLower(strings.TrimSpace(before)); (b == "it said:" || b == "it read:") && a.lay.spara[si-1] == a.lay.paraAt(sp.start) {
				if pos, _ := readStatement(prev); pos >= 0 {
					return leadingSpeech(prev, false)
				}
			}
			return speech{}, false
		}
		// A sentence ending in a colon, or one saying a statement is read
		// ("The grandfather, Abdul Rahman, is reading a victim personal
		// statement. '…'"), introduces the quote after it.
		if !strings.HasSuffix(strings.TrimSpace(prev), ":") {
			if pos, _ := readStatement(prev); pos < 0 || a.lay.spara[si-1] != a.lay.paraAt(sp.start) {
				return speech{}, false
			}
		}
		return leadingSpeech(prev, false)
	}
	var p *person
	var cue string
	if sp.voice == VoicePartial {
		p, cue = try(leading, trailing)
	} else {
		p, cue = try(trailing, leading, colon)
	}
	if p != nil {
		return p, cue
	}
	if sp.voice != VoiceQuote {
		return nil, ""
	}
	// No attribution in the sentence: a quote resumed after "he said", or
	// in the next paragraph, is the last speaker's.
	if len(a.recent) > 0 && para-lastPara <= 1 {
		return a.recent[len(a.recent)-1], ""
	}
	// A speaker named only in the next paragraph.
	if spc, ok := a.lookahead(para); ok {
		if p := a.resolve(spc); p != nil {
			return p, spc.verb
		}
	}
	if len(a.recent) > 0 && para-lastPara <= 2 {
		return a.recent[len(a.recent)-1], ""
	}
	return nil, ""
}

// trailingSpeech reads `," said X` or `," X said` after a quote.
func trailingSpeech(after string, full bool) (speech, bool) {
	a := strings.TrimLeft(after, " \t\n")
	startsComma := strings.HasPrefix(a, ",") || strings.HasPrefix(a, "–") || strings.HasPrefix(a, "—")
	a = strings.TrimLeft(a, " ,–—-\t\n")
	if a == "" || !startsComma && !full && !startsLower(a) {
		return speech{}, false
	}
	if strings.HasPrefix(a, ".") || strings.HasPrefix(a, ";") {
		return speech{}, false
	}
	pos, v := verbAt(a, 10, speechVerbs)
	if pos < 0 {
		return speech{}, false
	}
	if pos == 0 {
		rest := a[len(v):]
		sp, ok := subjectAfter(cutSentence(rest))
		sp.verb = v
		if ok && strings.HasPrefix(strings.ToLower(sp.head), "to ") {
			sp.head = strings.TrimSpace(sp.head[3:])
		}
		return sp, ok && sp.head != ""
	}
	sp, ok := subjectBefore(a[:pos])
	sp.verb = v
	return sp, ok
}

// leadingSpeech reads `X said:` or `X told the BBC,` before a quote.
func leadingSpeech(before string, partial bool) (speech, bool) {
	pos, v := lastVerb(before, speechVerbs)
	if pos < 0 && !partial {
		if pos, v = readStatement(before); pos < 0 {
			// "Mr Rahman ended his statement by addressing Pike
			// directly: '…'": a colon after a sentence about someone.
			if strings.HasSuffix(strings.TrimSpace(before), ":") {
				return clauseSubject(before)
			}
			return speech{}, false
		}
		// "West Midlands Police read a statement on behalf of the family":
		// the family speaks.
		if i := strings.Index(before[pos:], "on behalf of "); i >= 0 {
			sp, ok := subjectAfter(cutSentence(before[pos+i+len("on behalf of "):]))
			sp.verb = v
			return sp, ok
		}
	}
	if pos < 0 {
		return speech{}, false
	}
	if v == "according to" {
		rest := before[pos+len("according to"):]
		sp, ok := subjectAfter(rest)
		sp.verb = v
		return sp, ok
	}
	gap := before[pos+len(v):]
	if !partial && countFields(gap) > 8 {
		return speech{}, false
	}
	clause := before[:pos]
	if i := lastClauseBreak(clause); i >= 0 {
		clause = clause[i+1:]
	}
	sp, ok := subjectBefore(clause)
	if !ok {
		if c := strings.TrimSpace(clause); strings.HasSuffix(c, " and") || strings.HasSuffix(c, " but") || strings.HasSuffix(c, " then") {
			// "Judge Kamala Rao jailed him and told him: '…'".
			sp, ok = clauseSubject(clause)
		}
	}
	sp.verb = v
	// "said in a victim personal statement:" says who is speaking too.
	if g := strings.Trim(gap, " ,:"); g != "" {
		sp.context = strings.TrimSpace(sp.context + " " + g)
	}
	if !ok && strings.TrimSpace(clause) == "" && strings.HasPrefix(strings.TrimSpace(gap), "") {
		// "said Jane Roe: '…'" — the inverted form before the quote.
		return subjectAfter(strings.TrimRight(gap, " :,"))
	}
	return sp, ok
}

// readStatement finds a statement being read ("is reading a victim
// personal statement", "read a statement outside court") in s: the
// offset of the verb and the verb, or -1.
func readStatement(s string) (int, string) {
	low := strings.ToLower(s)
	st := strings.LastIndex(low, "statement")
	if st < 0 {
		return -1, ""
	}
	for _, v := range []string{"reading", "reads", "read"} {
		i := strings.LastIndex(low[:st], v+" ")
		if i < 0 || i > 0 && isLetterOrDigit(rune(low[i-1])) || countFields(low[i+len(v):st]) > 5 {
			continue
		}
		return i, v
	}
	return -1, ""
}

// clauseSubject reads the subject a clause opens with: a pronoun or a
// name run at its start, after a live blog's time.
func clauseSubject(clause string) (speech, bool) {
	c := strings.TrimSpace(clause)
	if i := strings.IndexByte(c, ' '); i > 0 && isClock(c[:i]) {
		c = strings.TrimSpace(c[i+1:])
	}
	w := leadingWord(c)
	if _, ok := pronouns[strings.ToLower(w)]; ok && w != "" && strings.ToLower(w) != "it" && strings.ToLower(w) != "i" {
		return speech{head: strings.ToLower(w)}, true
	}
	if runs := nameRuns(c); len(runs) > 0 && strings.TrimSpace(c[:runs[0][0]]) == "" || len(runs) > 0 && determinersLead[strings.ToLower(strings.TrimSpace(c[:runs[0][0]]))] {
		return speech{head: c[runs[0][0]:runs[0][1]]}, true
	}
	return speech{}, false
}

// lastClauseBreak is the offset of the last ';' or ':' of s that ends a
// clause, not one inside a live blog's time ("12:15 — Police said:").
func lastClauseBreak(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ';' || s[i] == ':' && !(i > 0 && i+1 < len(s) && isDigitByte(s[i-1]) && isDigitByte(s[i+1])) {
			return i
		}
	}
	return -1
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isClock reports whether w is a time or a number standing alone: a live
// blog's "11.35" or "12:15" before its entry.
func isClock(w string) bool {
	digit := false
	for i := 0; i < len(w); i++ {
		switch {
		case isDigitByte(w[i]):
			digit = true
		case w[i] == '.' || w[i] == ':':
		default:
			return false
		}
	}
	return digit
}

func cutSentence(s string) string {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';' || s[i] == ':') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
			if s[i] == '.' && isAbbreviation(s, 0, i) {
				continue
			}
			return s[:i]
		}
	}
	return s
}

// lookahead finds an attribution without a quote of its own in the
// paragraph after para: "…" ¶ "Those were the words of Jane Roe, …".
func (a *attributor) lookahead(para int) (speech, bool) {
	if para+1 >= len(a.lay.paras) {
		return speech{}, false
	}
	p := a.lay.paras[para+1]
	text := a.s[p.start:p.end]
	if strings.ContainsAny(text[:min(len(text), 2)], "\"“‘'") {
		return speech{}, false
	}
	first := cutSentence(text)
	low := strings.ToLower(first)
	for _, intro := range []string{"the words of ", "words were those of ", "words of ", "so said ", "that was the verdict of ", "that was the view of "} {
		if i := strings.Index(low, intro); i >= 0 {
			return subjectAfter(first[i+len(intro):])
		}
	}
	if pos, v := verbAt(first, 14, speechVerbs); pos >= 0 {
		var sp speech
		var ok bool
		if pos == 0 {
			sp, ok = subjectAfter(first[len(v):])
		} else {
			sp, ok = subjectBefore(first[:pos])
		}
		if ok {
			if _, pron := pronouns[strings.ToLower(sp.head)]; !pron {
				sp.verb = v
				return sp, true
			}
		}
	}
	return speech{}, false
}

// elsewhere adds what the article says about a named person outside the
// attributions: the words after each mention of the surname, up to the
// end of the clause ("Bell spent 12 years in prison before …").
func (a *attributor) elsewhere(p *person) {
	s, low := a.s, a.lower()
	key := p.key
	// The first mentions say who someone is; later ones rarely add to it.
	for off, n := 0, 0; off < len(s) && n < 6; n++ {
		i := strings.Index(low[off:], key)
		if i < 0 {
			break
		}
		i += off
		off = i + len(key)
		if i > 0 && isLetterOrDigit(runeBefore(s, i)) || off < len(s) && isLetterOrDigit(rune(s[off])) {
			continue
		}
		// The words before the name in its clause: "the prison's head of
		// horticulture, Carl Whitby" or "horticulture officer Carl Whitby".
		from := i
		for k, w := from, 0; k > 0 && w < 8; k-- {
			c := s[k-1]
			if c == '.' || c == ';' || c == '\n' || c == '"' || c == '(' {
				break
			}
			if c == ' ' {
				w++
			}
			from = k - 1
		}
		p.ev = append(p.ev, evidence{s[from:i], levelElsewhere})
		end := clauseEnd(s, off)
		p.ev = append(p.ev, evidence{s[off:end], levelElsewhere})
		if end < len(s) && s[end] == '.' && n < 2 {
			// "Marcus Lyle runs a boxing club. He spent seven years in
			// prison …": the next sentence, when it opens with a pronoun
			// the person can be, is about them too.
			if next := a.pronounSentence(p, end+1); next != "" {
				p.ev = append(p.ev, evidence{next, levelElsewhere})
			}
		}
	}
}

// bodyKinds are the words an article introduces a body with ("the
// charity Llamau"), as the role files know them.
var bodyKinds = [...]string{"charity", "campaign group", "think tank", "pressure group", "support group", "social enterprise"}

// introducedBody is a body the article says what kind it is.
type introducedBody struct{ name, kind string }

// bodies returns the bodies the article introduces with their kind: "the
// charity Llamau", "Llamau, a charity" (read once per article).
func (a *attributor) bodies() []introducedBody {
	if a.bodiesRead {
		return a.introduced
	}
	a.bodiesRead = true
	low := a.lower()
	if !strings.Contains(low, "charity") && !strings.Contains(low, "group") && !strings.Contains(low, "tank") && !strings.Contains(low, "enterprise") {
		return nil // the cheap test first: most articles introduce none
	}
	for _, k := range bodyKinds {
		for off := 0; ; {
			i := strings.Index(low[off:], k)
			if i < 0 {
				break
			}
			i += off
			off = i + len(k)
			// "the charity Llamau": the capitals after the kind.
			if n := capitalRun(a.s[off:], false); n != "" && i > 0 && low[i-1] == ' ' {
				a.introduced = append(a.introduced, introducedBody{n, k})
			}
			// "Llamau, a charity" / "Llamau, the charity"; "The Ty Hafan
			// Women's Hub, run by the charity Llamau".
			before := strings.TrimSuffix(strings.TrimSuffix(low[:i], "a "), "the ")
			before = strings.TrimSuffix(before, "run by ")
			if strings.HasSuffix(before, ", ") {
				if n := capitalRun(a.s[:len(before)-2], true); n != "" {
					a.introduced = append(a.introduced, introducedBody{n, k})
				}
			}
		}
	}
	return a.introduced
}

// nameGivenAs is the name in "who gave his name (only) as Tyrone",
// "identified only as Kim", "known as Dee", or "".
func nameGivenAs(ap string) string {
	low := strings.ToLower(ap)
	for _, k := range [...]string{"name as ", "name only as ", "identified as ", "identified only as ", "known as ", "known only as ", "named only as "} {
		if i := strings.Index(low, k); i >= 0 {
			if n := capitalRun(ap[i+len(k):], false); n != "" && countWordsOf(n) <= 2 {
				return n
			}
		}
	}
	return ""
}

// capitalRun is the run of capitalised words s starts with (or, with
// back, ends with), at most five, or "" when there is none.
func capitalRun(s string, back bool) string {
	var wb [8]string
	var ws []string
	if back {
		all := appendFields(wb[:0], s[max(0, len(s)-80):])
		k := len(all)
		for k > 0 && len(all)-k < 5 && isUpperWord(all[k-1]) {
			k--
		}
		ws = all[k:]
	} else {
		for _, w := range appendFields(wb[:0], s[:min(len(s), 80)]) {
			c := cleanWord(w)
			if !isUpperWord(c) || len(ws) == 5 {
				break
			}
			ws = append(ws, c)
			if c != w {
				break // a comma or stop ends the name
			}
		}
	}
	if len(ws) == 0 {
		return ""
	}
	n := cleanWord(strings.Join(ws, " "))
	if len(n) < 3 || determinersLead[strings.ToLower(n)] {
		return ""
	}
	return n
}

// bodyEvidence lends a speaker the kind of body their description names:
// "Llamau's chief executive" after "the charity Llamau"; "the board's
// chair" after "the prison's Independent Monitoring Board".
func (a *attributor) bodyEvidence(p *person) {
	n := len(p.ev)
	for i := 0; i < n; i++ {
		e := p.ev[i]
		if e.level == levelQuoted || e.level == levelTitle || p.name && e.text == p.full {
			continue
		}
		lw := a.lowerOf(e.text)
		for _, prep := range [...]string{" for the ", " of the ", " at the "} {
			// "A spokesperson for the board" after "The Parole Board ruled".
			if i := strings.LastIndex(lw, prep); i >= 0 {
				if noun := strings.TrimRight(lw[i+len(prep):], " .,"); bodyNouns[noun] && noun != "charity" && noun != "group" {
					if body := a.bodyEnding(noun); body != "" {
						p.ev = append(p.ev, evidence{body, e.level})
					}
				}
			}
		}
		for _, b := range a.bodies() {
			// By its name, or by its last word ("who manages the hub").
			last := strings.ToLower(b.name[strings.LastIndexByte(b.name, ' ')+1:])
			if strings.Contains(e.text, b.name) || strings.Contains(b.name, " ") && bodyNouns[last] && strings.Contains(lw, "the "+last) {
				p.ev = append(p.ev, evidence{b.kind, e.level})
			}
		}
		for _, lead := range [...]string{"the ", "its "} {
			rest, ok := strings.CutPrefix(lw, lead)
			if !ok {
				continue
			}
			noun, _, ok := strings.Cut(rest, "'s ")
			if !ok {
				noun, _, ok = strings.Cut(rest, "’s ")
			}
			if ok && bodyNouns[noun] && noun != "charity" && noun != "group" {
				if body := a.bodyEnding(noun); body != "" {
					p.ev = append(p.ev, evidence{body, e.level})
				}
			}
		}
	}
}

// bodyEnding is the first name in the article whose last word is noun
// ("Independent Monitoring Board" for "board"), or "".
func (a *attributor) bodyEnding(noun string) string {
	if !a.ran {
		a.runs, a.ran = nameRunsOf(a.s, a.words()), true
	}
	for _, r := range a.runs {
		n := a.s[r[0]:r[1]]
		if i := strings.LastIndexByte(n, ' '); i > 0 && strings.EqualFold(n[i+1:], noun) {
			return n
		}
	}
	return ""
}

// pronounSentence returns up to 14 words of the sentence at from (in the
// same paragraph) when it opens with "He" or "She" and p can be that
// person, cut before a speech verb; else "".
func (a *attributor) pronounSentence(p *person, from int) string {
	s := a.s
	for from < len(s) && s[from] == ' ' {
		from++
	}
	var g byte
	switch {
	case strings.HasPrefix(s[from:], "He "):
		g = 'm'
	case strings.HasPrefix(s[from:], "She "):
		g = 'f'
	default:
		return ""
	}
	if p.gender != 0 && p.gender != g {
		return ""
	}
	return s[from:clauseEnd(s, from)]
}

// clauseEnd is where the words about a person from off end: at most 14
// words, up to the end of the clause or a speech verb. What follows a
// speech verb is what they said, not who they are: "Walsh's solicitor,
// Ben Adeyemi, said his client had used his time in custody" is no
// prisoner.
func clauseEnd(s string, off int) int {
	end, words := off, 0
	for end < len(s) && words < 14 {
		c := s[end]
		if c == '.' || c == ';' || c == '\n' || c == '"' {
			break
		}
		if c == ' ' {
			words++
			if w := leadingWord(s[end+1:]); w != "" && inLower(speechVerbs, w) {
				break
			}
		}
		end++
	}
	return end
}

// leadingWord is the run of ASCII letters s starts with.
func leadingWord(s string) string {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return s[:i]
}

// indexFold is strings.Index ignoring ASCII case of the needle (lower case).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		k := 0
		for k < len(sub) {
			c := s[i+k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[k] {
				break
			}
			k++
		}
		if k == len(sub) {
			return i
		}
	}
	return -1
}

// reported finds a reported-speech claim in one sentence: "X said
// (that) CLAUSE", "according to X, CLAUSE", "CLAUSE, X said."
func (a *attributor) reported(si int, sent span, spans []qspan) (qspan, *person, bool) {
	s := a.s[sent.start:sent.end]
	trimEnd := func(st, en int) (int, int) {
		for en > st && strings.ContainsRune(" .!?\n", rune(a.s[en-1])) {
			en--
		}
		for st < en && a.s[st] == ' ' {
			st++
		}
		return st, en
	}
	partialInside := func(st, en int) bool {
		quoted := 0
		for _, sp := range spans {
			if sp.start >= en || sp.end <= st || sp.voice == VoiceScare {
				continue
			}
			// A quote running into the claim (a sentence inside a quote,
			// "I'm not joking, a tent," he said) is not reported speech.
			if sp.voice != VoicePartial || sp.start < st || sp.end > en {
				return true
			}
			quoted += countWords(a.s[sp.start:sp.end])
		}
		// Quoted words inside the claim are the claim's own when the
		// reporter's words carry it ("said his client was ‘deeply sorry’
		// and had used his time in custody to train"); a claim that is
		// mostly the quoted words ("said he was ‘a very ill man, not a
		// wicked one’") is the partial quote alone.
		if quoted == 0 {
			return false
		}
		own := countWords(a.s[st:en]) - quoted
		return own < 5 || own < 2*quoted
	}
	make1 := func(spc speech, st, en int) (qspan, *person, bool) {
		st, en = trimEnd(st, en)
		if en-st < 12 || partialInside(st, en) {
			return qspan{}, nil, false
		}
		p := a.resolve(spc)
		if p == nil {
			return qspan{}, nil, false
		}
		return qspan{start: st, end: en, depth: 1, voice: VoiceJournalist, kind: KindReported, cue: spc.verb}, p, true
	}
	// According to X, CLAUSE. / CLAUSE, according to X.
	if i := strings.Index(a.lower()[sent.start:sent.end], "according to "); i >= 0 {
		rest := s[i+len("according to "):]
		if c := strings.IndexByte(rest, ','); c >= 0 && i < 3 {
			spc, ok := subjectAfter(rest[:c])
			spc.verb = "according to"
			if ok {
				return make1(spc, sent.start+i+len("according to ")+c+1, sent.end)
			}
		} else if i > 0 && strings.HasSuffix(strings.TrimSpace(s[:i]), ",") {
			spc, ok := subjectAfter(cutSentence(rest))
			spc.verb = "according to"
			if ok {
				return make1(spc, sent.start, sent.start+strings.LastIndex(s[:i], ","))
			}
		}
	}
	// X said (that) CLAUSE. A long description of X can sit before the
	// verb ("…, who investigates every death in custody, said").
	pos, v := verbAt(s, 32, reportVerbs)
	for pos > 0 && findingVerbs[v] && !strings.HasPrefix(strings.TrimLeft(s[pos+len(v):], " "), "that ") {
		// "the jury found him guilty" reports nothing; a later verb may
		// ("One mother, whose son was found with cocaine, said …").
		next, nv := verbAt(s[pos+len(v):], 32, reportVerbs)
		if next < 0 {
			pos = -1
			break
		}
		pos, v = pos+len(v)+next, nv
	}
	if pos > 0 {
		spc, ok := subjectBefore(s[:pos])
		if ok && plausibleSpeaker(spc.head) {
			rest := pos + len(v)
			r := s[rest:]
			if v == "told" || v == "tells" {
				// told the court (that) …: skip the hearer.
				var fb [64]string
				ws := appendFields(fb[:0], r)
				skip := 0
				if skip < len(ws) && inLower(determinersLead, ws[skip]) {
					skip++
				}
				switch {
				case skip < len(ws) && inLower(hearers, cleanWord(ws[skip])):
					skip++
				case skip < len(ws) && isUpperWord(ws[skip]):
					for skip < len(ws) && isUpperWord(ws[skip]) {
						skip++
					}
				default:
					skip = 0
				}
				for k := 0; k < skip; k++ {
					r = strings.TrimLeft(r, " ")
					r = r[len(firstField(r)):]
				}
				rest = len(s) - len(r)
			}
			r = strings.TrimLeft(r, " ")
			// "said in a statement that …", "said on Tuesday that …": the
			// claim starts after the phrase of time or medium.
			if fw := firstField(r); fw != "" && inLower(nonClause, fw) {
				if i := strings.Index(r, " that "); i > 0 && countFields(r[:i]) <= 6 && !strings.ContainsAny(r[:i], ",.;:\"“") {
					r = r[i+1:]
				}
			}
			if len(r) >= 5 && lowerIs(r[:5], "that ") {
				r = r[5:]
			}
			if countFields(r) >= 3 && !strings.HasPrefix(r, ":") && !strings.ContainsAny(r[:1], ",\"“‘'") && !inLower(nonClause, firstField(r)) {
				spc.verb = v
				return make1(spc, sent.start+len(s)-len(r), sent.end)
			}
		}
	}
	// CLAUSE, X said.
	if c := strings.LastIndex(s, ", "); c > 0 {
		tail := s[c+2:]
		if p2, v2 := verbAt(tail, 8, reportVerbs); p2 >= 0 {
			after := strings.TrimSpace(strings.TrimRight(tail[p2+len(v2):], ". "))
			var spc speech
			var ok bool
			if p2 == 0 {
				spc, ok = subjectAfter(after)
			} else if after == "" || strings.HasPrefix(after, "in ") || strings.HasPrefix(after, "on ") {
				spc, ok = subjectBefore(tail[:p2])
			}
			if ok && plausibleSpeaker(spc.head) {
				spc.verb = v2
				return make1(spc, sent.start, sent.start+c)
			}
		}
	}
	return qspan{}, nil, false
}

// findingVerbs report a study's or an inquiry's claim only with "that":
// "the review found that…", "figures showed that…".
var findingVerbs = map[string]bool{"found": true, "finds": true, "showed": true, "shows": true}

// hearers follow "told": told the court, told jurors, told the BBC.
var hearers = map[string]bool{"court": true, "jury": true, "jurors": true, "hearing": true, "inquest": true,
	"reporters": true, "mps": true, "msps": true, "him": true, "her": true, "them": true, "us": true,
	"me": true, "magistrates": true, "the": true, "a": true, "an": true, "committee": true, "inquiry": true,
	"journalists": true, "parliament": true, "peers": true, "councillors": true, "listeners": true,
	"viewers": true, "delegates": true, "conference": true, "tribunal": true, "panel": true}

// nonClause words right after "said" do not begin a reported claim.
var nonClause = map[string]bool{"in": true, "on": true, "at": true, "after": true, "during": true,
	"yesterday": true, "today": true, "last": true, "this": true, "to": true, "of": true, "by": true,
	"so": true, "nothing": true, "goodbye": true, "sorry": true, "hello": true, "through": true}

// plausibleSpeaker rejects subjects that are not someone speaking ("It is
// said", "Much has been said").
func plausibleSpeaker(head string) bool {
	if len(head) <= len("something") || !isASCII(head) { // longer ASCII heads are none of these
		switch strings.ToLower(head) {
		case "it", "this", "that", "there", "what", "much", "which", "who", "nothing", "something", "little", "all":
			return false
		}
	}
	n := countWordsOf(head)
	return n > 0 && n <= 10
}

// headline attributes a headline quote: to the body quote it repeats when
// there is one (the body names the speaker), else to the headline's own
// speaker ("Judge: '…'", "…, says ex-governor").
func (a *attributor) headline(title string, sp *qspan, body []qspan) {
	if sp.depth != 1 {
		sp.role = RoleUnknown
		return
	}
	inner := strings.ToLower(strings.TrimSpace(trimQuoteMarks(title[sp.start:sp.end])))
	if len(inner) >= 4 {
		for _, b := range body {
			if b.depth == 1 && b.speaker != "" && strings.Contains(strings.ToLower(a.s[b.start:b.end]), inner) {
				sp.speaker, sp.role = b.speaker, b.role
				return
			}
		}
	}
	if sp.speaker == "" {
		// "'By the third week she's bringing out tea'" over "By the third
		// week the woman at number 12 is bringing out tea": a sub-editor
		// shortens a body quote; most of its words are still there.
		if b := a.closestBodyQuote(inner, body); b != nil {
			sp.speaker, sp.role = b.speaker, b.role
			return
		}
	}
	if sp.speaker == "" {
		// "Mother of murdered teenager 'devastated' as killer freed": a
		// few quoted words after a speaker the headline opens with.
		before := strings.TrimSpace(title[:sp.start])
		if countWords(inner) <= 3 && before != "" && countFields(before) <= 8 && !strings.ContainsAny(before, "\"“”:") {
			if r, _ := a.m.best(before); r >= 0 {
				sp.speaker, sp.cue = before, "headline"
			}
		}
	}
	if sp.speaker == "" {
		sp.role = RoleUnknown
		return
	}
	head := sp.speaker
	// The headline names the speaker by a description the body expands.
	var rwb [32]string
	ws := appendRoleWords(rwb[:0], head)
	for _, p := range a.people {
		if p.name && len(ws) == 1 && strings.EqualFold(ws[0], p.key) {
			sp.speaker, sp.role = p.full, p.role
			return
		}
	}
	ev := []evidence{{head, levelOwn}, {head, levelTitle}}
	sp.role = a.m.resolve(ev, true)
}

// closestBodyQuote is the attributed body quote holding at least three
// quarters of the headline quote's words (five or more), when one body
// quote holds more of them than any other; else nil.
func (a *attributor) closestBodyQuote(inner string, body []qspan) *qspan {
	var hb, bb [48]string
	hw := appendRoleWords(hb[:0], inner)
	if len(hw) < 5 {
		return nil
	}
	var best *qspan
	bestN, tie := 0, false
	for i := range body {
		b := &body[i]
		if b.depth != 1 || b.speaker == "" || b.end-b.start < len(inner)/2 {
			continue
		}
		bw := appendRoleWords(bb[:0], a.s[b.start:b.end])
		n := 0
		for _, w := range hw {
			if containsWord(bw, w) {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = b, n, false
		case n == bestN && best != nil && b.speaker != best.speaker:
			tie = true
		}
	}
	if best == nil || tie || 4*bestN < 3*len(hw) {
		return nil
	}
	return best
}

func quoteKind(sp qspan) string {
	switch {
	case sp.kind != "":
		return sp.kind
	case sp.voice == VoicePartial:
		return KindPartial
	}
	return KindDirect
}

// quoteSpan is the stored form of a span.
func quoteSpan(sp qspan, loc string) news.QuoteSpan {
	return news.QuoteSpan{Location: loc, Start: sp.start, End: sp.end, Voice: sp.voice, Cue: sp.cue,
		Speaker: sp.speaker, Role: sp.role, Kind: quoteKind(sp), Unbalanced: sp.unbalanced}
}

// addReported merges the reported-speech spans into the body's quotes in
// text order.
func addReported(qs []news.QuoteSpan, reported []qspan, lay *layout) []news.QuoteSpan {
	for _, r := range reported {
		loc := news.Body
		if lay.paraAt(r.start) == 0 {
			loc = news.Lead
		}
		qs = append(qs, quoteSpan(r, loc))
	}
	sort.SliceStable(qs, func(i, j int) bool {
		a, b := qs[i], qs[j]
		if (a.Location == news.Headline) != (b.Location == news.Headline) {
			return a.Location == news.Headline
		}
		return a.Start < b.Start
	})
	return qs
}

// nameRun finds capitalised runs of two or more words: the names a text
// mentions ("Mary Quinn's son" → Mary Quinn).
func nameRuns(s string) [][2]int {
	var buf [256][2]int
	return nameRunsOf(s, appendWordSpans(buf[:0], s))
}

// nameRunsOf is nameRuns given the wordSpans ws of s.
func nameRunsOf(s string, ws [][2]int) [][2]int {
	var out [][2]int
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && isUpperWord(s[ws[j][0]:ws[j][1]]) && (j == i || ws[j][0]-ws[j-1][1] == 1) {
			j++
		}
		// "But Kelly Dobbs", "The Home Office": the capital that only
		// opens the sentence is not part of the name.
		k := i
		for k < j && (inLower(determinersLead, s[ws[k][0]:ws[k][1]]) || inLower(adverbialStarts, s[ws[k][0]:ws[k][1]])) {
			k++
		}
		if j-k >= 2 {
			out = append(out, [2]int{ws[k][0], ws[j-1][1]})
		}
		if j == i {
			j++
		}
		i = j
	}
	return out
}

// wordSpans are the offsets of the words of s (letters, digits, inner
// apostrophes and hyphens; a possessive 's is left out).
func wordSpans(s string) [][2]int { return appendWordSpans(nil, s) }

func appendWordSpans(out [][2]int, s string) [][2]int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '&' && !byteAlnum[c] {
			i++ // ASCII between words
			continue
		}
		r, size := decodeRune(s, i)
		if !isLetterOrDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf && c != '&' {
				// ASCII: the same test as below, read from tables.
				if byteAlnum[c] || (c == '-' || c == '\'') && j+1 < len(s) && byteAlnum[s[j+1]] {
					j++
					continue
				}
				break
			}
			r2, sz := decodeRune(s, j)
			if isLetterOrDigit(r2) || (r2 == '-' || r2 == '\'' || r2 == '’') && j+sz < len(s) && byteAlnum[s[j+sz]] {
				j += sz
				continue
			}
			break
		}
		w := s[i:j]
		if w[len(w)-1] == 's' && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		}
		out = append(out, [2]int{i, i + len(w)})
		i = j
	}
	return out
}

// byteAlnum is isLetterOrDigit(rune(c)) for every byte: a byte above
// ASCII read alone is a Latin-1 letter or not, as the word scanners have
// always read the byte after a hyphen or apostrophe.
var byteAlnum = func() (t [256]bool) {
	for c := range t {
		t[c] = isLetterOrDigit(rune(c))
	}
	return t
}()

// lastNamed returns the last person's name written before offset at.
func (a *attributor) lastNamed(at int) string {
	from := max(0, at-1500)
	runs := nameRuns(a.s[from:at])
	for k := len(runs) - 1; k >= 0; k-- {
		n := a.s[from+runs[k][0] : from+runs[k][1]]
		prev := lastWordOf(a.s[max(from, from+runs[k][0]-12) : from+runs[k][0]])
		if placePreps[strings.ToLower(prev)] {
			continue // "in Stokes Croft": a place
		}
		if !isOrgNameText(n) && a.gazType(n) == "" {
			return n
		}
	}
	return ""
}

// fullerName finds the fullest form of a surname used alone: "Walsh" after
// "Dee Walsh spent six years in prison".
func (a *attributor) fullerName(name string) string {
	best := name
	if !a.mayCloseRun(name) {
		return best
	}
	if !a.ran {
		a.runs, a.ran = nameRunsOf(a.s, a.words()), true
	}
	for _, r := range a.runs {
		n := a.s[r[0]:r[1]]
		if strings.HasSuffix(n, " "+name) && len(n) > len(best) && !isOrgNameText(n) && a.gazType(n) == "" {
			best = n
		}
	}
	return best
}

// firstNameOf finds the full name a lone first name stands for: a
// speaker met already, else a two-word name written in the article.
func (a *attributor) firstNameOf(first string) string {
	for _, p := range a.people {
		if p.name && hasWordPrefix(stripTitles(p.full), first) {
			return p.full
		}
	}
	if !a.mayOpenRun(first) {
		return ""
	}
	if !a.ran {
		a.runs, a.ran = nameRunsOf(a.s, a.words()), true
	}
	for _, r := range a.runs {
		n := a.s[r[0]:r[1]]
		if hasWordPrefix(n, first) && countWordsOf(n) == 2 && !isOrgNameText(n) && a.gazType(n) == "" {
			return n
		}
	}
	return ""
}

// mayOpenRun reports whether a name run of the article can start with
// first and a space: somewhere first and a space are followed by a
// capital (or by a byte a capital may be written with), as the run's
// next word must be. It spares reading every run of the article for a
// lone word ("the charity Unlock said").
func (a *attributor) mayOpenRun(first string) bool {
	for off := 0; ; {
		i := strings.Index(a.s[off:], first)
		if i < 0 {
			return false
		}
		k := off + i + len(first)
		if k+1 < len(a.s) && a.s[k] == ' ' {
			if c := a.s[k+1]; c >= 'A' && c <= 'Z' || c == '&' || c >= utf8.RuneSelf {
				return true
			}
		}
		off += i + 1
	}
}

// mayCloseRun reports whether a name run of the article can end with a
// space and name: somewhere the word just before " "+name starts with a
// capital, as it must to be in the same run (a word it cannot read
// surely, with hyphens, entities or letters beyond ASCII, counts as one).
func (a *attributor) mayCloseRun(name string) bool {
	for off := 0; ; {
		i := strings.Index(a.s[off:], name)
		if i < 0 {
			return false
		}
		k := off + i - 1 // the space before name
		off += i + 1
		if k < 1 || a.s[k] != ' ' {
			continue
		}
		b := k
		for b > 0 && a.s[b-1] < utf8.RuneSelf && byteAlnum[a.s[b-1]] {
			b--
		}
		if b == k {
			if c := a.s[k-1]; c < utf8.RuneSelf && c != ';' {
				continue // no word ends right before the space
			}
			return true
		}
		if b > 0 {
			if c := a.s[b-1]; c == '-' || c == '\'' || c == '&' || c == ';' || c == '#' || c >= utf8.RuneSelf {
				return true
			}
		}
		if c := a.s[b]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
}

// hasWordPrefix is strings.HasPrefix(s, first+" ") without making the
// concatenation.
func hasWordPrefix(s, first string) bool {
	return len(s) > len(first) && s[len(first)] == ' ' && s[:len(first)] == first
}

// firstNamedInPara returns the first person's name written in at's
// paragraph before at, or "".
func (a *attributor) firstNamedInPara(at int) string {
	pi := a.lay.paraAt(at)
	p := a.lay.paras[pi]
	if at <= p.start {
		return ""
	}
	// At most the two sentences before at's: a long paragraph must not
	// make every pronoun read all of it again.
	from := p.start
	if si := a.lay.sentenceAt(at); si >= 2 && a.lay.spara[si-2] == pi {
		from = a.lay.sents[si-2].start
	}
	return a.firstNamedIn(a.s[from:at])
}

// describedOpener is the description a paragraph opens with when it
// begins "A …", "An …", "One …" or "Another …" and the noun ends before a
// relative clause or a comma ("An officer who …" → "An officer"), or "".
func (a *attributor) describedOpener(at int) string {
	pi := a.lay.paraAt(at)
	start := a.lay.paras[pi].start
	if at <= start {
		return ""
	}
	if si := a.lay.sentenceAt(at); si >= 2 && a.lay.spara[si-2] == pi {
		return "" // the opener is more than a sentence before the quote
	}
	seg := a.s[start:at]
	var fb [12]string
	ws := appendFields(fb[:0], seg[:min(len(seg), 120)])
	if len(ws) < 3 {
		return ""
	}
	switch ws[0] {
	case "A", "An", "One", "Another":
	default:
		return ""
	}
	k := 1
	for k < len(ws) && k < 5 {
		w := strings.ToLower(ws[k])
		if relativeWords[w] || npStop[w] || speechVerbs[cleanWord(w)] {
			break
		}
		k++
		if strings.HasSuffix(w, ",") {
			break
		}
	}
	if k < 2 || k == len(ws) || isUpperWord(ws[k-1]) {
		return ""
	}
	if w := strings.ToLower(cleanWord(ws[k-1])); !commonHeads[w] && w != "man" && w != "woman" && w != "person" {
		if r, _ := a.m.best(w); r < 0 {
			return "" // "A bakery, a bike repair shop …" describes no one
		}
	}
	return cleanWord(strings.Join(ws[:k], " "))
}

// firstNamedIn returns the first person's name written in seg, or "".
func (a *attributor) firstNamedIn(seg string) string {
	// A speaker already met, named by one word ("Dennis hopes to …").
	if ws := wordSpans(seg); len(ws) > 0 {
		w := seg[ws[0][0]:ws[0][1]]
		lw := strings.ToLower(w)
		if p := a.byKey["name:"+lw]; p != nil && isUpperWord(w) && (len(ws) == 1 || !isUpperWord(seg[ws[1][0]:ws[1][1]])) {
			return p.full
		}
		// One named by a first name and an age: "Nadia, 28, who served …".
		if isUpperWord(w) && !determinersLead[lw] && !adverbialStarts[lw] && !commonHeads[lw] && !notNames[lw] &&
			len(ws) > 1 && isClock(seg[ws[1][0]:ws[1][1]]) && strings.TrimSpace(seg[ws[0][1]:ws[1][0]]) == "," {
			return w
		}
	}
	for _, r := range nameRuns(seg) {
		n := seg[r[0]:r[1]]
		prev := lastWordOf(seg[max(0, r[0]-12):r[0]])
		if placePreps[strings.ToLower(prev)] && (!personFollows(seg[r[1]:]) || isStreet(wordsOf(n))) || isOrgNameText(n) || a.gazType(n) != "" {
			continue // "in Stokes Croft", but "telling that to Janice Webb, whose husband …"
		}
		if inQuoteMarks(seg, r[0]) {
			continue
		}
		return n
	}
	return singleNamed(seg)
}

// personFollows reports whether what follows a name says it is a
// person's: ", who", ", whose" or an age (", 34,").
func personFollows(s string) bool {
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, ",") {
		return false
	}
	w := leadingWord(strings.TrimLeft(s[1:], " "))
	if w == "who" || w == "whose" {
		return true
	}
	rest := strings.TrimLeft(s[1:], " ")
	i := 0
	for i < len(rest) && isDigitByte(rest[i]) {
		i++
	}
	return i > 0 && i < len(rest) && rest[i] == ','
}

// introducesName are the words a first name with an age may follow.
var introducesName = map[string]bool{"is": true, "was": true, "including": true, "includes": true, "like": true, "meet": true}

// singleNamed finds a person named by one word in seg: a first name and
// an age ("One of her bakers, Tasha, 26, spent …") or a name given
// ("who gave his name as Stevie").
func singleNamed(seg string) string {
	ws := wordSpans(seg)
	for k := 1; k < len(ws); k++ {
		w := seg[ws[k][0]:ws[k][1]]
		if !isUpperWord(w) || inQuoteMarks(seg, ws[k][0]) {
			continue
		}
		lw := strings.ToLower(w)
		if determinersLead[lw] || adverbialStarts[lw] || commonHeads[lw] || notNames[lw] {
			continue
		}
		if k+1 < len(ws) && isUpperWord(seg[ws[k+1][0]:ws[k+1][1]]) && ws[k+1][0]-ws[k][1] == 1 {
			continue // part of a longer run
		}
		if isUpperWord(seg[ws[k-1][0]:ws[k-1][1]]) && ws[k][0]-ws[k-1][1] == 1 {
			continue
		}
		if k+1 < len(ws) && isClock(seg[ws[k+1][0]:ws[k+1][1]]) && strings.TrimSpace(seg[ws[k][1]:ws[k+1][0]]) == "," &&
			(strings.HasSuffix(strings.TrimSpace(seg[:ws[k][0]]), ",") || introducesName[strings.ToLower(seg[ws[k-1][0]:ws[k-1][1]])]) {
			return w // "…, Tasha, 26," or "Among them is Kerry, 42,"
		}
		if k >= 2 {
			p1, p2 := strings.ToLower(seg[ws[k-2][0]:ws[k-2][1]]), strings.ToLower(seg[ws[k-1][0]:ws[k-1][1]])
			if p2 == "called" || p2 == "named" || p1 == "name" && p2 == "as" || p1 == "known" && p2 == "as" {
				return w
			}
		}
	}
	return ""
}

// inQuoteMarks reports whether offset i of s is inside double quote marks
// opened earlier in s (a name inside someone's quote is not the speaker).
func inQuoteMarks(s string, i int) bool {
	open := false
	for _, r := range s[:i] {
		switch r {
		case '"':
			open = !open
		case '“':
			open = true
		case '”':
			open = false
		}
	}
	return open
}
