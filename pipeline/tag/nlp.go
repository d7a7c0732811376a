package tag

import (
	"sort"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

type posTok struct{ text, tag string }

// posOK runs the part-of-speech tagger on the candidate's sentence (once
// per sentence per article) and checks the tag of the match's last word.
func (e *Engine) posOK(sc *scratch, part, si int, sentence string, ms, me int, want string) bool {
	key := part<<24 | si
	if sc.pos == nil {
		sc.pos = map[int][]posTok{}
	}
	toks, ok := sc.pos[key]
	if !ok {
		proseMu.Lock()
		doc, err := prose.NewDocument(unquote(sentence), prose.WithExtraction(false), prose.WithSegmentation(false), prose.UsingModel(proseModel()))
		if err == nil {
			for _, t := range doc.Tokens() {
				toks = append(toks, posTok{t.Text, t.Tag})
			}
		}
		proseMu.Unlock()
		if err != nil {
			return true // cannot tell: keep the match rather than lose it silently
		}
		sc.pos[key] = toks
	}
	// The word to check is the last word of the match; count how many times
	// it occurs before the match to pick the right token.
	words := strings.FieldsFunc(sentence[ms:me], func(r rune) bool { return !isLetterOrDigit(r) })
	if len(words) == 0 {
		return true
	}
	last := words[len(words)-1]
	nth := strings.Count(strings.ToLower(sentence[:ms]), strings.ToLower(last))
	for i, t := range toks {
		if !strings.HasPrefix(strings.ToLower(t.text), strings.ToLower(last)) && !strings.HasPrefix(strings.ToLower(last), strings.ToLower(t.text)) || len(t.text) < 2 && len(last) >= 2 {
			continue
		}
		if nth > 0 {
			nth--
			continue
		}
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1].tag
		}
		if i+1 < len(toks) {
			next = toks[i+1].tag
		}
		// prose often calls a noun after a determiner an adjective ("a
		// criminal broke in"); an adjective there must be followed by the
		// noun it modifies, so without one it is the noun.
		bareAdj := strings.HasPrefix(t.tag, "JJ") && !strings.HasPrefix(next, "NN") && !strings.HasPrefix(next, "JJ") &&
			(prev == "DT" || prev == "PRP$" || prev == "JJ" || prev == "CD")
		// An agent noun ("offenders", "prisoner") is not a verb whatever
		// the tagger says after an adjective or a noun ("adult offenders").
		agent := want == "noun" && !strings.HasPrefix(prev, "MD") && prev != "TO" && agentNoun(last)
		switch want {
		case "noun":
			return strings.HasPrefix(t.tag, "NN") || bareAdj || agent
		case "verb":
			return strings.HasPrefix(t.tag, "VB")
		case "adjective":
			return strings.HasPrefix(t.tag, "JJ") && !bareAdj
		}
		return true
	}
	return true
}

// unquote blanks out quote marks (keeping apostrophes inside words):
// prose's tokenizer glues curly quotes to words ("‘an" → 'an/MD), which
// ruins the tags of the words around them.
func unquote(s string) string {
	var b strings.Builder
	prev := rune(0)
	rs := []rune(s)
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case isDoubleQuote(r), r == '‘', r == '‚', r == '‹', r == '›':
			b.WriteByte(' ')
		case isApostrophe(r) && !(isLetterOrDigit(prev) && isLetterOrDigit(next)):
			b.WriteByte(' ')
		case isApostrophe(r):
			b.WriteByte('\'')
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// gazetteer finds known names (prisons, courts, forces, bodies) with its
// own small automaton over the same normalised text.
type gazetteer struct {
	ac     *automaton
	names  []string
	types  []string
	byName map[string]string // normalised name → type
}

func newGazetteer(g map[string]string) *gazetteer {
	if len(g) == 0 {
		return nil
	}
	gz := &gazetteer{byName: map[string]string{}}
	keys := make([]string, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pats []string
	seen := map[string]bool{}
	for _, k := range keys {
		v := normaliseString(k)
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		gz.byName[v] = g[k]
		pats = append(pats, v)
		gz.names = append(gz.names, k)
		gz.types = append(gz.types, g[k])
	}
	gz.ac = buildAutomaton(pats)
	return gz
}

// proseModel loads prose's tagger and entity model once: prose.NewDocument
// without a model loads it afresh, about half a second each time.
var proseModel = sync.OnceValue(func() *prose.Model {
	doc, err := prose.NewDocument("framewatch", prose.WithSegmentation(false))
	if err != nil {
		panic("tag: loading the prose model: " + err.Error())
	}
	return doc.Model
})

// proseMu serialises use of the shared model: prose does not document it
// as safe for concurrent use.
var proseMu sync.Mutex

func isGazType(t string) bool { return t != "PERSON" && t != "PLACE" }

func agentNoun(w string) bool {
	w = strings.ToLower(w)
	for _, suf := range []string{"ers", "er", "ors", "or", "ers'", "er's"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}
