package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framewatch/framewatch/news"
)

// mediumWords before a quoted Title Case phrase make it the title of a
// work (language.md G3).
var mediumWords = map[string]bool{
	"documentary": true, "series": true, "film": true, "book": true, "podcast": true, "show": true,
	"drama": true, "sitcom": true, "novel": true, "play": true, "programme": true, "album": true,
	"song": true, "memoir": true, "musical": true, "movie": true, "episode": true, "comedy": true,
	"report": true, "study": true, "pamphlet": true, "exhibition": true, "poem": true, "essay": true,
	"column": true, "blog": true, "magazine": true, "newsletter": true, "anthology": true, "thriller": true,
	"docuseries": true, "miniseries": true, "serial": true, "soap": true, "biopic": true, "titled": true,
	"entitled": true, "headline": true, "headlines": true, "splash": true, "strapline": true, "hashtag": true,
}

// broadcasters before a quoted or capitalised title, usually possessive:
// "Netflix's ‘Monster’", "Channel 4's Banged Up".
var broadcasters = map[string]bool{
	"netflix": true, "bbc": true, "itv": true, "itvx": true, "channel": true, "sky": true, "amazon": true,
	"prime": true, "disney": true, "iplayer": true, "hbo": true, "apple": true, "radio": true, "c4": true,
	"e4": true, "more4": true, "five": true, "britbox": true, "spotify": true, "audible": true,
}

// mentionWords near a short quoted phrase make it a word discussed as a
// word (language.md G4). Not "called" or "described as": those quote a person.
var mentionWords = map[string]bool{
	"word": true, "words": true, "term": true, "terms": true, "phrase": true, "phrases": true,
	"label": true, "labels": true, "language": true, "slogan": true, "jibe": true, "expression": true,
	"nickname": true, "vocabulary": true, "abbreviation": true, "acronym": true, "jargon": true,
	"shorthand": true, "euphemism": true, "buzzword": true, "slang": true, "cliche": true, "cliché": true,
	"americanism": true, "dictionary": true, "glossary": true, "headline": true, "headlines": true,
	"usage": true, "coinage": true, "noun": true,
}

// scareMarkers right before a short quote signal distance, not speech.
var scareMarkers = []string{"so-called", "so called", "so‑called", "dubbed", "critics call", "critics have called", "what some call", "supposed"}

// functionWords may follow a partial quote ("a 'dangerous predator' who").
var functionWords = map[string]bool{
	"who": true, "which": true, "that": true, "and": true, "or": true, "but": true, "in": true,
	"of": true, "for": true, "to": true, "with": true, "as": true, "at": true, "by": true, "on": true,
	"from": true, "after": true, "before": true, "when": true, "while": true, "because": true,
	"is": true, "was": true, "were": true, "are": true, "had": true, "has": true, "he": true, "she": true,
	"they": true, "it": true, "if": true, "than": true, "then": true, "into": true,
}

// classify gives every quote span its voice, and outermost spans their
// speaker and attribution cue when the text makes them obvious.
func classify(s string, lay *layout, spans []qspan, headline bool) {
	for i := range spans {
		sp := &spans[i]
		if sp.voice != "" { // Q&A and blockquotes are decided by the scanner
			continue
		}
		if headline {
			// ‘POP’ jargon, the word ‘lag’: a headline can talk about a
			// word too.
			if in := strings.TrimSpace(trimQuoteMarks(s[sp.start:sp.end])); countWords(in) <= 3 && (anyIn(lastWords(s[:sp.start], 3), mentionWords) || anyIn(firstWords(s[sp.end:], 2), mentionWords) || mentionVerbBefore(s[:sp.start])) {
				sp.voice = VoiceMention
				continue
			}
			sp.voice = VoiceHeadline
			if sp.depth == 1 {
				sp.speaker, sp.cue = headlineSpeaker(s, *sp)
			}
			continue
		}
		inner := strings.TrimSpace(trimQuoteMarks(s[sp.start:sp.end]))
		nw := countWords(inner)
		si := lay.sentenceAt(sp.start)
		sent := span{0, len(s)}
		if si >= 0 {
			sent = lay.sents[si]
		}
		before := s[min(sent.start, sp.start):sp.start]
		after := ""
		if sp.end < sent.end {
			after = s[sp.end:sent.end]
		}
		bw := lastWords(before, 6)
		aw := firstWords(after, 6)
		switch {
		case nw <= 8 && isTitleCase(inner) && (len(bw) > 0 && mediumWords[strings.ToLower(bw[len(bw)-1])] || mediumAfter(after) || broadcasterBefore(bw) || len(aw) > 0 && namedAfter[strings.ToLower(aw[0])]):
			sp.voice = VoiceTitle
		case nw <= 14 && len(bw) > 0 && headlineWords[strings.ToLower(bw[len(bw)-1])]:
			// "ran the headline ‘Lags living it up’": a headline quoted in a
			// piece about coverage is words discussed as words.
			sp.voice = VoiceMention
		case nw <= 4 && (anyIn(bw, mentionWords) || anyIn(aw, mentionWords) || strings.Contains(strings.ToLower(before), "such as") || mentionVerbBefore(before) || nw <= 3 && inQuotedList(s, *sp) || contrastWithQuote(before)):
			sp.voice = VoiceMention
		case nw <= 3 && quotedSubject(before, after):
			// "‘Lag’ has no place in a court report", "‘Inmate’, meaning
			// someone held in an institution, …": a quoted word with no
			// article that is the subject of the sentence is the word
			// itself; a person would need "the" or "a".
			sp.voice = VoiceMention
		case isFullQuote(before, after, nw, inner):
			sp.voice = VoiceQuote
			if sp.depth == 1 {
				sp.speaker, sp.cue = speakerAfter(after)
				if sp.cue == "" {
					sp.speaker, sp.cue = speakerBefore(before)
				}
				if sp.cue == "" && si > 0 && strings.HasSuffix(strings.TrimSpace(s[lay.sents[si-1].start:lay.sents[si-1].end]), ":") {
					sp.speaker, sp.cue = speakerBefore(s[lay.sents[si-1].start:lay.sents[si-1].end])
				}
			}
		case nw <= 4 && hasScareMarker(before):
			sp.voice = VoiceScare
		case nw == 1 && len(aw) > 0 && startsLower(aw[0]) && !functionWords[strings.ToLower(aw[0])] && !strings.ContainsAny(strings.TrimLeft(after, " ")[:1], ",.;:!?"):
			sp.voice = VoiceScare // 'cushy' reputation: the word modifies a noun
		case nw <= 3 && sp.depth == 1:
			// A few quoted words are someone's words only when the
			// reporter's sentence says someone said them ("called the
			// woman 'worthless'", "calls this 'a costly illusion'");
			// otherwise the marks keep the reporter's distance: a scare
			// quote.
			if speechVerbIn(before) || speechVerbIn(after) {
				sp.voice = VoicePartial
				sp.cue = firstVerb(before)
			} else {
				sp.voice = VoiceScare
			}
		case nw <= 4 && !attributionNear(s, lay, si, before):
			sp.voice = VoiceScare
		default:
			sp.voice = VoicePartial
			sp.cue = firstVerb(before)
		}
	}
}

