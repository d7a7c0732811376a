package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// speechVerbs introduce a speaker's words (quotes.md §3.4). Narrower than
// attributionVerbs, which also serve voice decisions ("heard", "called").
var speechVerbs = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "told": true, "tells": true,
	"claimed": true, "claims": true, "insisted": true, "insists": true, "warned": true, "warns": true,
	"wrote": true, "writes": true, "posted": true, "tweeted": true, "admitted": true, "admits": true,
	"explained": true, "explains": true, "recalled": true, "recalls": true, "stated": true,
	"argued": true, "argues": true, "noted": true, "notes": true, "continued": true, "replied": true,
	"urged": true, "urges": true, "declared": true, "described": true, "describes": true, "branded": true,
	"called": true, "calls": true, "suggested": true, "suggests": true, "accepted": true, "conceded": true,
	"acknowledged": true, "confirmed": true, "announced": true, "revealed": true, "pleaded": true,
	"asked": true, "stressed": true, "emphasised": true, "remarked": true, "responded": true,
	"commented": true, "believes": true, "believed": true, "alleged": true, "alleges": true,
	"maintained": true, "maintains": true, "denied": true, "denies": true, "agreed": true, "agrees": true,
	"say": true, "tell": true, "say:": true, "reflected": true, "concluded": true, "predicted": true,
	"promised": true, "vowed": true, "pledged": true, "accused": true, "criticised": true, "praised": true,
	"labelled": true, "condemned": true, "welcomed": true, "hailed": true,
}

// reportVerbs take a reported clause ("X said the man had…"): the
// verbs whose object is speech, not a person ("accused", "praised").
var reportVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "claimed": true, "claims": true,
	"insisted": true, "insists": true, "warned": true, "warns": true, "admitted": true, "admits": true,
	"explained": true, "argued": true, "argues": true, "stated": true, "added": true, "noted": true,
	"suggested": true, "suggests": true, "accepted": true, "conceded": true, "acknowledged": true,
	"confirmed": true, "announced": true, "revealed": true, "alleged": true, "alleges": true,
	"maintained": true, "maintains": true, "denied": true, "denies": true, "believes": true,
	"stressed": true, "recalled": true, "wrote": true, "concluded": true, "predicted": true,
	"agreed": true, "promised": true, "vowed": true, "pledged": true,
	"found": true, "finds": true, "showed": true, "shows": true, "say": true,
}

// adverbialStarts open a phrase set off before the speaker ("Speaking
// outside court, …"), which is context, not the speaker.
var adverbialStarts = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "before": true, "outside": true, "later": true,
	"yesterday": true, "today": true, "but": true, "however": true, "and": true, "meanwhile": true,
	"earlier": true, "last": true, "this": true, "during": true, "asked": true, "when": true, "while": true,
	"following": true, "responding": true, "since": true, "now": true, "then": true, "separately": true,
	"elsewhere": true, "previously": true, "instead": true, "still": true, "again": true, "also": true,
	"for": true, "of": true, "with": true, "as": true, "speaking": true, "addressing": true, "writing": true,
	"commenting": true, "giving": true, "sentencing": true, "jailing": true, "prosecuting": true,
	"defending": true, "mitigating": true, "passing": true, "opening": true, "summing": true,
	"from": true, "under": true, "inside": true, "here": true, "there": true, "overall": true,
	"indeed": true, "nonetheless": true, "nevertheless": true, "similarly": true, "likewise": true,
	"in mitigation": true, "once": true, "tearfully": true, "visibly": true, "emotionally": true,
	// Set off before a name: "Representing Brennan, Owen Pritchard said"
	// (the -ing rule keeps a phrase with a capital in it, for names like
	// "Kettering General Hospital").
	"representing": true, "acting": true, "appearing": true, "recording": true, "concluding": true,
}

// npStop words end the noun phrase of a speaker read backwards from the
// verb ("the case was adjourned and the judge said": the judge).
var npStop = map[string]bool{
	"and": true, "but": true, "or": true, "so": true, "that": true, "when": true, "while": true,
	"as": true, "because": true, "after": true, "before": true, "then": true, "was": true, "were": true,
	"is": true, "are": true, "had": true, "has": true, "have": true, "be": true, "been": true,
	"it": true, "there": true, "which": true, "where": true, "if": true, "though": true,
	"although": true, "yet": true, "than": true, "since": true, "until": true, "where's": true,
	"however": true, "meanwhile": true, "but,": true, "also": true, "not": true,
}

