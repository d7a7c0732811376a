package digest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/report/reporttest"
)

// seeded builds the W47 digest from the seeded corpus on the test server.
func seeded(t *testing.T) *Digest {
	t.Helper()
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	d, err := Build(context.Background(), st, week(t, "2026-W47", london), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A scraped headline carries a script tag, entities, Markdown link and
// emphasis syntax and a pipe: none of it may become markup.
func TestScrapedTextEscaped(t *testing.T) {
	d := seeded(t)
	if os.Getenv("FRAMEWATCH_KEEP_DIGEST") != "" { // handy when editing the templates
		for _, f := range []string{"html", "md"} {
			WriteFile(d, f, filepath.Join(os.Getenv("FRAMEWATCH_KEEP_DIGEST"), FileName(d, f)))
		}
	}
	html, err := Render(d, "html")
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	if strings.Contains(h, "<script") || strings.Contains(h, `href="javascript:`) {
		t.Errorf("HTML digest contains live script: %s", excerpt(h, "alert"))
	}
	for _, want := range []string{"&lt;script&gt;", "&amp;amp;", `href="https://ng.example/a5"`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML digest lacks %q near %s", want, excerpt(h, "alert"))
		}
	}
	md, err := Render(d, "md")
	if err != nil {
		t.Fatal(err)
	}
	m := string(md)
	for _, bad := range []string{" <script>", "](javascript:", " *jailed*", " &amp; ", " | =cmd"} {
		if strings.Contains(m, bad) {
			t.Errorf("Markdown digest contains unescaped %q: %s", bad, excerpt(m, "alert"))
		}
	}
	want := `\<script\>alert(\"x\")\</script\> Man \&amp; \[link\]\(javascript:alert\(1\)\) \*jailed\* \| =cmd`
	want = strings.Replace(want, `alert(\"x\")`, `alert\(\"x\"\)`, 1)
	if !strings.Contains(m, "["+want+"](https://ng.example/a5)") {
		t.Errorf("Markdown link to a5 not escaped as expected; got %s", excerpt(m, "alert"))
	}
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return "(not found)"
	}
	return s[max(0, i-120):min(len(s), i+160)]
}
