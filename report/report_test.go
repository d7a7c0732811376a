package report

import (
	"strings"
	"testing"
	"time"
)

func TestParseWeek(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	for _, c := range []struct {
		in         string
		start, end string // in London
		err        bool
	}{
		{"2026-W47", "2026-11-16 00:00 GMT", "2026-11-23 00:00 GMT", false},
		{"2026w01", "2025-12-29 00:00 GMT", "2026-01-05 00:00 GMT", false},
		{"2020-W53", "2020-12-28 00:00 GMT", "2021-01-04 00:00 GMT", false},
		{"2026-W13", "2026-03-23 00:00 GMT", "2026-03-30 00:00 BST", false}, // clocks go forward on the 29th
		{"2025-W53", "", "", true}, // 2025 has 52 weeks
		{"2026-W0", "", "", true},
		{"W47", "", "", true},
		{"2026-47", "", "", true},
	} {
		p, err := ParseWeek(c.in, london)
		if (err != nil) != c.err {
			t.Errorf("ParseWeek(%q) error = %v", c.in, err)
			continue
		}
		if c.err {
			continue
		}
		if got := p.Start.Format("2006-01-02 15:04 MST"); got != c.start {
			t.Errorf("ParseWeek(%q) starts %s, want %s", c.in, got, c.start)
		}
		if got := p.End.Format("2006-01-02 15:04 MST"); got != c.end {
			t.Errorf("ParseWeek(%q) ends %s, want %s", c.in, got, c.end)
		}
	}
}

func TestLastCompleteWeekAndBefore(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	// Monday 07:00 of W48: the last complete week is W47.
	p := LastCompleteWeek(time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC), london)
	if p.Label != "2026-W47" {
		t.Errorf("last complete week = %s", p.Label)
	}
	// Sunday 23:30 UTC of W47 is 23:30 GMT, still W47: the last complete is W46.
	if p := LastCompleteWeek(time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), london); p.Label != "2026-W46" {
		t.Errorf("last complete week on Sunday night = %s", p.Label)
	}
	// The 4 weeks before W45 cross the end of BST (25 Oct): each starts on a Monday at 00:00 London.
	w45, _ := ParseWeek("2026-W45", london)
	var labels []string
	for _, b := range w45.Before(4) {
		labels = append(labels, b.Label)
		if b.Start.In(london).Weekday() != time.Monday || b.Start.In(london).Hour() != 0 {
			t.Errorf("%s starts %v", b.Label, b.Start.In(london))
		}
	}
	if got := strings.Join(labels, ","); got != "2026-W41,2026-W42,2026-W43,2026-W44" {
		t.Errorf("Before(4) = %s", got)
	}
}

func TestDays(t *testing.T) {
	p, err := Days("2026-11-01", "2026-11-07", time.UTC)
	if err != nil || !p.End.Equal(time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Days = %+v, %v", p, err)
	}
	if _, err := Days("2026-11-07", "2026-11-01", time.UTC); err == nil {
		t.Error("--to before --from must be an error")
	}
	if _, err := Days("yesterday", "2026-11-01", time.UTC); err == nil || !strings.Contains(err.Error(), "--from") {
		t.Errorf("bad --from: %v", err)
	}
}

func TestCompare(t *testing.T) {
	c := Compare(5, []float64{1, 0, 1, 1})
	if c.Baseline != 0.75 || c.Delta != 4.25 || c.Pct == nil || *c.Pct < 566 || *c.Pct > 567 {
		t.Errorf("Compare = %+v", c)
	}
	if c := Compare(3, []float64{0, 0}); c.Pct != nil || c.Delta != 3 {
		t.Errorf("zero baseline: %+v", c)
	}
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"<script>alert(1)</script>": `\<script\>alert\(1\)\</script\>`,
		"a | b *c* _d_ [e](f)":      `a \| b \*c\* \_d\_ \[e\]\(f\)`,
		"AT&amp;T":                  `AT\&amp;T`,
		"- item":                    `\- item`,
		"1. first":                  `1\. first`,
		"x-ray 1.5":                 "x-ray 1.5",
		"two\nlines  here ":         "two lines here ",
		"# heading":                 `\# heading`,
	} {
		if got := MarkdownEscape(in); got != want {
			t.Errorf("MarkdownEscape(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"https://x.example/a (b)":  "https://x.example/a%20%28b%29",
		"javascript:alert(1)":      "",
		"data:text/html,<b>":       "",
		"http://x.example/[a]|*":   "http://x.example/%5Ba%5D%7C%2A",
		"  https://x.example/ok  ": "https://x.example/ok",
	} {
		if got := MarkdownURL(in); got != want {
			t.Errorf("MarkdownURL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := MarkdownLink("[x](javascript:y)", "javascript:alert(1)"); got != `\[x\]\(javascript:y\)` {
		t.Errorf("MarkdownLink with a bad URL = %q", got)
	}
}

// Whatever scraped text holds, the escaped form has no unescaped character
// that starts Markdown or HTML markup, and no line break.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"<script>x</script>", "[a](b)", "*b* _i_ `c`", "| t |", "&amp;", "1. x", "- y", "\\*", "é\u00a0ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := MarkdownEscape(s)
		if strings.ContainsAny(out, "\n\r") {
			t.Fatalf("line break in %q", out)
		}
		escaped := false
		for _, r := range out {
			if escaped {
				escaped = false
				continue
			}
			if r == '\\' {
				escaped = true
				continue
			}
			if strings.ContainsRune("<>[]()*_`|&!#{}~\"", r) {
				t.Fatalf("unescaped %q in %q (from %q)", r, out, s)
			}
		}
	})
}
