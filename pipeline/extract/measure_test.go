package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// page is one fixture page with its expected body text.
type page struct {
	name, url string
	html      []byte
	want      string
}

// localPages are the hand-written pages in testdata/: every foo.html with a
// foo.txt holding the expected body.
func localPages(t testing.TB) []page {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var out []page
	for _, f := range files {
		want, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".txt")
		if err != nil {
			continue // a page with no body, e.g. the paywall page
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		out = append(out, page{name: name, url: "https://fixture.example/news/" + name, html: b, want: string(want)})
	}
	return out
}

// tokens splits text into lower-cased words, ignoring punctuation, the
// unit of the precision/recall figures in docs/extraction.md.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// prf is bag-of-words precision, recall and F1 of got against want.
func prf(got, want string) (p, r, f float64) {
	g, w := tokens(got), tokens(want)
	count := map[string]int{}
	for _, t := range w {
		count[t]++
	}
	common := 0
	for _, t := range g {
		if count[t] > 0 {
			count[t]--
			common++
		}
	}
	if len(g) == 0 || len(w) == 0 {
		if len(g) == len(w) {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	p = float64(common) / float64(len(g))
	r = float64(common) / float64(len(w))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

type score struct{ p, r, f float64 }

func measure(t testing.TB, pages []page, e engine, tidied, verbose bool) score {
	var sum score
	for _, pg := range pages {
		doc, err := html.Parse(bytes.NewReader(pg.html))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(pg.url)
		m := readMeta(doc)
		paras := body(doc, u, e)
		if tidied {
			paras = tidy(paras, m.headline(), nil)
		}
		got := strings.Join(paras, "\n\n")
		p, r, f := prf(got, pg.want)
		if verbose && f < 0.97 {
			t.Logf("%s %s: P=%.3f R=%.3f F1=%.3f\n--- got:\n%s\n--- want:\n%s", e, pg.name, p, r, f, got, pg.want)
		}
		sum.p += p
		sum.r += r
		sum.f += f
	}
	n := float64(len(pages))
	return score{sum.p / n, sum.r / n, sum.f / n}
}

// TestMeasureEngines prints the per-engine figures for docs/extraction.md
// (go test -run MeasureEngines -v) and fails if the chosen engine drops
// below the target.
func TestMeasureEngines(t *testing.T) {
	pages := append(localPages(t), samplePages(t)...)
	if len(pages) == 0 {
		t.Fatal("no fixture pages")
	}
	verbose := os.Getenv("EXTRACT_VERBOSE") != ""
	for _, e := range []engine{engineTrafilaturaRaw, engineTrafilatura, engineReadability, engineCombined} {
		for _, tidied := range []bool{false, true} {
			s := measure(t, pages, e, tidied, verbose)
			t.Logf("%-16s tidy=%-5v pages=%d precision=%.3f recall=%.3f F1=%.3f", e, tidied, len(pages), s.p, s.r, s.f)
			if e == engineCombined && tidied && s.f < 0.95 {
				t.Errorf("combined engine F1 %.3f < 0.95", s.f)
			}
		}
	}
}