// trailingAdverbs between a speaker and the verb ("she also said", "he
// has previously said") are not part of the speaker.
var trailingAdverbs = map[string]bool{
	"also": true, "has": true, "have": true, "had": true, "later": true, "previously": true,
	"then": true, "once": true, "today": true, "yesterday": true, "earlier": true, "repeatedly": true,
	"publicly": true, "simply": true, "just": true, "recently": true, "further": true, "has previously": true,
	"last": true, "week": true, "night": true, "again": true, "always": true, "often": true, "would": true,
	"will": true, "who": true, "himself": true, "herself": true, "themselves": true, "only": true,
	"tearfully": true, "angrily": true, "quietly": true, "firmly": true, "bluntly": true, "candidly": true,
	"now": true, "still": true, "even": true, "herself,": true, "has since": true, "since": true,
	"had earlier": true, "frequently": true, "initially": true, "finally": true, "tweeted": true,
	"long": true, // "Victims' groups have long argued"
}

// pronouns that stand for an earlier speaker.
var pronouns = map[string]byte{"he": 'm', "she": 'f', "they": 'p', "it": 'p', "we": 'p', "i": 0}

// determinersLead begin a description rather than a name.
var determinersLead = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "one": true, "another": true, "two": true, "three": true, "several": true,
	"some": true, "many": true, "other": true, "both": true, "this": true, "that": true, "these": true,
	"those": true, "each": true, "fellow": true, "most": true, "few": true,
}

// commonHeads are capitalised at a sentence start without being names:
// "Police said", "Campaigners warned".
var commonHeads = map[string]bool{
	"police": true, "officers": true, "detectives": true, "prosecutors": true, "campaigners": true,
	"residents": true, "ministers": true, "critics": true, "neighbours": true, "witnesses": true,
	"friends": true, "relatives": true, "family": true, "families": true, "charities": true,
	"experts": true, "researchers": true, "inspectors": true, "staff": true, "prisoners": true,
	"inmates": true, "officials": true, "sources": true, "magistrates": true, "judges": true,
	"lawyers": true, "unions": true, "councillors": true, "mps": true, "parents": true, "teachers": true,
	"locals": true, "activists": true, "academics": true, "doctors": true, "volunteers": true,
	"governors": true, "survivors": true, "victims": true, "investigators": true, "paramedics": true,
	"firefighters": true, "protesters": true, "supporters": true, "opponents": true, "peers": true,
	"labour": false, "government": true, "councils": true, "inspectors,": true, "jurors": true,
	// What a body published speaks for it: "figures published by the
	// Scottish Government", "research by the Prison Reform Trust".
	"figures": true, "data": true, "statistics": true, "research": true, "analysis": true,
}

// nameSuffixes follow a name without being part of the surname.
var nameSuffixes = map[string]bool{
	"mp": true, "msp": true, "ms": true, "mla": true, "am": true, "kc": true, "qc": true, "obe": true,
	"mbe": true, "cbe": true, "jr": true, "sr": true, "ii": true, "iii": true, "mep": true,
}

// personTitles may stand before a name and are kept in the speaker.
var personTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true,
	"professor": true, "sir": true, "dame": true, "lord": true, "lady": true, "baroness": true,
	"baron": true, "rev": true, "reverend": true, "cllr": true, "councillor": true, "judge": true,
	"justice": true, "hhj": true, "recorder": true, "sheriff": true, "det": true, "insp": true,
	"supt": true, "ch": true, "chief": true, "sgt": true, "pc": true, "dc": true, "ds": true, "di": true,
	"dci": true, "dcs": true, "con": true, "constable": true, "inspector": true, "superintendent": true,
	"sergeant": true, "detective": true, "deputy": true, "assistant": true, "commander": true,
	"commissioner": true, "his": false, "honour": true, "her": false, "district": true, "rt": true,
	"hon": true, "governor": true, "coroner": true, "senior": true, "father": true, "canon": true,
	"bishop": true, "imam": true, "rabbi": true,
}

// orgWords end names of bodies: a speaker named so is an organisation,
// not a person (no surname to follow through the article).
func isOrgName(ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	if inLower(orgFirstWords, ws[0]) {
		return true
	}
	if inLower(orgLastWords, strings.Trim(ws[len(ws)-1], ".,'’")) {
		return true
	}
	if w0 := cleanWord(ws[0]); inLower(personTitles, w0) && !lowerIs(w0, "commissioner") {
		return false // Baroness Hale of Richmond; but the Commissioner for Victims is an office
	}
	for _, w := range ws {
		if strings.EqualFold(w, "of") || strings.EqualFold(w, "for") {
			return true // Ministry of Justice, Howard League for Penal Reform
		}
	}
	return false
}

