package tag

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/framewatch/framewatch/news"
)

// The entity finder reads the whole text in one pass over its capitalised
// runs, with the gazetteers, instead of a statistical tagger: UK news names
// people with titles and two-word names, organisations with the words their
// names end in, and places after the prepositions that introduce them. It
// costs a few microseconds per article, so ingest and retag never wait for it.

// placePreps introduce a place: "in Leeds", "from Cardiff".
var placePreps = map[string]bool{"in": true, "from": true, "near": true, "across": true, "outside": true,
	"around": true, "throughout": true, "to": true, "at": true, "of": true, "towards": true, "into": true, "on": true}

// notNames are capitalised words that name nothing on their own.
var notNames = map[string]bool{
	"i": true, "the": true, "a": true, "an": true, "but": true, "and": true, "he": true, "she": true,
	"they": true, "we": true, "it": true, "this": true, "that": true, "his": true, "her": true, "their": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"christmas": true, "easter": true, "mr": true, "mrs": true, "ms": true, "dr": true, "if": true,
	"when": true, "while": true, "after": true, "before": true, "in": true, "on": true, "at": true,
	"there": true, "these": true, "those": true, "our": true, "my": true, "its": true, "as": true,
	"for": true, "with": true, "by": true, "from": true, "so": true, "yet": true, "now": true, "then": true,
	"however": true, "meanwhile": true, "some": true, "many": true, "one": true, "all": true, "no": true,
	"not": true, "what": true, "who": true, "why": true, "how": true, "where": true, "yes": true,
	"british": true, "english": true, "scottish": true, "welsh": true, "irish": true, "european": true,
	"covid": true, "uk": false, "black": true, "white": true, "asian": true, "tory": true, "labour": false, "asked": true, "speaking": true,
	"prosecuting": true, "defending": true, "sentencing": true, "jailing": true, "sir": true, "lord": true,
}

// entityFinder collects one article's entities.
type entityFinder struct {
	e      *Engine
	counts map[string]*news.Entity
	order  []string
	people map[string]string // surname → key of the person's fullest name
	low    string            // the text run reads, ASCII letters lower-cased (same offsets)
}

func (f *entityFinder) add(name, typ string) {
	key := strings.ToLower(name)
	if ent, ok := f.counts[key]; ok {
		ent.Count++
		if isGazType(typ) && ent.Type != typ {
			ent.Type = typ
		}
		return
	}
	f.counts[key] = &news.Entity{Name: name, Type: typ, Count: 1}
	f.order = append(f.order, key)
}

