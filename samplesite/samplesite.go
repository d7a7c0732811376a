package samplesite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultSlowDelay is how long the slow page takes to answer when Options
// leaves SlowDelay zero: longer than a test's fetch timeout should be, short
// enough that `framewatch demo` (20s timeout) still gets the page.
const DefaultSlowDelay = 3 * time.Second

// Options tune the site for a test.
type Options struct {
	// SlowDelay is how long the slow article page waits before answering
	// (DefaultSlowDelay when zero). Set it above the crawler's timeout to
	// exercise the timeout path.
	SlowDelay time.Duration
	// Now, when set, moves every date the site serves (pages, feeds,
	// listings, Last-Modified) by a whole number of weeks, so that the
	// newest sample article falls in the last complete week before Now:
	// framewatch demo then has a full digest and trends on any day. The
	// ground truth (Expect, ExpectedURLs) keeps the unshifted dates; add
	// Site.Shift to compare. Zero keeps the fixed November 2026 dates the
	// tests are written against.
	Now time.Time
}

// Site serves the sample web and counts the requests it gets, so tests can
// check what a crawler fetched and whether it asked conditionally.
type Site struct {
	opts  Options
	shift time.Duration

	mu          sync.Mutex
	requests    map[string]int
	conditional map[string]int
	notModified map[string]int
}

// New returns a Site with the given options.
func New(opts Options) *Site {
	if opts.SlowDelay <= 0 {
		opts.SlowDelay = DefaultSlowDelay
	}
	mustLoad()
	return &Site{
		opts:        opts,
		shift:       ShiftFor(opts.Now),
		requests:    map[string]int{},
		conditional: map[string]int{},
		notModified: map[string]int{},
	}
}

// Handler returns the sample site with default options.
func Handler() http.Handler { return New(Options{}) }

// HandlerWith returns the sample site with the given options.
func HandlerWith(opts Options) http.Handler { return New(opts) }

// Shift is how far the site moves its dates (see Options.Now).
func (s *Site) Shift() time.Duration { return s.shift }

// ShiftFor is the whole number of weeks that moves the newest sample
// article into the last complete ISO week (Monday to Sunday, UTC) before
// now; zero for a zero now.
func ShiftFor(now time.Time) time.Duration {
	if now.IsZero() {
		return 0
	}
	mustLoad()
	var newest time.Time
	for _, p := range content.pages {
		if p.Published.After(newest) {
			newest = p.Published
		}
	}
	monday := func(t time.Time) time.Time {
		t = t.UTC()
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	target := monday(now).AddDate(0, 0, -7)
	weeks := int(target.Sub(monday(newest)).Hours()/24) / 7
	return time.Duration(weeks) * 7 * 24 * time.Hour
}

// SlowDelay reports how long the slow page waits.
func (s *Site) SlowDelay() time.Duration { return s.opts.SlowDelay }

// Requests reports how many requests the site got for path (no query).
func (s *Site) Requests(path string) int { return s.count(s.requests, path) }

// Conditional reports how many requests for path carried If-None-Match or
// If-Modified-Since.
func (s *Site) Conditional(path string) int { return s.count(s.conditional, path) }

// NotModified reports how many requests for path were answered 304.
func (s *Site) NotModified(path string) int { return s.count(s.notModified, path) }

// Reset forgets all counts, e.g. between a first and a second crawl.
func (s *Site) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.requests)
	clear(s.conditional)
	clear(s.notModified)
}

func (s *Site) count(m map[string]int, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return m[path]
}

func (s *Site) record(m map[string]int, path string) {
	s.mu.Lock()
	m[path]++
	s.mu.Unlock()
}

