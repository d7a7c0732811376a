package extract

import (
	"bytes"
	"io"
	"net/http/httptest"
	"testing"
	"time"

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