// subjectVerbs after a quoted word that opens its clause say something about
// the word: "‘Lag’ has no place", "‘Bang-up’ means", "‘junkie’ should not
// have been used".
var subjectVerbs = map[string]bool{
	"is": true, "was": true, "has": true, "had": true, "means": true, "meant": true, "sounds": true,
	"carries": true, "implies": true, "suggests": true, "reduces": true, "defines": true, "became": true,
	"becomes": true, "remains": true, "should": true, "must": true, "can": true, "cannot": true,
	"could": true, "would": true, "will": true, "does": true, "did": true, "isn't": true, "isn’t": true,
	"wasn't": true, "wasn’t": true, "doesn't": true, "doesn’t": true, "came": true, "comes": true,
	"crossed": true, "entered": true, "appears": true, "appeared": true, "belongs": true, "stands": true,
	"tells": true, "told": true, "dehumanises": true, "stigmatises": true, "stuck": true, "sticks": true,
}

// clauseOpeners may stand before a quoted subject: "One reader wrote that
// ‘criminal’ is simply accurate", "asked why ‘lag’ is still used".
var clauseOpeners = map[string]bool{
	"that": true, "when": true, "why": true, "whether": true, "if": true, "because": true, "and": true,
	"but": true, "so": true, "while": true, "how": true, "although": true, "though": true, "yet": true,
}

// quotedSubject reports whether a short quote opens its clause (at the
// start of the sentence or after a clause opener, with no article or
// adjective before it) and is followed by a verb that says something about
// it, or by ", meaning" / "is short for".
func quotedSubject(before, after string) bool {
	b := strings.TrimRight(before, " \t\n\u00a0")
	if b != "" && !introPhrase(b) {
		if w := lastWords(b, 1); len(w) != 1 || !clauseOpeners[strings.ToLower(w[0])] || strings.HasSuffix(b, ",") {
			return false
		}
	}
	a := strings.TrimLeft(after, " \u00a0")
	if strings.HasPrefix(a, ", meaning") || strings.HasPrefix(a, ", which means") || strings.HasPrefix(a, "– meaning") {
		return true
	}
	if a == "" || !startsLower(a) {
		return false
	}
	ws := firstWords(a, 1)
	if len(ws) != 1 || !subjectVerbs[ws[0]] {
		return false
	}
	if modals[ws[0]] {
		// "‘junkie’ should not have been used", but not reported speech
		// about people: "police said that ‘youths’ would be moved on".
		return anyIn(firstWords(a, 8), wordUseVerbs)
	}
	return true
}

var modals = map[string]bool{"should": true, "must": true, "can": true, "cannot": true, "could": true, "would": true, "will": true}

// wordUseVerbs say what is done with a word: used, printed, written.
var wordUseVerbs = map[string]bool{
	"used": true, "use": true, "printed": true, "print": true, "written": true, "write": true,
	"said": true, "say": true, "appear": true, "heard": true, "banned": true, "dropped": true,
}

var introPrepositions = map[string]bool{
	"in": true, "on": true, "at": true, "for": true, "outside": true, "inside": true, "across": true,
	"among": true, "within": true, "since": true, "to": true, "here": true, "today": true, "now": true,
}

// introPhrase: before is a short opening phrase and its comma ("In the
// US, ‘felon’ is a legal status"), after an opening quote mark if any.
func introPhrase(b string) bool {
	if !strings.HasSuffix(b, ",") {
		return false
	}
	ws := firstWords(b, 6)
	return len(ws) >= 1 && len(ws) <= 5 && introPrepositions[strings.ToLower(ws[0])] && strings.Count(b, ",") == 1
}

// contrastWithQuote reports whether a short quote follows another quoted
// phrase and "not": "asks for ‘children’, not ‘young offenders’" sets a
// preferred word against the word to avoid.
func contrastWithQuote(before string) bool {
	b := strings.TrimSuffix(strings.TrimRight(before, " \u00a0"), " not")
	if len(b) == len(strings.TrimRight(before, " \u00a0")) {
		return false
	}
	b = strings.TrimSuffix(strings.TrimRight(b, " "), ",")
	return endsQuote(b)
}

// isFullQuote: the quotation stands as speech of its own rather than a few
// words inside the reporter's sentence.
func isFullQuote(before, after string, nw int, inner string) bool {
	b := strings.TrimRight(before, " \t\n")
	if b == "" || strings.HasSuffix(b, ":") {
		return true
	}
	if strings.HasSuffix(b, ",") && attributionVerbs[strings.ToLower(lastWordOf(strings.TrimSuffix(b, ",")))] {
		return true // she said, "..."
	}
	if strings.HasSuffix(b, ",") && nw > 4 {
		return true // "I was scared," she said, "and nobody came."
	}
	a := strings.TrimLeft(after, " ")
	innerTrim := strings.TrimRight(inner, " ")
	if innerTrim != "" && strings.ContainsAny(innerTrim[len(innerTrim)-1:], ",!?") && attributionFollows(a) {
		return true
	}
	return nw > 12
}

// partialVerbs attribute a few quoted words to someone: the speech verbs,
// and the verbs of naming and describing.
var partialVerbs = map[string]bool{"calls": true, "call": true, "describes": true, "describe": true,
	"brands": true, "labels": true, "dubbed": true, "dubs": true, "termed": true, "terms": true,
	"according": true, "heard": true}

func speechVerbIn(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), notLetter) {
		if speechVerbs[w] || attributionVerbs[w] || partialVerbs[w] {
			return true
		}
	}
	return false
}

func attributionNear(s string, lay *layout, si int, before string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(before), notLetter) {
		if attributionVerbs[w] {
			return true
		}
	}
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		if lay.spara[k] != lay.spara[si] {
			break
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(s[lay.sents[k].start:lay.sents[k].end]), notLetter) {
			if attributionVerbs[w] {
				return true
			}
		}
	}
	return false
}

func hasScareMarker(before string) bool {
	b := strings.ToLower(strings.TrimRight(before, " "))
	for _, m := range scareMarkers {
		if strings.HasSuffix(b, m) {
			return true
		}
	}
	return false
}

// speakerAfter reads a trailing attribution: `," Judge Amanda Reed said.`,
// `," said Det Insp Jane Roe.`, `," she told the BBC.`
func speakerAfter(after string) (speaker, cue string) {
	a := strings.TrimLeft(after, " ,\t\n")
	if end := strings.IndexAny(a, ".;:!?"); end >= 0 {
		a = a[:end]
	}
	if c := strings.IndexByte(a, ','); c >= 0 {
		a = a[:c]
	}
	ws := strings.Fields(a)
	if len(ws) > 8 {
		ws = ws[:8]
	}
	for i, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ",.\"'’”"))
		if !attributionVerbs[lw] {
			continue
		}
		if i > 0 {
			return strings.Join(ws[:i], " "), lw
		}
		rest := ws[1:]
		for j, r := range rest { // said Det Insp Jane Roe: the capitalised run
			if !startsUpper(r) {
				rest = rest[:j]
				break
			}
		}
		return strings.Join(rest, " "), lw
	}
	return "", ""
}