// ServeHTTP routes a request to a feed, a page, a listing or a file.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	s.record(s.requests, path)
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.record(s.conditional, path)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	base := baseOf(r)
	c := content

	switch {
	case path == "/robots.txt":
		s.serveBytes(w, r, "text/plain; charset=utf-8", c.robots, time.Time{}, false)
	case c.feeds[path] != nil:
		f := c.feeds[path]
		if f.format == "listing" {
			s.serveListing(w, r, f, base)
			return
		}
		body, ctype := renderFeed(f, base, s.shift)
		s.serveBytes(w, r, ctype, body, shifted(f.modified, s.shift), true)
	case c.byPath[path] != nil:
		a := c.byPath[path]
		if a.slow && !s.wait(r) {
			return
		}
		s.servePage(w, r, a, base, false)
	case c.byAMP[path] != nil:
		s.servePage(w, r, c.byAMP[path], base, true)
	case c.files[path] != nil:
		f := c.files[path]
		s.serveBytes(w, r, f.ctype, f.data, shifted(f.modified, s.shift), false)
	case c.stubs[path] != "":
		s.serveStub(w, r, path, base)
	case strings.Contains(path, "/static/"):
		s.serveAsset(w, r, path)
	case !strings.HasSuffix(path, "/") && (c.byPath[path+"/"] != nil || c.feeds[path+"/"] != nil || c.stubs[path+"/"] != ""):
		// WordPress-style permalinks end in a slash and redirect without it.
		target := path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		s.serveNotFound(w, r, path, base)
	}
}

// wait holds the slow page back; it gives up when the client does, so a
// test server can close promptly.
func (s *Site) wait(r *http.Request) bool {
	t := time.NewTimer(s.opts.SlowDelay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// serveBytes answers with conditional-GET support: a strong ETag over the
// exact bytes and, when modified is set, Last-Modified.
func (s *Site) serveBytes(w http.ResponseWriter, r *http.Request, ctype string, body []byte, modified time.Time, conditional bool) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	if conditional {
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", "max-age=300")
		if !modified.IsZero() {
			h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
		}
		if notModified(r, etag, modified) {
			s.record(s.notModified, r.URL.Path)
			delete(h, "Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified applies RFC 9110: If-None-Match wins over If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.Truncate(time.Second).After(t)
	}
	return false
}

func (s *Site) servePage(w http.ResponseWriter, r *http.Request, a *page, base string, amp bool) {
	body, err := renderPage(a, base, amp, s.shift)
	if err != nil {
		http.Error(w, a.Path+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := "text/html; charset=utf-8"
	if a.Charset != "utf-8" {
		ctype = "text/html"
		if a.declare == "header" || a.declare == "both" {
			ctype = "text/html; charset=" + a.Charset
		}
	}
	s.serveBytes(w, r, ctype, body, time.Time{}, false)
}

func (s *Site) serveListing(w http.ResponseWriter, r *http.Request, f *feed, base string) {
	body, err := renderListing(f, base, s.shift)
	if err != nil {
		http.Error(w, f.path+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	s.serveBytes(w, r, "text/html; charset=windows-1252", body, time.Time{}, false)
}

func (s *Site) serveStub(w http.ResponseWriter, r *http.Request, path, base string) {
	var buf bytes.Buffer
	if err := renderStub(&buf, path, base, http.StatusOK); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.serveBytes(w, r, "text/html; charset=utf-8", buf.Bytes(), time.Time{}, false)
}

// serveAsset answers for the stylesheets, scripts and images the pages
// reference, so a browser view of the site is quiet; their content is a
// placeholder.
func (s *Site) serveAsset(w http.ResponseWriter, r *http.Request, path string) {
	switch {
	case strings.HasSuffix(path, ".css"):
		s.serveBytes(w, r, "text/css", []byte("body{font-family:Georgia,serif;max-width:60em;margin:auto}\n"), time.Time{}, false)
	case strings.HasSuffix(path, ".js"):
		s.serveBytes(w, r, "text/javascript", []byte("/* ads */\n"), time.Time{}, false)
	case strings.HasSuffix(path, ".gif") || strings.HasSuffix(path, ".jpg") || strings.HasSuffix(path, ".png"):
		s.serveBytes(w, r, "image/gif", pixel, time.Time{}, false)
	default:
		s.serveNotFound(w, r, path, baseOf(r))
	}
}

// pixel is a 1x1 transparent GIF.
var pixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

func (s *Site) serveNotFound(w http.ResponseWriter, r *http.Request, path, base string) {
	var buf bytes.Buffer
	renderStub(&buf, path, base, http.StatusNotFound)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// baseOf is the scheme and host the client used, which replaces {{base}}.
func baseOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