// orgFirstWords open and orgLastWords end the name of a body.
var orgFirstWords = setOf("hmp", "hmyoi", "yoi", "hmpps", "hm", "university", "ministry", "department", "office", "college")

var orgLastWords = setOf("police", "constabulary", "trust", "league", "council", "service", "services", "association",
	"foundation", "office", "ministry", "department", "board", "commission", "union", "charity",
	"group", "network", "party", "court", "prison", "society", "centre", "institute", "university",
	"federation", "government", "executive", "inspectorate", "ombudsman", "project", "alliance",
	"campaign", "coalition", "agency", "authority", "partnership", "unit", "team", "fund",
	"cps", "moj", "hmpps", "iopc", "nacro", "napo", "poa", "nhs", "bbc", "itv", "yard", "scotland",
	"justice", "forum", "collective", "initiative", "programme", "committee", "panel", "hmp", "yoi", "uk",
	"library", "monitoring", "ltd", "plc", "limited", "partners", "transport", "stores", "group's",
	// Employers named in stories of work after prison.
	"bakery", "cafe", "café", "restaurant", "hotel", "pub", "club", "school", "academy", "hospital", "clinic",
	"garage", "scaffolding", "construction", "company", "firm")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// isOrgNameText is isOrgName(wordsOf(s)).
func isOrgNameText(s string) bool {
	var wb [32]string
	return isOrgName(appendWordsOf(wb[:0], s))
}

func isUpperWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// words splits s into words, keeping apostrophes and hyphens inside them.
func wordsOf(s string) []string { return appendWordsOf(nil, s) }

// wordsOfByte marks the ASCII bytes a wordsOf word is made of.
var wordsOfByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'' || c == '-' || c == '.' || c == '&'
	}
	return t
}()

func inWordOf(r rune) bool {
	if r < utf8.RuneSelf {
		return wordsOfByte[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
}

// appendWordsOf is wordsOf appending to dst (the same words as
// strings.FieldsFunc would give): callers that only read the words pass a
// stack array and allocate nothing.
func appendWordsOf(dst []string, s string) []string { return appendRuns(dst, s, wordOfFrom) }

// countWordsOf is len(wordsOf(s)).
func countWordsOf(s string) int { return countRuns(s, wordOfFrom) }

// appendRuns appends the runs of s that next delimits: next(s, i, false)
// is where the run after i starts, next(s, i, true) where the one at i
// ends.
func appendRuns(dst []string, s string, next func(string, int, bool) int) []string {
	for i := 0; i < len(s); {
		i = next(s, i, false)
		j := next(s, i, true)
		if j > i {
			dst = append(dst, s[i:j])
		}
		i = j
	}
	return dst
}

// countRuns is len(appendRuns(nil, s, next)).
func countRuns(s string, next func(string, int, bool) int) int {
	n := 0
	for i := 0; i < len(s); {
		i = next(s, i, false)
		j := next(s, i, true)
		if j > i {
			n++
		}
		i = j
	}
	return n
}

// wordOfFrom is the offset of the first rune at or after i that is (in
// false) or is not (in true) part of a wordsOf word.
func wordOfFrom(s string, i int, in bool) int {
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if inWordOf(r) != in {
			return i
		}
		i += size
	}
	return i
}

// appendFields is strings.Fields(s) appended to dst, for callers that
// read the fields from a stack array.
func appendFields(dst []string, s string) []string { return appendRuns(dst, s, spaceFrom) }

// countFields is len(strings.Fields(s)).
func countFields(s string) int { return countRuns(s, spaceFrom) }

// firstField is strings.Fields(s)[0], or "" when s has no field.
func firstField(s string) string {
	i := spaceFrom(s, 0, false)
	return s[i:spaceFrom(s, i, true)]
}

// spaceFrom is the offset of the first rune at or after i that is not
// (in false) or is (in true) white space, as strings.Fields reads it.
func spaceFrom(s string, i int, in bool) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if (asciiSpace[c] != 0) == in {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) == in {
			return i
		}
		i += size
	}
	return i
}

var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

func cleanWord(w string) string { return strings.Trim(w, ".,;:'’\"“”‘ ") }

// speech is one attribution read from the text: who, the verb, the words
// set beside the speaker, and the phrase before them.
type speech struct {
	head    string   // the speaker as written (name or description)
	appos   []string // words set beside the speaker
	context string   // a phrase before the speaker ("Prosecuting")
	verb    string
}