// speakerBefore reads a leading attribution: `Sentencing, Judge Patel said:`.
func speakerBefore(before string) (speaker, cue string) {
	b := strings.TrimRight(before, " \t\n:,")
	if c := strings.LastIndexAny(b, ",.;"); c >= 0 {
		b = b[c+1:]
	}
	ws := strings.Fields(b)
	for i := len(ws) - 1; i >= 0; i-- {
		lw := strings.ToLower(strings.Trim(ws[i], ",.:"))
		if attributionVerbs[lw] {
			return strings.Join(ws[:i], " "), lw
		}
	}
	return "", ""
}

// headlineSpeaker reads the UK headline forms: `Judge: '...'`,
// `'...', says ex-governor`, `'...' – residents speak out`.
func headlineSpeaker(s string, sp qspan) (speaker, cue string) {
	before := strings.TrimSpace(s[:sp.start])
	if strings.HasSuffix(before, ":") {
		return strings.TrimSpace(strings.TrimSuffix(before, ":")), ":"
	}
	after := strings.TrimSpace(s[sp.end:])
	after = strings.TrimLeft(after, ",")
	after = strings.TrimSpace(after)
	for _, dash := range []string{"–", "—", "-"} {
		if rest, ok := strings.CutPrefix(after, dash); ok {
			ws := strings.Fields(rest)
			for i, w := range ws {
				if attributionVerbs[strings.ToLower(w)] {
					return strings.Join(ws[:i], " "), strings.ToLower(w)
				}
			}
			return strings.Join(ws, " "), "–"
		}
	}
	// Compare the verb in place: lower-casing the whole tail can change its
	// length in bytes (some Unicode letters do), and offsets into it with it.
	for _, verb := range []string{"says", "say"} {
		if len(after) > len(verb) && after[len(verb)] == ' ' && strings.EqualFold(after[:len(verb)], verb) {
			return strings.TrimSpace(after[len(verb)+1:]), verb
		}
	}
	return "", ""
}

func trimQuoteMarks(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return isApostrophe(r) || isDoubleQuote(r) || r == ' ' })
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			w = byteAlnum[c] || c == '\''
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = isLetterOrDigit(r) || r == '’'
			i += size
		}
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func lastWords(s string, n int) []string {
	return wordsFromEnd(s, n, func(r rune) bool { return !isLetterOrDigit(r) && r != '-' })
}

func firstWords(s string, n int) []string {
	return wordsFromStart(s, n, func(r rune) bool { return !isLetterOrDigit(r) && r != '-' && r != '\'' && r != '’' })
}

// wordsFromStart is the first n of strings.FieldsFunc(s, sep), read only
// as far as they go: the text before or after a quote can be a whole
// paragraph and only its first words are wanted.
func wordsFromStart(s string, n int, sep func(rune) bool) []string {
	return appendFieldsFunc(make([]string, 0, min(n, 8)), s, n, sep)
}

// appendFieldsFunc appends the first n of strings.FieldsFunc(s, sep) to dst.
func appendFieldsFunc(dst []string, s string, n int, sep func(rune) bool) []string {
	start, k := -1, 0
	for i := 0; i < len(s) && k < n; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if sep(r) {
			if start >= 0 {
				dst, k = append(dst, s[start:i]), k+1
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 && k < n {
		dst = append(dst, s[start:])
	}
	return dst
}

// wordsFromEnd is the last n of strings.FieldsFunc(s, sep): the text is
// read back to where the n-th word from the end starts, and split from
// there.
func wordsFromEnd(s string, n int, sep func(rune) bool) []string {
	i, seen, in := len(s), 0, false
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !sep(r) {
			in = true
		} else if in {
			if seen++; seen == n {
				break
			}
			in = false
		}
		i -= size
	}
	return wordsFromStart(s[i:], n, sep)
}

func lastWordOf(s string) string {
	ws := lastWords(s, 1)
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

func anyIn(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		w = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(w), "'s"), "’s")
		if set[w] {
			return true
		}
	}
	return false
}

func firstVerb(before string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(before), notLetter) {
		if attributionVerbs[w] {
			return w
		}
	}
	return ""
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// smallWords may stay lower case inside a title ("Orange Is the New Black").
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "in": true, "on": true, "for": true, "to": true, "is": true, "at": true}

func isTitleCase(s string) bool {
	ws := strings.FieldsFunc(s, func(r rune) bool { return !isLetterOrDigit(r) && r != '\'' && r != '’' })
	if len(ws) == 0 {
		return false
	}
	for i, w := range ws {
		if startsUpper(w) || (i > 0 && smallWords[w]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsDigit(r) {
			continue
		}
		return false
	}
	return true
}

// mentionNouns before an unquoted term make it a word discussed as a word:
// "the word offender", "the label ex-offender follows you", "terms such as
// junkie and addict" (language.md G4).
var mentionNouns = map[string]bool{
	"word": true, "words": true, "term": true, "terms": true, "label": true, "labels": true,
	"phrase": true, "phrases": true, "expression": true, "expressions": true,
	"epithet": true, "epithets": true, "acronym": true, "acronyms": true, "abbreviation": true,
	"abbreviations": true,
}

// wordFilers right before a term act on the word itself.
var wordFilers = map[string]bool{
	"drop": true, "dropped": true, "dropping": true, "ditch": true, "ditched": true, "ditching": true,
	"heading": true, "headed": true, "marked": true,
}

// mentionDeterminers before the noun: "the word", "this label", "such terms".
var mentionDeterminers = map[string]bool{
	"the": true, "a": true, "this": true, "that": true, "these": true, "those": true, "such": true, "its": true,
}

// mentionFill may stand between the mention noun and the term.
var mentionFill = map[string]bool{
	"the": true, "a": true, "an": true, "like": true, "such": true, "as": true, "and": true, "or": true,
	"of": true, "nor": true, "including": true, "itself": true, "alone": true,
}

// mentionedBefore reports whether the term starting at word w follows a
// mention noun in its sentence ("the word offender"). Between the two only
// filler may stand, or, after "like"/"such as"/"including", other listed
// words ("words like junkie, addict and crackhead"); "her words offended
// the man" is no mention.
func (n *normText) mentionedBefore(w, sw int) bool {
	// "drop BAME", "under the heading BAME", "a box marked ex-offender":
	// a verb or noun that files or drops a word, right before it.
	if w-1 >= sw && w >= 1 && wordFilers[string(n.b[n.wStart[w-1]:n.wEnd[w-1]])] {
		return true
	}
	// "we used to talk about young offenders", "stop saying lags"
	if w-2 >= sw && w >= 2 {
		a, b := n.b[n.wStart[w-2]:n.wEnd[w-2]], n.b[n.wStart[w-1]:n.wEnd[w-1]]
		switch {
		case string(b) == "about" && (string(a) == "talk" || string(a) == "talking" || string(a) == "talked"),
			(string(b) == "saying" || string(b) == "using") && (string(a) == "stop" || string(a) == "stopped"):
			return true
		}
	}
	listed, items := false, 0
	for k := w - 1; k >= sw && k >= 0 && k >= w-8; k-- {
		word := string(n.b[n.wStart[k]:n.wEnd[k]])
		switch {
		case mentionNouns[word]:
			// "the word offender", "words like junkie": not "a prison
			// term offenders serve", "her words offended him".
			det := k > 0 && mentionDeterminers[string(n.b[n.wStart[k-1]:n.wEnd[k-1]])]
			return listed || items == 0 && det
		case word == "like" || word == "including" || word == "as" && k > 0 && string(n.b[n.wStart[k-1]:n.wEnd[k-1]]) == "such":
			listed = true
		case mentionFill[word]:
		default:
			if items++; items > 4 || listed {
				return false
			}
		}
	}
	return false
}

// titleBefore reports whether the match at s[os:] is inside an unquoted
// Title Case title that follows a medium word: "the BBC documentary Banged
// Up", "the film Prison Break" (language.md G3).
func titleBefore(s string, os int) bool {
	if r, _ := utf8.DecodeRuneInString(s[os:]); !unicode.IsUpper(r) {
		return false
	}
	i := os
	for words := 0; words < 6; words++ {
		// the word before i
		j := i
		for j > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:j])
			if r != ' ' && r != ',' {
				break
			}
			j -= size
		}
		k := j
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:k])
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
				break
			}
			k -= size
		}
		if k == j && j > 0 && s[j-1] == ':' {
			// "TV review: Lock-Up Nation is …", "Podcast: Banged Up": the
			// Title Case words after a review's or a medium's colon name
			// the work.
			c := j - 1
			for c > 0 && s[c-1] == ' ' {
				c--
			}
			ws := lastWords(s[:c], 1)
			return len(ws) == 1 && (strings.EqualFold(ws[0], "review") || mediumWords[strings.ToLower(ws[0])])
		}
		if k == j || j == i && i != os {
			return false
		}
		w := s[k:j]
		if mediumWords[strings.ToLower(w)] {
			return !startsUpper(w) || words > 0
		}
		if !startsUpper(w) && !smallWords[w] {
			return false
		}
		i = k
	}
	return false
}

