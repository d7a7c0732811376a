package relevance

import (
	"strings"
	"testing"

	"github.com/framewatch/framewatch/rules"
)

// FuzzLoad: any rule file loads or fails with a file:line error, never a
// panic, and a loaded filter judges text without panicking.
func FuzzLoad(f *testing.F) {
	f.Add(string(rules.RelevanceYAML[:min(len(rules.RelevanceYAML), 3000)]))
	f.Add("version: 1\ncues:\n  - {id: a, weight: 2, patterns: [\"cop #\", \"x*\", \"a * b\"], cased: [CPS]}\n")
	f.Add("version: 1\nsets: {s: [a]}\ncues:\n  - id: a\n    weight: 1\n    patterns: [a]\n    suppress:\n      - {near: [\"@s\"], scope: item, unless: [b]}\n")
	f.Fuzz(func(t *testing.T, src string) {
		flt, err := Load([]byte(src), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		flt.Judge("Man jailed after CPS charge", "Police arrested him. The court heard it.", "x y z", false)
	})
}

// FuzzJudge: any text is judged without a panic, and the verdict is
// consistent with its own score.
func FuzzJudge(f *testing.F) {
	for _, s := range []string{"Man jailed for six years", "Sheriff's office: it's 'prison'…", "COP 29\n\nCPS. CPS!", "", "’s ’ '", "a\u00a0b—c"} {
		f.Add(s, s, false)
	}
	flt := defaultFilter(f)
	f.Fuzz(func(t *testing.T, title, body string, feedOnly bool) {
		v := flt.Judge(title, body, body, feedOnly)
		if v.Keep && v.Reason != "anchor" && v.Reason != "score" {
			t.Fatalf("kept with reason %q", v.Reason)
		}
		if v.Reason == "score" && v.Score < 3 {
			t.Fatalf("kept on score %.2f", v.Score)
		}
	})
}