// subjectBefore reads the speaker from the text just before a speech verb:
// "Speaking outside court, the victim's mother, Jane Roe," → Jane Roe,
// with "the victim's mother" beside it.
func subjectBefore(clause string) (sp speech, ok bool) {
	var sb [16]string
	segs := appendSplitCommas(sb[:0], clause)
	// Drop set-off phrases before the speaker.
	for len(segs) > 1 {
		var wb [32]string
		ws := appendWordsOf(wb[:0], segs[0])
		if len(ws) == 0 || isClock(strings.TrimSpace(segs[0])) {
			segs = segs[1:]
			continue
		}
		if len(ws) > 1 && isClock(ws[0]) {
			// A live blog's time before the entry: "11.20 Defending, …".
			segs[0] = strings.TrimSpace(segs[0][strings.Index(segs[0], ws[0])+len(ws[0]):])
			ws = ws[1:]
		}
		w0 := strings.ToLower(ws[0])
		if adverbialStarts[w0] || strings.HasSuffix(w0, "ing") && !isUpperWordMid(ws) || strings.HasSuffix(w0, "ly") || setOff(ws, segs[1]) {
			sp.context = strings.TrimSpace(sp.context + " " + segs[0])
			segs = segs[1:]
			continue
		}
		break
	}
	if len(segs) == 0 {
		return sp, false
	}
	// "What changed, she says, was…": a pronoun right before the verb is
	// the speaker, whatever comes before it.
	if last := strings.ToLower(strings.TrimSpace(segs[len(segs)-1])); len(segs) > 1 {
		if _, ok := pronouns[last]; ok {
			sp.head = last
			return sp, true
		}
	}
	// The first segment holds the speaker's noun phrase at its end.
	head := nounPhraseEnd(segs[0])
	if head == "" {
		return sp, false
	}
	rest := segs[1:]
	sp.head = head
	// "The victim's mother, Jane Roe," : the name is the speaker, the
	// description beside it.
	if !looksLikeName(head) {
		for i, seg := range rest {
			seg = strings.TrimSpace(seg)
			if looksLikeName(seg) && countWordsOf(seg) <= 5 && !relativeWords[strings.ToLower(leadingWord(seg))] {
				sp.appos = append(sp.appos, head)
				sp.head = seg
				rest = append(append([]string{}, rest[:i]...), rest[i+1:]...)
				break
			}
		}
	}
	for _, r := range rest {
		if r = strings.TrimSpace(r); r != "" {
			sp.appos = append(sp.appos, r)
		}
	}
	return sp, true
}

// setOff reports whether the words ws, before a comma and a phrase that
// opens with a determiner, only say where or when: "Two doors down, the
// manager of a charity shop said" (no name, no person's noun in them).
func setOff(ws []string, next string) bool {
	if len(ws) < 2 || len(ws) > 4 || isUpperWordMid(ws) {
		return false
	}
	if !setOffStarts[strings.ToLower(ws[0])] {
		return false // "Hale's brother, a retired sergeant major,"
	}
	var nb [8]string
	nw := appendFields(nb[:0], strings.TrimSpace(next))
	if len(nw) < 2 {
		return false
	}
	switch strings.ToLower(nw[0]) {
	case "the", "a", "an", "his", "her", "their", "its":
		return true
	}
	return false
}

// setOffStarts open a phrase of place or time set off before a speaker.
var setOffStarts = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "minutes": true, "hours": true,
	"days": true, "weeks": true, "months": true, "years": true, "moments": true, "round": true,
	"across": true, "down": true, "up": true, "further": true, "nearby": true, "next": true, "back": true,
}

func isUpperWordMid(ws []string) bool {
	for _, w := range ws[1:] {
		if isUpperWord(w) {
			return true
		}
	}
	return false
}

// splitCommas splits at commas and dashes used as commas.
var commaLike = strings.NewReplacer(" – ", ", ", " — ", ", ", " - ", ", ", "(", ", ", ")", ", ")

func splitCommas(s string) []string { return appendSplitCommas(nil, s) }

// appendSplitCommas is splitCommas appending to dst; text without a dash
// or a bracket is split in place.
func appendSplitCommas(dst []string, s string) []string {
	if strings.ContainsAny(s, "()") || strings.Contains(s, " – ") || strings.Contains(s, " — ") || strings.Contains(s, " - ") {
		s = commaLike.Replace(s)
	}
	for s != "" {
		p := s
		if c := strings.IndexByte(s, ','); c >= 0 {
			p, s = s[:c], s[c+1:]
		} else {
			s = ""
		}
		if p = strings.TrimSpace(p); p != "" {
			dst = append(dst, p)
		}
	}
	return dst
}