// mentionVerbs right before a short quoted phrase talk about the words
// themselves: "we have stopped talking about 'young offenders'", "stop
// calling them 'lags'", "instead of 'addicts'".
var mentionVerbs = []string{
	"talking about", "talk about", "talked about", "stop using", "stopped using", "stop calling",
	"stopped calling", "the use of", "instead of", "rather than", "no longer says", "no longer say",
	"drop the", "dropped the", "ban on", "banned the", "write of", "writes of", "wrote of",
	"speak of", "spoke of", "used", "uses", "discourage", "discourages", "avoid", "avoids", "avoiding",
	"stop saying", "stopped saying", "saying the word", "replace", "replaced", "replacing", "ditch",
	"ditched", "ditching", "retire", "retired", "swap", "swapped", "advise against", "advises against",
	"warn against", "warns against", "argue against", "prefer", "prefers", "preferred to", "printed",
	"printing", "prints", "print the word", "drop", "dropping", "stop writing", "stopped writing",
	"writing the word", "search for", "searched for", "searching for", "searches for", "archive for",
	"use of", "box marked", "boxes marked", "form marked", "the heading",
}

// stopNaming verbs give up a name for people: "stop calling its staff
// ‘offender managers’", "will no longer refer to the people they supervise
// as ‘offenders’". A few words of object may stand between verb and word.
var stopNaming = []string{
	"stop calling", "stopped calling", "stops calling", "no longer call", "no longer calls",
	"no longer calling", "no longer refer to", "no longer refers to", "stop referring to",
	"stopped referring to", "stop describing", "stopped describing", "no longer describe",
	"no longer describes", "stop labelling", "stopped labelling", "no longer label",
}

func stopNamingBefore(b string) bool {
	for _, v := range stopNaming {
		i := strings.LastIndex(b, v)
		if i < 0 || i > 0 && b[i-1] != ' ' {
			continue
		}
		rest := strings.TrimSpace(b[i+len(v):])
		if strings.ContainsAny(rest, stopMarks) {
			continue
		}
		if countWords(rest) <= 6 {
			return true
		}
	}
	return false
}

// genericObjects after a naming verb make it a mention: "calls someone a
// felon", "labelling people 'addicts'" talk about what a word does to
// anyone, not about a person the story names.
// Not "people" or "children": "the MP called people animals" names real
// people.
var genericObjects = []string{"someone", "somebody", "anyone", "anybody", "a person", "everyone"}

// passiveSubjects may stand before a passive of naming: "no one should be
// called a junkie".
var passiveSubjects = []string{"someone", "somebody", "anyone", "anybody", "a person", "everyone", "no one", "nobody", "no-one"}

var passiveModals = []string{" should not", " shouldn't", " should", " must not", " mustn't", " must", " deserves to", " deserve to", " ought to", " wants to", " has to", " have to"}

// dislikeVerbs before "being called": the person objects to the name.
var dislikeVerbs = []string{"hates", "hated", "hate", "dislikes", "disliked", "resents", "resented", "objects to", "objected to", "tired of", "sick of", "fed up of", "fed up with", "doesn't like", "does not like", "didn't like", "did not like", "minds", "mind"}

// generalSubjects before "who call": "people who call …", "those who call …".
var generalSubjects = map[string]bool{"people": true, "those": true, "anyone": true, "others": true, "papers": true, "newspapers": true, "politicians": true, "headlines": true, "commentators": true, "critics": true}

var (
	conditionWords = map[string]bool{"whether": true, "if": true, "when": true, "unless": true}
	presentNaming  = map[string]bool{"call": true, "calls": true, "label": true, "labels": true, "brand": true, "brands": true}
	namedObjects   = map[string]bool{"them": true, "us": true, "people": true, "someone": true, "somebody": true, "anyone": true, "him": true, "her": true}
)

var namingVerbs = []string{"call", "calls", "calling", "called", "label", "labels", "labelling", "labeling", "labelled", "brand", "brands", "branding", "refer to", "refers to", "referring to"}

