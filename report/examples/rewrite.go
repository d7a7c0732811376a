package examples

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rewrite returns the sentence pre+matched+post with matched replaced by
// the alternative alt, adapted to the match's grammar: plural and
// possessive forms, capitals, and "a"/"an" before it. ok is false, and the
// rewrite empty, when alt is advice rather than a drop-in phrase ("describe
// the behaviour", "as dehum.monster") or when the form cannot be made
// grammatical ("person who has offended" in a possessive).
func Rewrite(pre, matched, post, alt string) (string, bool) {
	alt = strings.TrimSpace(alt)
	if matched == "" || !dropIn(alt) {
		return "", false
	}
	form := analyse(matched)
	if !nounPhrase(alt) {
		// "released on licence", "in prison": not a noun to inflect; only a
		// plain (non-possessive) use can take it as it is.
		if form == possessive || form == pluralPossessive {
			return "", false
		}
		form = asIs
	}
	var repl string
	switch form {
	case asIs:
		repl = alt
	case singular:
		if hasClause(alt) && singularise(alt) != alt {
			return "", false // "people who commit crime" → "person who commit crime"
		}
		repl = singularise(alt)
	case plural:
		if hasClause(alt) && pluralise(alt) != alt {
			return "", false // "people who has offended": the verb would need changing too
		}
		repl = pluralise(alt)
	case possessive, pluralPossessive:
		if len(strings.Fields(alt)) > 2 || hasPreposition(alt) {
			return "", false // "person with a conviction's" is not English
		}
		apos := "'"
		if strings.ContainsRune(matched, '’') {
			apos = "’"
		}
		if form == possessive {
			repl = singularise(alt) + apos + "s"
		} else if p := pluralise(alt); strings.HasSuffix(p, "s") {
			repl = p + apos
		} else {
			repl = p + apos + "s" // people's
		}
	}
	repl = matchCase(matched, repl)
	pre = fixArticle(pre, repl)
	return pre + repl + post, true
}

type form int

const (
	asIs form = iota
	singular
	plural
	possessive
	pluralPossessive
)

// analyse guesses the grammatical form of the matched text from its end.
func analyse(m string) form {
	low := strings.ToLower(strings.TrimSpace(m))
	for _, a := range []string{"'s", "’s"} {
		if strings.HasSuffix(low, a) {
			return possessive
		}
	}
	for _, a := range []string{"s'", "s’"} {
		if strings.HasSuffix(low, a) {
			return pluralPossessive
		}
	}
	last := low
	if f := strings.Fields(low); len(f) > 0 {
		last = f[len(f)-1]
	}
	if irregularPlural[last] != "" || (strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") &&
		!strings.HasSuffix(last, "us") && !strings.HasSuffix(last, "is")) {
		return plural
	}
	return singular
}

// dropIn reports whether alt reads as a phrase that can stand in for the
// term, rather than advice about it.
func dropIn(alt string) bool {
	if alt == "" || strings.ContainsAny(alt, "()[]\"“”…/;:!?") || len(strings.Fields(alt)) > 6 {
		return false
	}
	first := strings.ToLower(strings.Fields(alt)[0])
	switch first {
	case "as", "describe", "name", "say", "use", "avoid", "specify", "state", "give", "omit", "report", "refer":
		return false
	}
	return !strings.Contains(alt, ".") // a rule id such as dehum.monster
}

// hasClause reports a relative clause, whose verb agrees with the head.
func hasClause(alt string) bool {
	a := " " + strings.ToLower(alt) + " "
	return strings.Contains(a, " who ") || strings.Contains(a, " that ")
}

// nounPhrase reports whether alt is headed by a noun that can be made
// plural or possessive, rather than a verb phrase ("released on licence")
// or an adverbial ("in prison", "behind bars").
func nounPhrase(alt string) bool {
	w := strings.Fields(strings.ToLower(alt))
	for _, p := range prepositions {
		if w[0] == p {
			return false
		}
	}
	h := w[head(w)]
	return !strings.HasSuffix(w[0], "ed") && !strings.HasSuffix(h, "ed") && !strings.HasSuffix(w[0], "ing")
}

var prepositions = []string{"with", "in", "on", "of", "who", "that", "from", "at", "under", "for", "serving", "convicted"}

func hasPreposition(alt string) bool {
	f := strings.Fields(strings.ToLower(alt))
	for _, w := range f[1:] {
		for _, p := range prepositions {
			if w == p {
				return true
			}
		}
	}
	return false
}

// head returns the index of the phrase's head noun: the word before the
// first preposition, else the last word.
func head(words []string) int {
	for i, w := range words {
		if i == 0 {
			continue
		}
		for _, p := range prepositions {
			if strings.ToLower(w) == p {
				return i - 1
			}
		}
	}
	return len(words) - 1
}

var irregular = map[string]string{"person": "people", "man": "men", "woman": "women", "child": "children",
	"youth": "youths", "family": "families"}

var irregularPlural = func() map[string]string {
	m := map[string]string{}
	for s, p := range irregular {
		m[p] = s
	}
	return m
}()

func pluralise(alt string) string {
	w := strings.Fields(alt)
	h := head(w)
	w[h] = pluralWord(w[h])
	return strings.Join(w, " ")
}

func singularise(alt string) string {
	w := strings.Fields(alt)
	h := head(w)
	w[h] = singularWord(w[h])
	return strings.Join(w, " ")
}

func pluralWord(s string) string {
	low := strings.ToLower(s)
	if p, ok := irregular[low]; ok {
		return p
	}
	if _, ok := irregularPlural[low]; ok {
		return s
	}
	switch {
	case strings.HasSuffix(low, "s") && !strings.HasSuffix(low, "ss"):
		return s // already plural
	case strings.HasSuffix(low, "ss"), strings.HasSuffix(low, "sh"), strings.HasSuffix(low, "ch"),
		strings.HasSuffix(low, "x"), strings.HasSuffix(low, "z"):
		return s + "es"
	case strings.HasSuffix(low, "y") && len(low) > 1 && !strings.ContainsRune("aeiou", rune(low[len(low)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

func singularWord(s string) string {
	low := strings.ToLower(s)
	if p, ok := irregularPlural[low]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(low, "ies") && len(low) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(low, "ss"), strings.HasSuffix(low, "us"), strings.HasSuffix(low, "is"):
		return s
	case strings.HasSuffix(low, "s"):
		return s[:len(s)-1]
	}
	return s
}

// matchCase gives repl the capitalisation of matched: ALL CAPS or an
// initial capital.
func matchCase(matched, repl string) string {
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, matched)
	if utf8.RuneCountInString(letters) > 1 && letters == strings.ToUpper(letters) {
		return strings.ToUpper(repl)
	}
	if r, _ := utf8.DecodeRuneInString(matched); unicode.IsUpper(r) {
		f, n := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(f)) + repl[n:]
	}
	return repl
}

// fixArticle makes an "a" or "an" ending pre agree with repl.
func fixArticle(pre, repl string) string {
	trimmed := strings.TrimRight(pre, " ")
	space := pre[len(trimmed):]
	i := strings.LastIndexFunc(trimmed, func(r rune) bool { return !unicode.IsLetter(r) })
	word := trimmed[i+1:]
	lw := strings.ToLower(word)
	if space == "" || (lw != "a" && lw != "an") {
		return pre
	}
	want := "a"
	if r, _ := utf8.DecodeRuneInString(strings.ToLower(repl)); strings.ContainsRune("aeiou", r) {
		want = "an"
	}
	if word != lw { // A / An
		want = strings.ToUpper(want[:1]) + want[1:]
	}
	return trimmed[:i+1] + want + space
}