// entities finds the people, places and organisations of an article.
func (e *Engine) entities(sc *scratch, a news.Article, lay *layout) []news.Entity {
	f := &entityFinder{e: e, counts: map[string]*news.Entity{}, people: map[string]string{}}
	full := a.Title + "\n\n" + a.Text
	type gazHit struct {
		span
		pat int32
	}
	var hits []gazHit
	if e.gaz != nil {
		n := &sc.full
		n.join(&sc.norm[partTitle], &sc.norm[partBody], len(a.Title), len("\n\n"))
		for _, h := range e.gaz.ac.scan(n.b, nil) {
			if st, en, ok := n.wordMatch(int(h.start), int(h.end), target{}); ok {
				os, oe := n.orig(st, en)
				// A body named in capitals (INQUEST, NIACRO) is not the
				// common word: "an inquest was opened".
				if name := e.gaz.names[h.pat]; isAcronym(name) && full[os:oe] != name {
					continue
				}
				hits = append(hits, gazHit{span{os, oe}, h.pat})
			}
		}
	}
	// The longest of overlapping names wins: "Greater Manchester", not
	// also "Manchester".
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].start != hits[j].start {
			return hits[i].start < hits[j].start
		}
		return hits[i].end > hits[j].end
	})
	kept := hits[:0]
	for _, h := range hits {
		if n := len(kept); n > 0 && h.start < kept[n-1].end {
			continue
		}
		kept = append(kept, h)
	}
	hits = kept
	used := make([]bool, len(hits))
	// inGaz reports whether a gazetteer name lies in [a, b) and counts it:
	// a longer organisation's name around it ("Suffolk Wildlife Trust")
	// wins over it when org is true.
	inGaz := func(a, b int, org bool) bool {
		found := false
		for k, h := range hits {
			if a < h.end && h.start < b {
				if org && (h.start > a || h.end < b) {
					used[k] = true // swallowed by the longer name
					continue
				}
				found = true
			}
		}
		return found
	}
	ws := wordSpans(full)
	f.low = lowerASCII(full)
	for i := 0; i < len(ws); {
		w := full[ws[i][0]:ws[i][1]]
		if !isUpperWord(w) {
			i++
			continue
		}
		// The capitalised run, with "of", "and", "for" inside a name
		// (Ministry of Justice) when a capital follows.
		j := i + 1
		for j < len(ws) {
			gap := full[ws[j-1][1]:ws[j][0]]
			if gap != " " && gap != "-" && gap != "'s " && gap != "’s " && gap != "' " && gap != "’ " {
				break
			}
			wj := full[ws[j][0]:ws[j][1]]
			if isUpperWord(wj) {
				j++
				continue
			}
			lw := strings.ToLower(wj)
			if (lw == "of" || lw == "for" || lw == "on" || lw == "and" && andInName(full, ws, i, j)) && j+1 < len(ws) && isUpperWord(full[ws[j+1][0]:ws[j+1][1]]) && full[ws[j][1]:ws[j+1][0]] == " " {
				j += 2
				continue
			}
			break
		}
		f.run(full, ws, i, j, inGaz)
		i = j
	}
	for k, h := range hits {
		if !used[k] {
			f.add(e.gaz.names[h.pat], e.gaz.types[h.pat])
		}
	}
	out := make([]news.Entity, 0, len(f.order))
	for _, k := range f.order {
		out = append(out, *f.counts[k])
	}
	return out
}

// nationalities open organisations' names (the Welsh Government) as often
// as they describe.
var nationalities = map[string]bool{"british": true, "english": true, "scottish": true, "welsh": true,
	"irish": true, "european": true}

// connectors inside a name: "University of Kent", "Justice for Women".
var connectors = map[string]bool{"of": true, "for": true, "and": true, "on": true}

func wordsAt(s string, ws [][2]int, i, j int) []string {
	out := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, s[ws[k][0]:ws[k][1]])
	}
	return out
}