// nounPhraseEnd returns the noun phrase that ends s, read backwards until a
// word that cannot be inside a speaker's phrase.
func nounPhraseEnd(s string) string {
	var fb [64]string
	ws := appendFields(fb[:0], s)
	for len(ws) > 0 && inLower(trailingAdverbs, cleanWord(ws[len(ws)-1])) {
		ws = ws[:len(ws)-1]
	}
	start := 0
	for i := len(ws) - 1; i >= 0; i-- {
		w := cleanWord(ws[i])
		if lowerIs(w, "and") && i > 0 && i+1 < len(ws) && isUpperWord(ws[i-1]) && isUpperWord(ws[i+1]) {
			continue // Rape Crisis England and Wales
		}
		if inLower(npStop, w) || strings.ContainsAny(ws[i], ";:") || strings.HasSuffix(ws[i], ".") && i < len(ws)-1 && !isAbbrevWord(ws[i]) {
			start = i + 1
			break
		}
	}
	// "The mother of a teenager who was stabbed in 2009 has said": the
	// verb belongs to the noun before the relative clause.
	if start > 0 && inLower(npStop, cleanWord(ws[start-1])) {
		for r := start - 2; r > 0; r-- {
			lw := cleanWord(ws[r])
			if !lowerIs(lw, "who") && !lowerIs(lw, "whose") {
				if inLower(npStop, lw) || strings.ContainsAny(ws[r], ";:") {
					break
				}
				continue
			}
			b := r
			for b > 0 && !inLower(npStop, cleanWord(ws[b-1])) && !strings.ContainsAny(ws[b-1], ";:") {
				b--
			}
			if w0 := cleanWord(ws[b]); b < r && (inLower(determinersLead, w0) || isUpperWord(ws[b])) && r-b <= 8 {
				start = b
				ws = ws[:r]
			}
			break
		}
	}
	ws = ws[start:]
	// A live blog's time before its entry: "11.35 Det Supt Helen Armitage".
	for len(ws) > 1 && isClock(strings.Trim(ws[0], "—–-")) {
		ws = ws[1:]
	}
	// Leading conjunctions and adverbs: "But she", "Now the charity".
	for len(ws) > 1 && inLower(adverbialStarts, cleanWord(ws[0])) && !inLower(determinersLead, ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 || len(ws) > 12 {
		return ""
	}
	return strings.Trim(strings.Join(ws, " "), " ,;:\"“”‘’'")
}

func isAbbrevWord(w string) bool {
	return inLower(abbreviations, strings.TrimSuffix(w, "."))
}

// looksLikeName: a capitalised word that is not just a sentence-initial
// common noun or determiner.
func looksLikeName(s string) bool {
	var wb [32]string
	ws := appendWordsOf(wb[:0], s)
	if len(ws) == 0 {
		return false
	}
	var lb [32]byte
	if determinersLead[string(appendLower(lb[:0], ws[0]))] {
		return false
	}
	if _, ok := pronouns[string(appendLower(lb[:0], ws[0]))]; ok && len(ws) == 1 {
		return false
	}
	// "Mr Bevan's sister": a description of someone named, not a name.
	if last := ws[len(ws)-1]; len(ws) > 1 && !isUpperWord(last) && !nameSuffixes[string(appendLower(lb[:0], last))] {
		for _, w := range ws[:len(ws)-1] {
			if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
				return false
			}
		}
	}
	caps := 0
	for i, w := range ws {
		if !isUpperWord(w) {
			continue
		}
		if i == 0 && len(ws) == 1 && commonHeads[strings.ToLower(w)] {
			return false
		}
		caps++
	}
	if caps == 0 {
		return false
	}
	// "Police officers", "Prison reform campaigners": a capital only at
	// the start of a lower-case phrase is the sentence start.
	if caps == 1 && isUpperWord(ws[0]) && len(ws) > 1 {
		return false
	}
	return true
}

