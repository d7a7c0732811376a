package examples

import (
	"strings"
	"testing"
)

// Every short text over an alphabet of letters, breaks, stops and odd
// spaces: the shown sentence is always a piece of the text (the fuzzer
// found a break glued away between the match and its neighbour).
func TestContextShortTextsExhaustive(t *testing.T) {
	alpha := []string{"A", "0", " ", "\n", ".", "\t", "\r", "\v", "\u0085", "”", "a"}
	var rec func(s string, d int)
	n := 0
	rec = func(text string, d int) {
		for start := 0; start < len(text); start++ {
			for end := start + 1; end <= len(text); end++ {
				matched := text[start:end]
				for _, sentence := range []string{"", "A0 0"} {
					_, pre, m, post, _ := Context(text, start, end, matched, sentence)
					if m != "" && !strings.Contains(strings.Join(strings.Fields(text+" "+sentence), " "), strings.Join(strings.Fields(pre+m+post), " ")) {
						if n < 5 {
							t.Errorf("text %q [%d,%d] -> %q %q %q", text, start, end, pre, m, post)
						}
						n++
					}
				}
			}
		}
		if d == 0 {
			return
		}
		for _, a := range alpha {
			rec(text+a, d-1)
		}
	}
	rec("", 4)
}