// isAcronym: a name written in capitals only (INQUEST, NIACRO).
func isAcronym(name string) bool {
	if len(name) < 3 {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// sentenceStart reports whether the word at o opens a sentence or paragraph.
func sentenceStart(s string, o int) bool {
	k := o - 1
	for k >= 0 && (s[k] == ' ' || s[k] == '"' || s[k] == '\'' || s[k] == '(') {
		k--
	}
	if k < 0 || s[k] == '\n' {
		return true
	}
	r := runeBefore(s, k+1)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '“' || r == '‘' || r == '—' || r == '–'
}

// run classifies one capitalised run ws[i:j] of s.
func (f *entityFinder) run(s string, ws [][2]int, i, j int, inGaz func(a, b int, org bool) bool) {
	word := func(k int) string { return s[ws[k][0]:ws[k][1]] }
	// A word's lower case, read from f.low without a copy when it is ASCII.
	lower := func(k int) string {
		w := f.low[ws[k][0]:ws[k][1]]
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				return strings.ToLower(word(k))
			}
		}
		return w
	}
	// Drop capitals that only open the sentence ("The", "But", "Police").
	for i < j && (notNames[lower(i)] || determinersLead[lower(i)] || adverbialStarts[lower(i)] && sentenceStart(s, ws[i][0])) {
		if nationalities[lower(i)] && j-i > 1 && isOrgName(wordsAt(s, ws, i, j)) {
			break // the Welsh Government, the Scottish Police Authority
		}
		i++
	}
	if i < j && j-i > 1 && sentenceStart(s, ws[i][0]) && commonHeads[lower(i)] {
		i++
	}
	for j > i && notNames[lower(j-1)] {
		j--
	}
	// A description capitalised at the sentence start: "Prosecutor Sarah
	// Lund", "Ecologist Priya Shah".
	for j-i > 2 && (descriptorNouns[lower(i)] || f.e.roles != nil && f.e.roles.isRoleWord(lower(i))) && !connectors[lower(i+1)] && !isOrgName(wordsAt(s, ws, i, j)) {
		i++
	}
	if i >= j {
		return
	}
	runNames := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		runNames = append(runNames, word(k))
	}
	if inGaz(ws[i][0], ws[j-1][1], j-i > 1 && isOrgName(runNames)) {
		return
	}
	// "Assistant Chief Constable Rachel Dunn of Nottinghamshire Police": a
	// titled person of a body is two names.
	if personTitles[lower(i)] {
		for m := i + 2; m < j-1; m++ {
			if lower(m) == "of" && isOrgName(runNames[m+1-i:]) {
				f.run(s, ws, i, m, inGaz)
				f.run(s, ws, m+1, j, inGaz)
				return
			}
		}
	}
	// Titles before a name make it a person's and are left out of it.
	titled := false
	for i < j-0 && personTitles[lower(i)] && !(j-i == 1) && !connectors[lower(i+1)] {
		titled = true
		i++
	}
	if i < j && (lower(i) == "justice" || lower(i) == "honour") && titled && j-i > 1 {
		i++
	}
	// Suffixes (MP, KC) follow the name.
	for j > i+1 && nameSuffixes[lower(j-1)] {
		titled = true
		j--
	}
	if i >= j {
		return
	}
	name := s[ws[i][0]:ws[j-1][1]]
	names := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		names = append(names, word(k))
	}
	start := sentenceStart(s, ws[i][0])
	switch {
	case isStreet(names):
		f.add(name, "PLACE")
	case notEntity(names):
		return
	case isOrgName(names):
		if j-i == 1 {
			return
		}
		f.add(name, orgType(names))
	case j-i >= 2 && j-i <= 4 && !titled && i > 0 && bodyNouns[lower(i-1)] && s[ws[i-1][1]:ws[i][0]] == " ":
		f.add(name, "ORG") // the mentoring charity Second Wind
	case titled || j-i >= 2 && j-i <= 4:
		if j-i == 1 {
			f.person(name)
			return
		}
		if prev := i - 1; prev >= 0 && placePreps[lower(prev)] && !titled && j-i == 2 && !f.knownPerson(word(j-1)) {
			if isPlacePair(names) {
				f.add(name, "PLACE")
				return
			}
		}
		f.person(name)
	case j-i == 1:
		// A single capitalised word: a person's surname already met, or
		// a place after a preposition.
		if key, ok := f.people[strings.ToLower(name)]; ok {
			f.counts[key].Count++
			return
		}
		// A first name with an age ("Nadia, 28,") or after "called"
		// ("a peer mentor called Donna") is a person.
		if rest := s[ws[i][1]:]; strings.HasPrefix(rest, ", ") && len(rest) > 3 && isDigitByte(rest[2]) && !strings.HasPrefix(rest[2:], "000") {
			k := 2
			for k < len(rest) && isDigitByte(rest[k]) {
				k++
			}
			if k <= 4 && k < len(rest) && rest[k] == ',' {
				f.person(name)
				return
			}
		}
		if prev := i - 1; prev >= 0 && (lower(prev) == "called" || lower(prev) == "named") {
			f.person(name)
			return
		}
		if start {
			return
		}
		if prev := i - 1; prev >= 0 && placePreps[lower(prev)] && s[ws[prev][1]:ws[i][0]] == " " {
			f.add(name, "PLACE")
		}
	}
}

