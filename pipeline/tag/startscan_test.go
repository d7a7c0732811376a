package tag

import (
	"math/rand"
	"reflect"
	"regexp"
	"testing"

	"github.com/framewatch/framewatch/rules"
)

// TestStartScanSameMatches: trying a pattern only at its start literals
// finds exactly what FindAllStringIndex finds, for the library's cue
// patterns and patterns chosen to break it, on random texts made of the
// pieces those patterns care about.
func TestStartScanSameMatches(t *testing.T) {
	pats := []string{
		`\b(?:A|AN|THE) [A-Z]{4,}\b|\bAN [a-z]`,
		`(?i)\bwho (?:is|was) (?:serving|jailed)`,
		`\bAN\B|THE`,
		`(?i)the\b`,
		`[ab]c+`,
		`(?:ab|a)(?:c|bc)`,
		`(?i)\bsentences? (?:is|was) too short|\bkings?\b`,
	}
	rs, err := rules.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rs.Frames {
		for _, c := range f.Cues {
			if c.Pattern != "" {
				pats = append(pats, c.Pattern)
			}
		}
	}
	pieces := []string{"A ", "AN ", "THE ", "the ", "The ", "who ", "WHO ", "is ", "was ", "serving", "jailed", "x", "é",
		"\xff", "\xe2\x80", "ab", "c", "bc", "PRISON ", "MONSTER", "an ", " ", ".", "\n", "XAN ", "4 ", "per cent", "K", "k",
		// The runes (?i) matches for k and s: a match can start on them.
		"\u212a", "\u017f", "ing", "s ", "S", "sentence", "SENTENCE", "too short", "only ", "jailed ",
		// Matches of the library's bounded patterns, to be cut short or
		// followed by a letter that undoes their closing \b.
		"since records began", "highest level since", "rose by 4", "in the year to March", "one in three", "two-thirds",
		"a third of all", "jailed for only six months", "sentences are too short", "serving just half of his sentence",
		"since", "records", "in the", "rose by ", "a quarter", "six", "months", "years", "x", "Y", "9", "-"}
	rng := rand.New(rand.NewSource(1))
	used := 0
	for _, p := range pats {
		s := newStartScan(p)
		if s == nil {
			continue
		}
		used++
		re := regexp.MustCompile(p)
		for n := 0; n < 400; n++ {
			var b []byte
			for k := rng.Intn(30); k > 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			w := string(b)
			if got, want := s.findAll(w, 3), re.FindAllStringIndex(w, 3); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: %v, want %v", p, w, got, want)
			}
		}
		if got, want := s.findAll(benchArticle.Text, 3), re.FindAllStringIndex(benchArticle.Text, 3); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on the bench article: %v, want %v", p, got, want)
		}
	}
	if used < 5 {
		t.Fatalf("only %d patterns start with literals", used)
	}
	for _, p := range []string{`^A`, `x*A`, `[A-Z]+`} {
		if newStartScan(p) != nil {
			t.Errorf("%s: scanned by start literals, but a match can start elsewhere or anchors read the text start", p)
		}
	}
}
