package examples

import (
	"strings"
	"testing"
)

// Stored text and offsets come from outside (scraped pages, older rule
// versions): Context must never panic, and what it returns must be the
// match in its sentence.
func FuzzContext(f *testing.F) {
	f.Add("First. The offender ran!\n\nNext.", 11, 19, "offender", "The offender ran!")
	f.Add("“Lags,” he said… Then?", 3, 7, "Lags", "")
	f.Add("short", 10, 2, "x", "no x here")
	f.Add("a.b. c", 0, 1, "a", "")
	f.Add("AAA\nA", 2, 3, "A", "")
	f.Add("AAA.\u0085", 0, 5, "AAA.\xc2", "")
	f.Fuzz(func(t *testing.T, text string, start, end int, matched, sentence string) {
		_, pre, m, post, _ := Context(text, start, end, matched, sentence)
		if m != "" && !strings.EqualFold(m, matched) {
			t.Fatalf("match %q is not %q", m, matched)
		}
		if m != "" && !strings.Contains(strings.Join(strings.Fields(text+" "+sentence), " "), strings.Join(strings.Fields(pre+m+post), " ")) {
			t.Fatalf("sentence %q is not from the text or the stored sentence", pre+m+post)
		}
		if m == "" && pre != sentence {
			t.Fatalf("without a match the stored sentence is shown: %q", pre)
		}
	})
}

func FuzzRewrite(f *testing.F) {
	f.Add("An ", "offender", " ran.", "person with a conviction")
	f.Add("", "LAGS'", "", "prisoner")
	f.Add("a ", "ß", "", "übel")
	f.Fuzz(func(t *testing.T, pre, matched, post, alt string) {
		out, ok := Rewrite(pre, matched, post, alt)
		if ok && matched == "" {
			t.Fatalf("rewrite without a match")
		}
		if ok && !strings.HasSuffix(out, post) {
			t.Fatalf("rewrite %q lost the rest of the sentence %q", out, post)
		}
	})
}
