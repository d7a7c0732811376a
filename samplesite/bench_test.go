package samplesite

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The site must never be what limits a crawl benchmark (target: 100
// articles/s end to end), so serving a page should cost well under a
// millisecond.
func BenchmarkServe(b *testing.B) {
	site := New(Options{})
	paths := map[string]string{
		"article-utf8":   "/courier/news/monster-caged-canal-killer-life/",
		"article-cp1252": "/chronicle/news/crime/burglary-spree-admitted.html",
		"feed-rss":       "/gazette/crime/rss.xml",
		"feed-json":      "/justiceweekly/feed.json",
		"listing":        "/chronicle/news/crime/",
	}
	for name, path := range paths {
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080"+path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				site.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: status %d", path, w.Code)
				}
			}
		})
	}
}