// namesGeneric reports whether before ends in a naming verb, a generic
// object and an optional "as", "a" or "an".
func namesGeneric(before string) bool {
	b := strings.ToLower(strings.TrimRight(sinceStop(before), " \u00a0"))

	for _, x := range []string{" as", " an", " a"} {
		b = strings.TrimSuffix(b, x)
	}
	// The passive: "no need for anyone to be called a monster", "no one
	// should be called a junkie", and dislike of a name: "he hates being
	// called an addict".
	for _, x := range []string{" to be called", " being called", " be called", " to be labelled", " being labelled", " to be branded", " being branded", " be labelled", " be branded"} {
		rest, ok := strings.CutSuffix(b, x)
		if !ok {
			continue
		}
		for _, m := range passiveModals {
			rest = strings.TrimSuffix(rest, m)
		}
		for _, o := range passiveSubjects {
			if strings.HasSuffix(rest, " "+o) || rest == o {
				return true
			}
		}
		for _, v := range dislikeVerbs {
			if strings.HasSuffix(rest, " "+v) || rest == v {
				return true
			}
		}
	}
	// "people who call asylum seekers invaders": whoever does it, not one
	// speaker on one occasion.
	for _, v := range []string{" who call ", " who calls "} {
		i := strings.LastIndex(b, v)
		if i < 0 {
			continue
		}
		// rest: the words between the verb and the term ("asylum seekers").
		rest := b[i+len(v):]
		if ws := strings.Fields(b[:i]); len(ws) > 0 && generalSubjects[ws[len(ws)-1]] && countWords(rest) <= 3 && !strings.ContainsAny(rest, ",;:") {
			return true
		}
	}
	// "Whether I call them POPs is not what keeps the public safe", "if
	// you label someone a thug": naming weighed as a choice (a condition,
	// a present habit), not one occasion ("when the MP called them …").
	if ws := lastWords(b, 4); len(ws) == 4 && conditionWords[ws[0]] && presentNaming[ws[2]] && namedObjects[ws[3]] {
		return true
	}
	// "headlines calling people psychos": the habitual present names no
	// one in particular; "the MP called people animals" (one occasion) does.
	for _, v := range []string{" calling people", " call people", " calls people", " labelling people", " label people", " labels people", " branding people", " brand people"} {
		if strings.HasSuffix(" "+b, v) {
			return true
		}
	}
	for _, o := range genericObjects {
		rest, ok := strings.CutSuffix(b, " "+o)
		if !ok {
			continue
		}
		for _, v := range namingVerbs {
			if strings.HasSuffix(rest, v) && (len(rest) == len(v) || rest[len(rest)-len(v)-1] == ' ') {
				return true
			}
		}
	}
	return false
}

// gerundNaming reports whether a clause opens with the act of naming as its
// subject: "Calling them animals will not stop the next one" talks about
// the word; "Calling them animals, the MP demanded jail" (a participle, a
// comma after the word) is one speaker using it.
func gerundNaming(before, after string) bool {
	// At most four words: all of them, so the verb opens the sentence.
	ws := lastWords(before, 5)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	switch strings.ToLower(ws[0]) {
	case "calling", "labelling", "labeling", "branding":
	default:
		return false
	}
	a := strings.TrimLeft(after, " \u00a0")
	return a != "" && a[0] != ',' && a[0] != ';'
}

func mentionVerbBefore(before string) bool {
	before = sinceStop(before)
	if namesGeneric(before) {
		return true
	}
	b := strings.ToLower(strings.TrimRight(before, " \u00a0"))
	if stopNamingBefore(b) {
		return true
	}
	for _, obj := range []string{"", " them", " us", " people"} {
		rest, ok := strings.CutSuffix(b, obj)
		if !ok {
			continue
		}
		for _, m := range mentionVerbs {
			if strings.HasSuffix(rest, m) {
				return true
			}
		}
	}
	return false
}

// stopMarks end what a naming or mention verb can govern: stopNamingBefore
// wants none between the verb and the word.
const stopMarks = ",;:.!?\"“”‘"

// sinceStop is s from its last stop mark on (all of s without one). The
// naming and mention tests read only the end of the text before a word,
// with no stop mark in any phrase they look for, and a phrase followed by
// a stop mark fails: they answer the same on it as on all of s, without
// lower-casing the whole article before a quote.
func sinceStop(s string) string {
	if i := strings.LastIndexAny(s, stopMarks); i > 0 {
		return s[i:]
	}
	return s
}

// inQuotedList reports whether a short quote is one of a list of quoted
// words ("discourage "ex-con", "jailbird" and "lifer""): quoted words
// listed side by side are words discussed as words.
func inQuotedList(s string, sp qspan) bool {
	after := strings.TrimLeft(s[sp.end:], " ")
	for _, sep := range []string{",", "and", "or", "/"} {
		if rest, ok := strings.CutPrefix(after, sep); ok && startsQuote(strings.TrimLeft(rest, " ")) {
			return true
		}
	}
	before := strings.TrimRight(s[:sp.start], " ")
	for _, sep := range []string{",", "and", "or", "/"} {
		if rest, ok := strings.CutSuffix(before, sep); ok && endsQuote(strings.TrimRight(rest, " ")) {
			return true
		}
	}
	return false
}

func startsQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDoubleQuote(r) || r == '‘' || r == '\''
}

func endsQuote(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isDoubleQuote(r) || r == '’' || r == '\''
}

// mediumAfter reports whether a medium word follows in apposition: "‘Banged
// Up’, the Channel 5 series", "Porridge (BBC sitcom)".
func mediumAfter(after string) bool {
	a := strings.TrimLeft(after, " ")
	if rest, ok := strings.CutPrefix(a, "("); ok {
		// "Scum (1979)", "Lifers (BBC Two)"
		if ws := firstWords(rest, 1); len(ws) == 1 && (len(ws[0]) == 4 && isNumberWord(ws[0]) || broadcasters[strings.ToLower(ws[0])]) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(a, "on "); ok {
		if ws := firstWords(rest, 1); len(ws) == 1 && broadcasters[strings.ToLower(ws[0])] && startsUpper(ws[0]) {
			return true
		}
	}
	switch {
	case strings.HasPrefix(a, ","), strings.HasPrefix(a, "("), strings.HasPrefix(a, "–"), strings.HasPrefix(a, "—"):
	default:
		return false
	}
	ws := firstWords(a, 5)
	for i, w := range ws {
		if mediumWords[strings.ToLower(w)] {
			return i > 0 || !strings.HasPrefix(a, ",")
		}
	}
	return false
}

// titleAfter reports whether an unquoted Title Case match is a title that a
// medium word follows in apposition: "Banged Up, the Channel 5 series".
func titleAfter(s string, os, oe int) bool {
	if r, _ := utf8.DecodeRuneInString(s[os:]); !unicode.IsUpper(r) {
		return false
	}
	i := oe
	for words := 0; words < 6 && i < len(s); words++ {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' {
				break
			}
			k += size
		}
		if k == j || !startsUpper(s[j:k]) && !smallWords[s[j:k]] {
			return mediumAfter(s[i:])
		}
		i = k
	}
	return mediumAfter(s[i:])
}

// headlineWords right before a quotation make it a quoted headline.
var headlineWords = map[string]bool{"headline": true, "headlines": true, "headlined": true, "splash": true, "strapline": true, "front-page": true}

// broadcasterBefore: the words before end in a broadcaster, possibly
// possessive or numbered ("BBC Two's", "Channel 4").
func broadcasterBefore(bw []string) bool {
	for i := len(bw) - 1; i >= 0 && i >= len(bw)-3; i-- {
		w := strings.ToLower(bw[i])
		if broadcasters[w] {
			return true
		}
		if w != "s" && !isNumberWord(w) && !startsUpper(bw[i]) {
			return false
		}
	}
	return false
}

func isNumberWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// properName reports whether an unquoted match, written with a capital in
// the middle of a sentence though its rule's form is lower case, is part
// of a name or title: "the celebrity experiment Banged Up", "Netflix's
// Monster", "watching Criminal Minds". A capital after a lower-case word
// or a possessive can only be a name; after punctuation, a number or at
// the start of a line it may begin a sentence, so it proves nothing.
func properName(s string, os, oe int, form string) bool {
	if r, _ := utf8.DecodeRuneInString(form); !unicode.IsLower(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s[os:]); !unicode.IsUpper(r) {
		return false
	}
	lower := false
	for _, r := range s[os:oe] {
		lower = lower || unicode.IsLower(r)
	}
	if !lower { // BAME, POP: capitals throughout are an acronym, not a name
		return false
	}
	// Walk back over capitalised words ("the government's Tackling Young
	// Offenders plan"): a lower-case word or a possessive before the run
	// makes it a name; punctuation, a number or the start of the text may
	// begin a sentence, so prove nothing.
	i := os
	for words := 0; words < 6; words++ {
		j := i
		for j > 0 && s[j-1] == ' ' {
			j--
		}
		if j == i || j == 0 {
			return false
		}
		// A subtitle after a colon inside a Title Case name: "Channel
		// 5's Inside Britain's Toughest Jails: Lifers". The walk goes on
		// only if a capitalised word stands before the colon.
		if s[j-1] == ':' && words == 0 && j >= 2 {
			if r, _ := utf8.DecodeLastRuneInString(s[:j-1]); unicode.IsLetter(r) {
				k := j - 1
				for k > 0 {
					r, size := utf8.DecodeLastRuneInString(s[:k])
					if !unicode.IsLetter(r) {
						break
					}
					k -= size
				}
				if startsUpper(s[k : j-1]) {
					i = k
					continue
				}
			}
		}
		k := j
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:k])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' {
				break
			}
			k -= size
		}
		w := s[k:j]
		switch {
		case w == "":
			return false
		case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"):
			return true
		case startsLower(w):
			// "dubbed the Beast of the Bridleway": a nickname pinned on a
			// person is the label used, not the name of a work or body.
			return !nicknamed(s[:j])
		}
		i = k
	}
	return false
}

// nicknameVerbs give a person a tabloid name.
var nicknameVerbs = map[string]bool{"dubbed": true, "nicknamed": true, "branded": true, "known": true, "so-called": true}

// nicknamed reports whether before ends in a nickname verb, with "as" and
// "the" allowed after it ("known as the", "dubbed the").
func nicknamed(before string) bool {
	ws := lastWords(before, 3)
	for len(ws) > 1 && (strings.EqualFold(ws[len(ws)-1], "the") || strings.EqualFold(ws[len(ws)-1], "as")) {
		ws = ws[:len(ws)-1]
	}
	return len(ws) > 0 && nicknameVerbs[strings.ToLower(ws[len(ws)-1])]
}

// afterNouns after a copula make the term before it a word discussed as a
// word: "Offender is a label that sticks", "lag is prison slang".
var afterNouns = map[string]bool{
	"word": true, "words": true, "term": true, "terms": true, "label": true, "labels": true,
	"phrase": true, "expression": true, "epithet": true, "epithets": true, "slang": true,
	"euphemism": true, "cliche": true, "cliché": true, "americanism": true, "misnomer": true,
	"insult": true, "insults": true, "slur": true, "slurs": true, "jargon": true, "shorthand": true,
	"usage": true, "coinage": true, "noun": true, "acronym": true, "abbreviation": true,
}

var copulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "remains": true, "remain": true}

// afterFill may stand between the copula and the noun: determiners, a few
// adverbs and the adjectives writers put on words ("an ugly, outdated label").
var afterFill = map[string]bool{
	"a": true, "an": true, "the": true, "just": true, "only": true, "all": true, "simply": true, "another": true,
	"one": true, "such": true, "still": true, "now": true, "also": true, "really": true, "very": true, "so": true,
	"both": true, "ugly": true, "loaded": true, "dated": true, "lazy": true, "outdated": true, "stigmatising": true,
	"stigmatizing": true, "offensive": true, "old": true, "tabloid": true, "prison": true, "american": true,
	"racist": true, "derogatory": true, "cruel": true, "dehumanising": true, "misleading": true, "unhelpful": true,
	"harmful": true, "legal": true, "official": true, "loose": true, "sticky": true, "clinical": true,
	"medical": true, "technical": true, "common": true, "popular": true, "tired": true,
	"damaging": true, "hurtful": true, "demeaning": true, "slang": true, "newsroom": true, "police": true,
	"listed": true, "described": true, "seen": true, "regarded": true, "considered": true, "flagged": true,
	"marked": true, "named": true, "as": true, "among": true, "widely": true,
}

// mentionedAfter reports whether the term ending at word w1 is followed by
// a copula and a noun for words ("Offender, convict and felon are all
// labels"), within the sentence ending at word sw1.
func (n *normText) mentionedAfter(w1, sw1 int) bool {
	word := func(k int) string { return string(n.b[n.wStart[k]:n.wEnd[k]]) }
	// In apposition: "than scumbag, a word a colleague once used".
	if k := w1 + 1; k+1 <= sw1 && k+1 < len(n.wStart) && n.b[n.wEnd[w1]] == ',' && (word(k) == "a" || word(k) == "an" || word(k) == "another") {
		for j := k + 1; j <= sw1 && j < len(n.wStart) && j <= k+3; j++ {
			if afterNouns[word(j)] {
				return true
			}
			if !afterFill[word(j)] {
				break
			}
		}
	}
	for k := w1 + 1; k <= sw1 && k < len(n.wStart) && k <= w1+6; k++ {
		if !copulas[word(k)] {
			continue
		}
		for j := k + 1; j <= sw1 && j < len(n.wStart) && j <= k+6; j++ {
			w := word(j)
			if afterNouns[w] {
				return true
			}
			if !afterFill[w] {
				return false
			}
		}
		return false
	}
	return false
}

// bareWords before a singular noun with no determiner mark it as a word,
// not a person: "argued against ex-offender", "more accurate than burglar",
// "we printed thug 212 times". Used of a person the noun would need "a" or
// "the"; a plural ("against lags") or a name after it ("than burglar
// Smith") is a use.
var bareWords = map[string]bool{
	"against": true, "than": true, "versus": true, "print": true, "printed": true, "prints": true,
	"use": true, "uses": true, "used": true, "using": true, "write": true, "writes": true, "wrote": true,
	"prefer": true, "prefers": true, "preferred": true, "choose": true, "chose": true, "replace": true,
	"replaced": true, "replacing": true, "swap": true, "swapped": true, "ditch": true, "ditched": true,
}

// bareSaying verbs before a bare singular noun in the body quote a word,
// not a person ("the briefing says offender ‘defines a person’"): a person
// would need "an offender". Headlines drop articles ("Judge says offender
// lied"), so they are read in the body only. "includes" lists words ("the
// list includes crackhead, nutter and paedo").
var bareSaying = map[string]bool{
	"says": true, "said": true, "argues": true, "argued": true, "notes": true, "noted": true,
	"warns": true, "warned": true, "suggests": true, "includes": true, "include": true, "included": true,
}