// isPlacePair: "South Yorkshire", "North Wales", "Milton Keynes" after "in".
func isPlacePair(ws []string) bool {
	switch strings.ToLower(ws[0]) {
	case "north", "south", "east", "west", "greater", "upper", "lower", "new", "old", "great", "little", "st", "central", "county":
		return true
	}
	return false
}

func (f *entityFinder) knownPerson(surname string) bool {
	_, ok := f.people[strings.ToLower(surname)]
	return ok
}

// person adds a person's name; a surname alone counts towards the fullest
// name met with it.
func (f *entityFinder) person(name string) {
	sn := surname(name)
	if key, ok := f.people[sn]; ok {
		ent := f.counts[key]
		if g, h := givenName(ent.Name), givenName(name); g != "" && h != "" && !strings.EqualFold(g, h) {
			// "Simone Clarke" after "Jayden Clarke": a family shares a
			// surname; the later one is a person of their own (a surname
			// alone still counts towards the first).
			f.add(name, "PERSON")
			return
		}
		if len(name) > len(ent.Name) && strings.HasSuffix(name, " "+ent.Name) {
			ent.Name = name
		}
		ent.Count++
		return
	}
	f.add(name, "PERSON")
	f.people[sn] = strings.ToLower(name)
}

func orgType(ws []string) string {
	last := strings.ToLower(ws[len(ws)-1])
	switch {
	case last == "police" || last == "constabulary":
		return "POLICE"
	case last == "court" || strings.EqualFold(ws[0], "court"):
		return "COURT"
	case strings.EqualFold(ws[0], "hmp") || strings.EqualFold(ws[0], "hmyoi") || last == "prison" || last == "yoi":
		return "PRISON"
	}
	return "ORG"
}

// andInName: "and" joins the words of an organisation's name ("Prison and
// Probation Service") but two places or people ("England and Wales").
func andInName(s string, ws [][2]int, i, j int) bool {
	// "HMP Swansea and HMP Parc": a second name of its own after "and".
	if j+1 < len(ws) {
		switch strings.ToLower(s[ws[j+1][0]:ws[j+1][1]]) {
		case "hmp", "hmyoi", "yoi", "hmp/yoi":
			return false
		}
	}
	k := j + 1
	for k < len(ws) && isUpperWord(s[ws[k][0]:ws[k][1]]) && s[ws[k-1][1]:ws[k][0]] == " " {
		k++
	}
	names := make([]string, 0, k-i)
	for x := i; x < k; x++ {
		names = append(names, s[ws[x][0]:ws[x][1]])
	}
	return isOrgName(names)
}

// notEntity: capitalised runs that name documents, statistics, roles or
// streets rather than a person, place or organisation.
func notEntity(ws []string) bool {
	last := strings.ToLower(ws[len(ws)-1])
	switch last {
	case "act", "acts", "statistics", "review", "report", "strategy", "scheme", "bill", "order", "orders",
		"estate",
		"manager", "management", "secretary", "minister", "day", "week", "awards", "quarterly",
		"guidelines", "guideline", "code", "plan", "framework", "survey", "inquiry", "nations", "league's",
		"helpline", "lion", "arms", "inn", "hotel", "station", "airport", "park", "centre's", "register":
		return true
	}
	all := true
	for _, w := range ws {
		lw := strings.ToLower(w)
		if !descriptorNouns[lw] && !personTitles[lw] {
			all = false
		}
	}
	return all
}

// isStreet: "Dellingburn Street", "Chorley New Road" name places.
func isStreet(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	switch strings.ToLower(ws[len(ws)-1]) {
	case "lane", "close", "road", "street", "avenue", "drive", "crescent", "terrace", "square", "gardens", "grove", "place", "row", "hill":
		return true
	}
	return false
}