// subjectAfter reads the speaker after an inverted verb: `said Det Insp
// Jane Roe, of West Yorkshire Police.`, `said a spokesperson for the
// charity.`
func subjectAfter(after string) (sp speech, ok bool) {
	segs := splitCommas(after)
	if len(segs) == 0 {
		return sp, false
	}
	head := segs[0]
	ws := strings.Fields(head)
	if len(ws) == 0 {
		return sp, false
	}
	if possessiveRun(ws) {
		// "said Khan's barrister, Tom Reid": a name's possessive opens a
		// description, read below as one.
	} else if isUpperWord(ws[0]) {
		// The capitalised run, with "of" inside a title (Baroness Hale
		// of Richmond) and initials.
		end := 0
		for end < len(ws) && (isUpperWord(ws[end]) || strings.EqualFold(ws[end], "of") && end+1 < len(ws) && isUpperWord(ws[end+1]) || ws[end] == "&") {
			end++
		}
		if end < len(ws) {
			rest := strings.Join(ws[end:], " ")
			if !strings.HasPrefix(strings.ToLower(rest), "told") && !strings.HasPrefix(strings.ToLower(rest), "in a") {
				segs = append([]string{strings.Join(ws[:end], " "), rest}, segs[1:]...)
			} else {
				segs = append([]string{strings.Join(ws[:end], " ")}, segs[1:]...)
			}
		}
		head = strings.Join(ws[:max(end, 1)], " ")
	} else {
		// A description: up to a verb-like word ("who", "adding").
		for i, w := range ws {
			lw := strings.ToLower(cleanWord(w))
			if i > 0 && (lw == "who" || lw == "adding" || lw == "as" || lw == "in" && i+1 < len(ws) && strings.ToLower(ws[i+1]) == "a" || lw == "after" || lw == "before" || lw == "when") {
				segs = append([]string{strings.Join(ws[:i], " "), strings.Join(ws[i:], " ")}, segs[1:]...)
				head = strings.Join(ws[:i], " ")
				break
			}
		}
	}
	sp.head = strings.Trim(head, " .,;:\"“”‘’'")
	if sp.head == "" {
		return sp, false
	}
	rest := segs[1:]
	if !looksLikeName(sp.head) {
		for i, seg := range rest {
			if looksLikeName(seg) && countWordsOf(seg) <= 5 && !relativeWords[strings.ToLower(leadingWord(seg))] {
				sp.appos = append(sp.appos, sp.head)
				sp.head = strings.Trim(seg, " .")
				rest = append(append([]string{}, rest[:i]...), rest[i+1:]...)
				break
			}
		}
	}
	for _, r := range rest {
		if r = strings.TrimSpace(r); r != "" {
			sp.appos = append(sp.appos, r)
		}
	}
	return sp, true
}

// possessiveRun reports whether ws opens with a capitalised run whose last
// word is a possessive followed by a lower-case word: "Khan's barrister",
// "Mr Smith's father" describe someone by whose they are.
func possessiveRun(ws []string) bool {
	end := 0
	for end < len(ws) && isUpperWord(ws[end]) {
		end++
	}
	if end == 0 || end >= len(ws) || isUpperWord(ws[end]) {
		return false
	}
	w := strings.TrimRight(ws[end-1], ",.;:")
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// byteLetter is unicode.IsLetter for each ASCII byte.
var byteLetter = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsLetter(rune(c))
	}
	return t
}()

// verbAt finds the first speech verb among the first n words of s and
// returns its byte offset and the verb; -1 when none.
func verbAt(s string, n int, verbs map[string]bool) (int, string) {
	count := 0
	for i := 0; i < len(s) && count < n; {
		if c := s[i]; c < utf8.RuneSelf && !byteLetter[c] {
			// ASCII between words, read from a table.
			if c == '.' && i+1 < len(s) && s[i+1] == ' ' && !isAbbreviation(s, 0, i) {
				return -1, "" // the sentence ended
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if !byteLetter[c] {
					break
				}
				j++
				continue
			}
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += sz
		}
		w := s[i:j]
		count++
		if inLower(verbs, w) {
			return i, strings.ToLower(w)
		}
		if len(w) == len("according") && lowerIs(w, "according") && strings.HasPrefix(strings.ToLower(s[j:]), " to ") {
			return i, "according to"
		}
		i = j
	}
	return -1, ""
}

// lastVerb finds the last speech verb in s; -1 when none.
func lastVerb(s string, verbs map[string]bool) (int, string) {
	best, bv := -1, ""
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += sz
		}
		w := s[i:j]
		if inLower(verbs, w) {
			best, bv = i, strings.ToLower(w)
		} else if lowerIs(w, "according") && strings.HasPrefix(strings.ToLower(s[j:]), " to ") {
			best, bv = i, "according to"
		}
		i = j
	}
	return best, bv
}
