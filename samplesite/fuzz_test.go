package samplesite

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// FuzzServe feeds the handler arbitrary paths and validators: whatever a
// client sends, the site answers with a sane status and never panics, and
// it only says 304 to a request that asked conditionally.
func FuzzServe(f *testing.F) {
	f.Add("/gazette/crime/rss.xml", `"abc"`, "Mon, 02 Jan 2006 15:04:05 GMT")
	f.Add("/justiceweekly/feed.json", "*", "")
	f.Add("/courier/news/prisons-holiday-camp-ex-governor", "", "not a date")
	f.Add("/chronicle/news/crime/../../robots.txt", `W/"x", "y"`, "Sun, 06 Nov 1994 08:49:37 GMT")
	f.Add("/dispatch/static/style.css", "", "")
	f.Add("/%00/amp/", ",,,", "Thu, 01 Jan 3000 00:00:00 GMT")
	site := New(Options{SlowDelay: time.Millisecond})
	f.Fuzz(func(t *testing.T, path, inm, ims string) {
		u := &url.URL{Scheme: "http", Host: "127.0.0.1:8080", Path: "/" + path}
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
		req.URL = u
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		if ims != "" {
			req.Header.Set("If-Modified-Since", ims)
		}
		w := httptest.NewRecorder()
		site.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusMovedPermanently, http.StatusNotFound:
		case http.StatusNotModified:
			if inm == "" && ims == "" {
				t.Errorf("%q: 304 without a conditional header", path)
			}
		default:
			t.Errorf("%q: status %d", path, w.Code)
		}
	})
}