// bareItem: word k is a lower-case word standing alone as an item of a
// list of words (followed by a comma, "and" or "or"), not an article or a
// plural ("includes crackhead, nutter").
func (n *normText) bareItem(s string, k int) bool {
	w := string(n.b[n.wStart[k]:n.wEnd[k]])
	if determiners[w] || strings.HasSuffix(w, "s") {
		return false
	}
	o, _ := n.orig(int(n.wStart[k]), int(n.wEnd[k]))
	if !startsLower(s[o:]) {
		return false
	}
	next := int(n.wEnd[k])
	return next < len(n.b) && (n.b[next] == ',' || k+1 < len(n.wStart) && (string(n.b[n.wStart[k+1]:n.wEnd[k+1]]) == "and" || string(n.b[n.wStart[k+1]:n.wEnd[k+1]]) == "or"))
}

// bareMention reports whether the one-word (or hyphenated) match at words [w0, w1] is a
// bare singular noun after one of bareWords: lower case, no plural or
// possessive ending, no capitalised word after it.
func (n *normText) bareMention(s string, os, oe, w0, w1, sw0, sw1 int, form string, body bool) bool {
	if w0-1 < sw0 || strings.Contains(strings.TrimSpace(form), " ") { // "ex-offender" is one noun; "behind bars" a phrase
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s[os:]); !unicode.IsLower(r) {
		return false
	}
	m := string(n.b[n.wStart[w0]:n.wEnd[w1]])
	if f := normaliseString(form); m != f {
		return false // an inflected form: "against lags"
	}
	word := func(k int) string { return string(n.b[n.wStart[k]:n.wEnd[k]]) }
	// In a list of bare words ("includes crackhead, nutter and paedo") the
	// word that decides stands before the first item.
	k := w0 - 1
	for items := 0; k > sw0 && items < 4; items++ {
		if w := word(k); w == "and" || w == "or" || w == "nor" {
			k--
			continue
		}
		if w := word(k); bareWords[w] || body && bareSaying[w] || !n.bareItem(s, k) {
			break
		}
		k--
	}
	prev := word(k)
	insteadOf := prev == "of" && k-1 >= sw0 && word(k-1) == "instead"
	if !bareWords[prev] && !insteadOf && !(body && bareSaying[prev]) {
		return false
	}
	if w1+1 <= sw1 && w1+1 < len(n.wStart) {
		if o, _ := n.orig(int(n.wStart[w1+1]), int(n.wEnd[w1+1])); startsUpper(s[o:]) {
			return false
		}
	}
	return true
}

// listNouns before a colon announce a list of words: "Among the words it
// wants dropped: offender, convict and inmate."
var listNouns = map[string]bool{
	"word": true, "words": true, "term": true, "terms": true, "label": true, "labels": true,
	"phrase": true, "phrases": true, "language": true, "vocabulary": true, "list": true,
	"glossary": true, "slang": true, "jargon": true, "expressions": true,
}

// colonList reports whether a term at the end of before (its sentence up
// to the term) is an item of a list of words after a colon: the words
// before the colon name words ("the terms to avoid:"), not whose words they
// are ("the judge's words:"), and the term comes right after the colon or
// after a comma, "and" or "or" in the list.
func colonList(before string) bool {
	c := strings.LastIndexByte(before, ':')
	if c < 0 {
		return false
	}
	seg := before[c+1:]
	items := 0
	for _, piece := range strings.FieldsFunc(seg, func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
		for _, p := range strings.Split(" "+piece+" ", " and ") {
			for _, q := range strings.Split(p, " or ") {
				q = strings.TrimSpace(trimQuoteMarks(q))
				if q == "" {
					continue
				}
				if items++; items > 8 || countWords(q) > 3 {
					return false
				}
			}
		}
	}
	// Nothing may stand between the last separator and the term.
	tail := strings.TrimRight(seg, " \u00a0‘“'\"")
	if tail != "" && !strings.HasSuffix(tail, ",") && !strings.HasSuffix(tail, ";") && !strings.HasSuffix(tail, "/") && !strings.HasSuffix(tail, " and") && !strings.HasSuffix(tail, " or") {
		return false
	}
	ws := lastWords(before[:c], 5)
	for i, w := range ws {
		if !listNouns[strings.ToLower(w)] {
			continue
		}
		if i > 0 {
			p := strings.ToLower(ws[i-1])
			if p == "his" || p == "her" || p == "their" || p == "my" || p == "your" || p == "our" || p == "s" {
				return false
			}
		}
		return true
	}
	return false
}

// namedAfter right after a quoted Title Case phrase make it the name of a
// work, campaign or policy: "the ‘Lock Them Up’ campaign", "‘Banged Up’
// series two".
var namedAfter = map[string]bool{
	"campaign": true, "strategy": true, "review": true, "inquiry": true, "initiative": true, "report": true,
	"documentary": true, "series": true, "film": true, "book": true, "podcast": true, "programme": true,
	"show": true, "episode": true, "drama": true, "exhibition": true, "play": true, "musical": true,
}

// labelLists marks as mentions the flags of a bare list of labels: a
// sentence that is nothing but flagged words and the commas, "and" or "or"
// between them ("Old lag, ex-con. I've heard it all."), or such a list
// opening a sentence before a colon or a dash ("Thug, yob, animal – I've
// been called all of them"). Nobody is being called anything there: the
// words are held up as words. Matches are in text order per part.
func labelLists(ms []news.Match, texts [2]string, lays *[2]layout) {
	for i := 0; i < len(ms); {
		part := partBody
		if ms[i].Location == news.Headline {
			part = partTitle
		}
		s, lay := texts[part], &lays[part]
		si := lay.sentenceAt(ms[i].Start)
		if si < 0 || !labelCategory[ms[i].Category] || !listGap(s[lay.sents[si].start:ms[i].Start], true) {
			i++
			continue
		}
		j := i + 1
		for j < len(ms) && labelCategory[ms[j].Category] && ms[j].Location == ms[i].Location && ms[j].Start >= ms[j-1].End && lay.sentenceAt(ms[j].Start) == si && listGap(s[ms[j-1].End:ms[j].Start], false) {
			j++
		}
		if j-i >= 2 && listEnd(s[ms[j-1].End:lay.sents[si].end], part == partBody) {
			for k := i; k < j; k++ {
				if ms[k].Voice != VoiceTitle {
					ms[k].Voice, ms[k].Speaker, ms[k].Attributed, ms[k].SelfDescription = VoiceMention, "", false, false
				}
			}
		}
		i = j
	}
	echoMentions(ms, texts, lays)
}

// labelCategory: the categories whose rules flag names for people. A
// slogan ("Lock them up and throw away the key.") or a cliché is said, not
// held up as a word, whatever stands beside it.
var labelCategory = map[string]bool{
	"people": true, "dehumanising": true, "drugs": true, "mental_health": true, "young_people": true,
	"sex_work": true, "race": true, "immigration": true, "disability": true,
}

// listGap: what stands before the first item (first) or between two items
// of a bare list: spaces, quote marks, and a comma, slash, "and" or "or".
func listGap(g string, first bool) bool {
	g = strings.Trim(g, " \u00a0\n\t‘’“”'\"")
	// "ex-con" is flagged as its "con": the "ex-" belongs to the item.
	if t, ok := strings.CutSuffix(strings.ToLower(g), "ex-"); ok {
		g = strings.TrimRight(g[:len(t)], " ")
	}
	if first {
		return g == ""
	}
	g = strings.TrimSpace(strings.TrimLeft(g, ",;/ ‘’“”'\""))
	g = strings.TrimRight(g, " ‘’“”'\"")
	return g == "" || g == "and" || g == "or" || g == "nor"
}

