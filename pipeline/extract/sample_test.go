package extract

import (
	"bytes"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/pipeline/dedup"
	"github.com/framewatch/framewatch/samplesite"
	"golang.org/x/net/html/charset"
)

// sampleBase is the address the sample site believes it is served at; its
// handler is called directly, no listener needed.
const sampleBase = "http://samplesite.test"

// fetchSample returns a sample-site page decoded to UTF-8, as the fetcher
// would hand it over.
func fetchSample(t testing.TB, path string) []byte {
	t.Helper()
	req := httptest.NewRequest("GET", sampleBase+path, nil)
	rec := httptest.NewRecorder()
	// A one-nanosecond SlowDelay: the slow page is measured like the rest.
	samplesite.HandlerWith(samplesite.Options{SlowDelay: time.Nanosecond}).ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("%s: status %d", path, rec.Code)
	}
	r, err := charset.NewReader(bytes.NewReader(rec.Body.Bytes()), rec.Header().Get("Content-Type"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// samplePages are the samplesite article pages with their ground truth.
func samplePages(t testing.TB) []page {
	var out []page
	for _, a := range samplesite.Articles() {
		out = append(out, page{name: a.ID, url: a.URL(sampleBase), html: fetchSample(t, a.Path), want: a.Body})
	}
	return out
}

// Every sample-site article extracts to its ground truth: metadata exactly,
// every body paragraph present, and nothing from the page furniture.
func TestSampleSiteArticles(t *testing.T) {
	furniture := []string{"cookies", "Cookie settings", "ADVERTISEMENT", "Advertisement", "MOST READ", "Most read",
		"Related stories", "READ MORE", "Got a story?", "Comments are", "Sign me up", "Registered in England",
		"Share on Facebook", "All rights reserved", "house rules"}
	for _, a := range samplesite.Articles() {
		t.Run(a.ID, func(t *testing.T) {
			r, err := Extract(fetchSample(t, a.Path), a.URL(sampleBase))
			if err != nil {
				t.Fatal(err)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", r.Title, a.Title)
			check("Summary", r.Summary, a.Summary)
			check("Byline", r.Byline, a.Byline)
			check("Kind", r.Kind, a.Kind)
			check("CanonicalURL", r.CanonicalURL, a.URL(sampleBase))
			check("Lang", r.Lang, "en")
			if !r.PublishedAt.Equal(a.Published) {
				t.Errorf("PublishedAt = %v, want %v", r.PublishedAt, a.Published)
			}
			if r.Empty {
				t.Fatalf("Empty (%s)", r.Reason)
			}
			for _, p := range a.Paragraphs() {
				if !strings.Contains(r.Text, p) {
					t.Errorf("body lacks paragraph %q", p)
				}
			}
			for _, junk := range furniture {
				if strings.Contains(r.Text, junk) && !strings.Contains(a.Body, junk) {
					t.Errorf("body contains furniture %q", junk)
				}
			}
			if _, _, f := prf(r.Text, a.Body); f < 0.95 {
				t.Errorf("body F1 %.3f < 0.95", f)
			}
		})
	}
}

// Every feed and listing link that reaches an article page — with tracking
// parameters, a fragment, a relative path or an AMP variant — extracts to
// the article's canonical URL once the crawler normalises it.
func TestSampleSiteLinksReachCanonical(t *testing.T) {
	checked := 0
	for _, l := range samplesite.Links() {
		if l.Article == "" || l.Status != 200 {
			continue
		}
		a, _ := samplesite.ArticleByID(l.Article)
		u := l.URL(sampleBase)
		r, err := Extract(fetchSample(t, strings.TrimPrefix(strings.SplitN(u, "#", 2)[0], sampleBase)), u)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dedup.Canonical(r.CanonicalURL)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := dedup.Canonical(a.URL(sampleBase))
		if got != want {
			t.Errorf("link %s: canonical %q, want %q (ground truth %q)", l.Raw, got, want, a.URL(sampleBase))
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d links checked", checked)
	}
}
