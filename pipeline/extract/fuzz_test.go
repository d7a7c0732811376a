package extract

import (
	"strings"
	"testing"
	"time"
)

// FuzzExtract: any bytes give a result, never a panic, and the result keeps
// the invariants the crawler and tagger rely on.
func FuzzExtract(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, and minimising a
	// whole article page takes longer than a short fuzzing run.
	for _, s := range []string{
		`<html lang="en-GB"><head><title>A | B</title><meta name="author" content="By Jane Roe, Crime reporter"></head>` +
			`<body><nav>Home</nav><article><h1>A</h1><p>One two three.</p><blockquote>Quoted</blockquote></article></body></html>`,
		"", "<", "<html><body><p>a<br><br><br>b</p></body></html>",
		`<div>x<br><br><q>y<q>z</q></q><blockquote></blockquote><br></div>`,
		`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":1},null],"datePublished":[]}]}</script>`,
		`<meta property="article:published_time" content="9999-99-99"><time datetime="1e9">`,
		`<link rel=canonical href="//other.example/x"><meta property=og:url content="http://[::1">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		r, err := Extract(page, "https://example.org/news/a")
		if err != nil {
			t.Fatalf("Extract error for a valid page URL: %v", err)
		}
		if strings.Contains(r.Text, "\n\n\n") {
			t.Errorf("Text has an empty paragraph: %q", r.Text)
		}
		for _, p := range strings.Split(r.Text, "\n\n") {
			if p != strings.TrimSpace(p) {
				t.Errorf("paragraph not trimmed: %q", p)
			}
		}
		if !r.PublishedAt.IsZero() && r.PublishedAt.Location() != time.UTC {
			t.Errorf("PublishedAt not UTC: %v", r.PublishedAt)
		}
		if len(r.Lang) != 2 {
			t.Errorf("Lang = %q", r.Lang)
		}
		if r.Kind != KindNews && r.Kind != KindOpinion && r.Kind != KindLetter {
			t.Errorf("Kind = %q", r.Kind)
		}
		if !strings.HasPrefix(r.CanonicalURL, "http") {
			t.Errorf("CanonicalURL = %q", r.CanonicalURL)
		}
		if r.Empty == (r.Reason == "") {
			t.Errorf("Empty = %v with Reason %q", r.Empty, r.Reason)
		}
	})
}