// listEnd: what follows the last item: the end of the sentence, or (in the
// body: a headline's "Yobs and thugs: the estate that fights back" uses the
// words) a colon or a dash after which the sentence says something of them.
func listEnd(rest string, body bool) bool {
	rest = strings.TrimLeft(rest, " \u00a0‘’“”'\"")
	if body && strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "- ") {
		return true
	}
	// A full stop closes the list even where the sentence splitter read
	// on ("ex-con. I've heard it all": "Con." is also a constable).
	return strings.IndexAny(rest, ".!?…") == 0 || strings.Trim(rest, " \u00a0\n\t‘’“”'\".!?…") == ""
}

// deniedCopulas before "not" ("I am not", "he was not", "they're not").
// Contractions arrive split at the apostrophe ("'m", "'re", "'s").
var deniedCopulas = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "am": true, "m": true, "re": true, "s": true,
	"be": true, "been": true, "being": true,
}

// deniedLabel reports whether the text before a term ends in a copula and
// "not", with an article between, or none before a name for people (bare
// says so): "I am not an ex-offender", "I'm not a maniac", "Emma's death is
// not a tragedy"; not "she's not behind bars".
func deniedLabel(before string, bare bool) bool {
	ws := lastWords(before, 5)
	article := false
	for len(ws) > 0 {
		w := strings.ToLower(ws[len(ws)-1])
		if w != "a" && w != "an" && w != "the" {
			break
		}
		ws, article = ws[:len(ws)-1], true
	}
	if len(ws) < 2 || !article && !bare {
		return false
	}
	if len(ws) < 2 {
		return false
	}
	last, prev := strings.ToLower(ws[len(ws)-1]), strings.ToLower(ws[len(ws)-2])
	switch last {
	case "not":
		return deniedCopulas[prev]
	case "t":
		return prev == "isn" || prev == "wasn" || prev == "aren" || prev == "weren"
	}
	return false
}

// invitedNaming reports whether the sentence up to a term opens with the
// imperative "call them", the earlier items of a list read past: "Call them
// neds or hoodies if you like, but these are 13-year-olds" weighs the name as
// a choice, as "if you label someone a thug" does. "He called me 'an
// offender' in court" is a use, reported (language.md G4).
func invitedNaming(before string) bool {
	b := strings.TrimLeft(before, " \u00a0'\"‘’“”")
	if len(b) > 96 || len(b) < 10 || !strings.EqualFold(b[:10], "call them ") {
		return false
	}
	b = strings.ToLower(b)
	for items := 0; items < 4; items++ {
		t := strings.TrimRight(b, " \u00a0'\"‘’“”")
		switch {
		case strings.HasSuffix(t, ","):
			t = t[:len(t)-1]
		case strings.HasSuffix(t, " or"), strings.HasSuffix(t, " and"):
			t = t[:strings.LastIndexByte(t, ' ')]
		default:
			return strings.TrimRight(t, " a") == "call them" || t == "call them an"
		}
		t = strings.TrimRight(t, " \u00a0'\"‘’“”")
		k := strings.LastIndexByte(t, ' ')
		if k < 0 {
			return false
		}
		b = t[:k]
	}
	return false
}

// quotedHeadline reports whether the sentence holding a term, written all in
// capitals, follows a mention of headlines in its paragraph ("The headlines
// run back twenty years. PSYCHO KILLER TO GO FREE."): a headline held up for
// discussion, not the outlet's own.
func quotedHeadline(s string, sent, para span) bool {
	letters := 0
	for _, r := range s[sent.start:sent.end] {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 6 && para.start <= sent.start && strings.Contains(strings.ToLower(s[para.start:sent.start]), "headline")
}

// echoMentions reads words again once the article is known to discuss
// words (some match is a mention). A word in scare quotes, in a paragraph
// that discusses the same word as a word, is that word held up again ("think
// about the word offender? … every time your paper describes "offenders"
// being released"). A label refused ("I am not an ex-offender. I am a
// plumber") is the word weighed, in an article about words; elsewhere "he
// was not a monster, his mother said" is a use, denied.
func echoMentions(ms []news.Match, texts [2]string, lays *[2]layout) {
	discusses := false
	for i := range ms {
		discusses = discusses || ms[i].Voice == VoiceMention
	}
	if !discusses {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.Voice == VoiceMention || m.Voice == VoiceTitle {
			continue
		}
		part := partBody
		if m.Location == news.Headline {
			part = partTitle
		}
		s, lay := texts[part], &lays[part]
		echo := false
		if m.Voice == VoiceScare {
			p := lay.paraAt(m.Start)
			for j := range ms {
				if j != i && ms[j].Rule == m.Rule && ms[j].Voice == VoiceMention && (ms[j].Location == news.Headline) == (part == partTitle) && lay.paraAt(ms[j].Start) == p {
					echo = true
					break
				}
			}
		}
		if !echo {
			if si := lay.sentenceAt(m.Start); si >= 0 {
				echo = deniedLabel(s[lay.sents[si].start:m.Start], labelCategory[m.Category])
			}
		}
		if echo {
			m.Voice, m.Speaker, m.Attributed, m.SelfDescription = VoiceMention, "", false, false
		}
	}
}

// colonNamesWords reports whether the text after a term is at most a short
// list of other words up to a colon, after which the sentence names words
// ("'Psycho', 'nutter', 'monster': the words that follow patients out",
// "Bang-up, bird and screws: a guide to the words of the wing"): the terms
// are held up as words.
func colonNamesWords(after string) bool {
	c := strings.IndexByte(after, ':')
	if c < 0 || c > 60 {
		return false
	}
	items := 0
	for _, piece := range strings.FieldsFunc(after[:c], func(r rune) bool { return r == ',' || r == '/' }) {
		for _, p := range strings.Split(" "+piece+" ", " and ") {
			for _, q := range strings.Split(p, " or ") {
				if q = strings.TrimSpace(trimQuoteMarks(q)); q == "" {
					continue
				}
				if items++; items > 5 || countWords(q) > 2 {
					return false
				}
			}
		}
	}
	if lead := strings.TrimSpace(trimQuoteMarks(after[:c])); lead != "" && !strings.HasPrefix(lead, ",") && !strings.HasPrefix(lead, "and ") && !strings.HasPrefix(lead, "or ") {
		return false
	}
	// The first six words after the colon, read in place.
	rest, words := after[c+1:], 0
	for words < 6 {
		rest = strings.TrimLeftFunc(rest, notLetter)
		if rest == "" {
			return false
		}
		e := strings.IndexFunc(rest, notLetter)
		if e < 0 {
			e = len(rest)
		}
		w := rest[:e]
		if strings.IndexFunc(w, unicode.IsUpper) >= 0 {
			w = strings.ToLower(w)
		}
		if listNouns[w] || w == "names" || w == "insults" {
			return true
		}
		rest, words = rest[e:], words+1
	}
	return false
}
