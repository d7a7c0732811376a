package samplesite

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/framewatch/framewatch/news"
)

// newServer serves the site with a short slow-page delay so tests that
// touch the slow page stay quick.
func newServer(t *testing.T) (*httptest.Server, *Site) {
	t.Helper()
	site := New(Options{SlowDelay: 100 * time.Millisecond})
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	return srv, site
}

func get(t *testing.T, client *http.Client, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return resp, body
}

func TestLoad(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.pages); n < 20 {
		t.Errorf("%d article pages, want at least 20", n)
	}
	for _, p := range c.pages {
		words := len(strings.Fields(p.Body))
		if p.Relevant && (words < 250 || words > 950) {
			t.Errorf("%s: %d words of body, want a realistic 250-950", p.ID, words)
		}
		for i, para := range p.Paragraphs() {
			if strings.TrimSpace(para) == "" || strings.Contains(para, "{{") || strings.Contains(para, "](") {
				t.Errorf("%s: paragraph %d is empty or holds unrendered markup: %q", p.ID, i, para)
			}
		}
		if p.Kind != "news" && p.Kind != "opinion" && p.Kind != "letter" {
			t.Errorf("%s: kind %q", p.ID, p.Kind)
		}
	}
}

func TestParseArticleErrors(t *testing.T) {
	outs := outlets()
	tests := []struct {
		name, raw, want string
	}{
		{"no separator", "id: x\n", "no \"---\""},
		{"bad line", "id x\n---\nbody\n", ":1: want \"key: value\""},
		{"unknown key", "id: x\ncolour: red\n---\nbody\n", ":2: unknown key \"colour\""},
		{"unknown outlet", "outlet: nowhere\n---\nbody\n", "unknown outlet"},
		{"bad date", "published: yesterday\n---\nbody\n", "published:"},
		{"missing title", "id: x\noutlet: gazette\npath: /gazette/x\n---\nbody\n", "required"},
		{"path outside outlet", "id: x\noutlet: gazette\npath: /courier/x\ntitle: T\n---\nbody\n", "not under /gazette/"},
		{"legacy charset undeclared", "id: x\noutlet: chronicle\npath: /chronicle/x\ntitle: T\ncharset: windows-1252\n---\nbody\n", "needs declare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseArticle("f.txt", tt.raw, outs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "f.txt") {
				t.Errorf("err = %v, want it to name the file", err)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain.", "Plain."},
		{"See [the report]({{base}}/x) now.", "See the report now."},
		{"> Lock them all up!!", "Lock them all up!!"},
		{"Q: Why?", "Q: Why?"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Minimal feed shapes, decoded with encoding/xml and encoding/json rather
// than the crawler's parser, so the fixtures are checked independently.
type rss2 struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Items   []struct {
		Title   string `xml:"title"`
		Link    string `xml:"link"`
		PubDate string `xml:"pubDate"`
	} `xml:"channel>item"`
}

type rdf struct {
	XMLName xml.Name `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# RDF"`
	Items   []struct {
		Title string `xml:"http://purl.org/rss/1.0/ title"`
		Link  string `xml:"http://purl.org/rss/1.0/ link"`
		Date  string `xml:"http://purl.org/dc/elements/1.1/ date"`
	} `xml:"http://purl.org/rss/1.0/ item"`
}

type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Entries []struct {
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Published string `xml:"published"`
	} `xml:"entry"`
}

type jsonFeedDoc struct {
	Version string `json:"version"`
	Items   []struct {
		URL           string `json:"url"`
		Title         string `json:"title"`
		DatePublished string `json:"date_published"`
	} `json:"items"`
}

type feedEntry struct{ title, link, date string }

func parseFeed(t *testing.T, ctype string, body []byte) []feedEntry {
	t.Helper()
	var out []feedEntry
	switch {
	case strings.HasPrefix(ctype, "application/rss+xml"):
		var f rss2
		if err := xml.Unmarshal(body, &f); err != nil {
			t.Fatalf("RSS 2.0: %v", err)
		}
		if f.Version != "2.0" {
			t.Errorf("rss version %q", f.Version)
		}
		for _, it := range f.Items {
			out = append(out, feedEntry{it.Title, it.Link, it.PubDate})
		}
	case strings.HasPrefix(ctype, "application/rdf+xml"):
		var f rdf
		if err := xml.Unmarshal(body, &f); err != nil {
			t.Fatalf("RSS 1.0: %v", err)
		}
		for _, it := range f.Items {
			out = append(out, feedEntry{it.Title, it.Link, it.Date})
		}
	case strings.HasPrefix(ctype, "application/atom+xml"):
		var f atom
		if err := xml.Unmarshal(body, &f); err != nil {
			t.Fatalf("Atom: %v", err)
		}
		for _, e := range f.Entries {
			out = append(out, feedEntry{e.Title, e.Link.Href, e.Published})
		}
	case strings.HasPrefix(ctype, "application/feed+json"):
		var f jsonFeedDoc
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatalf("JSON Feed: %v", err)
		}
		if f.Version != "https://jsonfeed.org/version/1.1" {
			t.Errorf("JSON Feed version %q", f.Version)
		}
		for _, it := range f.Items {
			out = append(out, feedEntry{it.Title, it.URL, it.DatePublished})
		}
	default:
		t.Fatalf("unexpected feed content type %q", ctype)
	}
	return out
}

// TestFeedsParse checks every feed parses and lists exactly the links the
// ground truth says, in order, with titles and dates.
func TestFeedsParse(t *testing.T) {
	srv, _ := newServer(t)
	base := srv.URL
	links := Links()
	formats := map[string]bool{}
	for _, src := range Sources(base) {
		if src.Kind != "rss" {
			continue
		}
		t.Run(src.Name, func(t *testing.T) {
			resp, body := get(t, srv.Client(), src.URL)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			ctype := resp.Header.Get("Content-Type")
			formats[strings.SplitN(ctype, ";", 2)[0]] = true
			entries := parseFeed(t, ctype, body)
			var want []Link
			from := strings.TrimPrefix(src.URL, base)
			for _, l := range links {
				if l.From == from {
					want = append(want, l)
				}
			}
			if len(entries) != len(want) {
				t.Fatalf("%d entries, ground truth has %d", len(entries), len(want))
			}
			for i, e := range entries {
				w := want[i]
				if e.title != w.Title {
					t.Errorf("entry %d title %q, want %q", i, e.title, w.Title)
				}
				if raw := strings.ReplaceAll(w.Raw, "{{base}}", base); e.link != raw {
					t.Errorf("entry %d link %q, want %q", i, e.link, raw)
				}
				if (e.date == "") != w.Published.IsZero() {
					t.Errorf("entry %d date %q, ground truth %v", i, e.date, w.Published)
				}
			}
		})
	}
	for _, f := range []string{"application/rss+xml", "application/rdf+xml", "application/atom+xml", "application/feed+json"} {
		if !formats[f] {
			t.Errorf("no feed served as %s", f)
		}
	}
}

// TestLinksResolve fetches every feed and listing link and checks the
// status the ground truth promises and that article pages declare the
// article's canonical URL.
func TestLinksResolve(t *testing.T) {
	srv, _ := newServer(t)
	base := srv.URL
	for _, l := range Links() {
		u := l.URL(base)
		resp, body := get(t, srv.Client(), u)
		if resp.StatusCode != l.Status {
			t.Errorf("%s (from %s): status %d, want %d", u, l.From, resp.StatusCode, l.Status)
			continue
		}
		if l.Article == "" {
			continue
		}
		a, ok := ArticleByID(l.Article)
		if !ok {
			t.Fatalf("link %s names unknown article %q", u, l.Article)
		}
		doc := parseHTML(t, body, a.Charset)
		if got := canonicalOf(doc); got != a.URL(base) {
			t.Errorf("%s: canonical %q, want %q", u, got, a.URL(base))
		}
		if !slices.Contains(a.LinkedFrom, l.From) {
			t.Errorf("%s: LinkedFrom %v lacks %s", a.ID, a.LinkedFrom, l.From)
		}
	}
}

// bodySelectors name each outlet's body container, and clutter the classes
// of in-body elements that are not part of the article.
var (
	bodyContainer = map[string]string{
		"Northern Gazette":     "article-body",
		"The Daily Courier":    "story-body",
		"Justice Weekly":       "post-content",
		"The Capital Dispatch": "entry-content",
		"Eastmoor Chronicle":   "storytext",
	}
	clutter = []string{"read-more", "got-a-story", "jp-related-inline", "sharedaddy", "jp-relatedposts", "inline-ad", "ad"}
)

// TestBodies checks each ground-truth body against the served page: every
// paragraph appears in the page, and the body container holds exactly those
// paragraphs once the in-body clutter is set aside.
func TestBodies(t *testing.T) {
	srv, _ := newServer(t)
	base := srv.URL
	for _, a := range Articles() {
		t.Run(a.ID, func(t *testing.T) {
			resp, body := get(t, srv.Client(), a.URL(base))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			doc := parseHTML(t, body, a.Charset)
			all := map[string]bool{}
			for _, b := range blocks(doc, nil) {
				all[b] = true
			}
			for i, p := range a.Paragraphs() {
				if !all[p] {
					t.Errorf("paragraph %d not served as a block: %q", i, p)
				}
			}
			container := findByClass(doc, bodyContainer[a.Outlet])
			if container == nil {
				t.Fatalf("no body container .%s", bodyContainer[a.Outlet])
			}
			got := blocks(container, clutter)
			if !slices.Equal(got, a.Paragraphs()) {
				t.Errorf("body container paragraphs differ from ground truth\n got: %q\nwant: %q", got, a.Paragraphs())
			}
			// The boilerplate around the body must not leak into the truth.
			for _, cs := range comments {
				for _, c := range cs {
					if strings.Contains(a.Body, c.Text) {
						t.Errorf("body contains a reader comment: %q", c.Text)
					}
				}
			}
			if h1 := textOf(findTag(doc, "h1")); h1 != a.Title {
				t.Errorf("h1 %q, want title %q", h1, a.Title)
			}
			if a.Byline != "" && !strings.Contains(normSpace(textOf(doc)), a.Byline) {
				t.Errorf("byline %q not on the page", a.Byline)
			}
		})
	}
}

// TestConditionalGet checks every feed answers 304 to a matching
// If-None-Match or a current If-Modified-Since, and that the counters see it.
func TestConditionalGet(t *testing.T) {
	srv, site := newServer(t)
	for _, src := range Sources(srv.URL) {
		if src.Kind != "rss" {
			continue
		}
		t.Run(src.Name, func(t *testing.T) {
			path := strings.TrimPrefix(src.URL, srv.URL)
			resp, _ := get(t, srv.Client(), src.URL)
			etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if etag == "" || lastMod == "" {
				t.Fatalf("ETag %q, Last-Modified %q: want both", etag, lastMod)
			}
			tests := []struct {
				name   string
				header []string
				want   int
			}{
				{"etag", []string{"If-None-Match", etag}, http.StatusNotModified},
				{"weak etag in list", []string{"If-None-Match", `"x", W/` + etag}, http.StatusNotModified},
				{"last-modified", []string{"If-Modified-Since", lastMod}, http.StatusNotModified},
				{"stale etag", []string{"If-None-Match", `"stale"`}, http.StatusOK},
				{"older date", []string{"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"}, http.StatusOK},
			}
			for _, tt := range tests {
				resp, body := get(t, srv.Client(), src.URL, tt.header...)
				if resp.StatusCode != tt.want {
					t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
				}
				if tt.want == http.StatusNotModified && len(body) != 0 {
					t.Errorf("%s: 304 with a body", tt.name)
				}
			}
			if got := site.Requests(path); got != 6 {
				t.Errorf("Requests = %d, want 6", got)
			}
			if got := site.Conditional(path); got != 5 {
				t.Errorf("Conditional = %d, want 5", got)
			}
			if got := site.NotModified(path); got != 3 {
				t.Errorf("NotModified = %d, want 3", got)
			}
		})
	}
	site.Reset()
	if site.Requests("/justiceweekly/feed.json") != 0 {
		t.Error("Reset left counts")
	}
}

// TestETagDependsOnBase: the same feed on two addresses has different bytes,
// so a cached validator from one must not match the other.
func TestETagDependsOnBase(t *testing.T) {
	site := New(Options{})
	etag := func(host string) string {
		r := httptest.NewRequest(http.MethodGet, "http://"+host+"/courier/crime/atom.xml", nil)
		w := httptest.NewRecorder()
		site.ServeHTTP(w, r)
		return w.Header().Get("ETag")
	}
	if a, b := etag("127.0.0.1:1"), etag("127.0.0.1:2"); a == b {
		t.Errorf("same ETag %s for different bases", a)
	}
}

func TestSlowPage(t *testing.T) {
	srv, _ := newServer(t)
	var slow []Article
	for _, p := range content.pages {
		if p.slow {
			slow = append(slow, p.Article)
		}
	}
	if len(slow) != 1 {
		t.Fatalf("%d slow pages, want 1", len(slow))
	}
	client := &http.Client{Timeout: 20 * time.Millisecond}
	if _, err := client.Get(slow[0].URL(srv.URL)); err == nil {
		t.Errorf("slow page answered within 20ms; SlowDelay is 100ms")
	}
	if _, err := client.Get(srv.URL + "/gazette/crime/rss.xml"); err != nil {
		t.Errorf("feed with 20ms timeout: %v", err)
	}
	if d := New(Options{}).SlowDelay(); d != DefaultSlowDelay {
		t.Errorf("default SlowDelay %v", d)
	}
}

func TestSpecialResponses(t *testing.T) {
	srv, _ := newServer(t)
	resp, body := get(t, srv.Client(), srv.URL+pdfPath)
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("PDF: content type %q, starts %q", ct, body[:min(8, len(body))])
	}
	resp, _ = get(t, srv.Client(), srv.URL+notFoundPath)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("removed article: status %d", resp.StatusCode)
	}
	// WordPress-style permalinks redirect to the slash form, query kept.
	noSlash := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ = get(t, noSlash, srv.URL+"/courier/news/prisons-holiday-camp-ex-governor?utm_source=x")
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || loc != "/courier/news/prisons-holiday-camp-ex-governor/?utm_source=x" {
		t.Errorf("redirect: %d %q", resp.StatusCode, loc)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/gazette/crime/rss.xml", nil)
	r, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", r.StatusCode)
	}
}

// TestEveryAnchorResolves follows every same-site <a href> on every article
// page and feed-linked page: none of the chrome may point at a missing page,
// so the only 404 a crawler meets is the deliberate one.
func TestEveryAnchorResolves(t *testing.T) {
	srv, _ := newServer(t)
	base, _ := url.Parse(srv.URL)
	seen := map[string]bool{}
	var pages []string
	for _, a := range Articles() {
		pages = append(pages, a.URL(srv.URL))
	}
	for _, s := range Sources(srv.URL) {
		if s.Kind == "scrape" {
			pages = append(pages, s.URL)
		}
	}
	for _, pg := range pages {
		resp, body := get(t, srv.Client(), pg)
		doc := parseHTML(t, body, charsetOf(resp))
		pu, _ := url.Parse(pg)
		for _, href := range attrs(doc, "a", "href") {
			ref, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad href %q", pg, href)
				continue
			}
			u := pu.ResolveReference(ref)
			u.Fragment = ""
			if u.Host != base.Host {
				t.Errorf("%s links off-site to %s: every URL must be relative or use {{base}}", pg, u)
				continue
			}
			if seen[u.String()] {
				continue
			}
			seen[u.String()] = true
			r, _ := get(t, srv.Client(), u.String())
			if r.StatusCode != http.StatusOK && u.Path != notFoundPath {
				t.Errorf("%s links to %s: status %d", pg, u, r.StatusCode)
			}
		}
	}
	if len(seen) < 50 {
		t.Errorf("only %d distinct links followed", len(seen))
	}
}

func TestSourcesAndExpect(t *testing.T) {
	const base = "http://127.0.0.1:8080"
	srcs := Sources(base)
	names := map[string]bool{}
	kinds := map[string]int{}
	for _, s := range srcs {
		if names[s.Name] {
			t.Errorf("duplicate source %s", s.Name)
		}
		names[s.Name] = true
		kinds[s.Kind+"/"+s.Topic]++
		if s.Outlet == "" || s.Schedule == "" || !strings.HasPrefix(s.URL, base+"/") {
			t.Errorf("incomplete source %+v", s)
		}
		if (s.Kind == "scrape") != (s.Links != "") {
			t.Errorf("%s: kind %s with links %q", s.Name, s.Kind, s.Links)
		}
	}
	urls := ExpectedURLs(base)
	if !slices.IsSorted(urls) || len(slices.Compact(slices.Clone(urls))) != len(urls) {
		t.Errorf("ExpectedURLs not a sorted set")
	}
	for _, u := range urls {
		if strings.Contains(u, "utm_") || strings.Contains(u, "#") || strings.Contains(u, "/amp/") {
			t.Errorf("expected URL %s is not canonical", u)
		}
	}
	// Every link that is stored or feed-only is represented; off-topic and
	// robots-blocked ones are not.
	for _, l := range Links() {
		var u string
		if a, ok := ArticleByID(l.Article); ok {
			u = a.URL(base)
		} else {
			u = canonicalLink(l.URL(base))
		}
		_, found := slices.BinarySearch(urls, u)
		switch l.Expect {
		case news.Stored, FeedOnly:
			if !found {
				t.Errorf("%s (%s) missing from ExpectedURLs", u, l.Expect)
			}
		case news.OffTopic, news.Skipped:
			if found {
				t.Errorf("%s (%s) in ExpectedURLs", u, l.Expect)
			}
		default:
			t.Errorf("%s: unknown Expect %q", u, l.Expect)
		}
	}
	var feedOnly, slowFeedOnly int
	stories := map[string]int{}
	for _, e := range Expect(base, false) {
		if e.FeedOnly {
			feedOnly++
		}
		if e.Story != "" {
			stories[e.Story]++
		}
	}
	for _, e := range Expect(base, true) {
		if e.FeedOnly {
			slowFeedOnly++
		}
	}
	if feedOnly != 2 || slowFeedOnly != 3 {
		t.Errorf("feed-only: %d without the slow page, %d with; want 2 and 3", feedOnly, slowFeedOnly)
	}
	for s, n := range stories {
		if n < 2 {
			t.Errorf("syndication group %s has %d stored copies", s, n)
		}
	}
	if len(stories) == 0 {
		t.Error("no syndicated story")
	}
}

// TestLegacyCharsets checks the non-UTF-8 pages: their bytes really are in
// the legacy encoding, the charset is declared where the fixture says (HTTP
// header, <meta>, or both), and decoding gives back the ground truth.
func TestLegacyCharsets(t *testing.T) {
	srv, _ := newServer(t)
	kinds := map[string]bool{}
	for _, p := range content.pages {
		if p.Charset == "utf-8" {
			continue
		}
		t.Run(p.ID, func(t *testing.T) {
			resp, body := get(t, srv.Client(), p.URL(srv.URL))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if utf8.Valid(body) {
				t.Errorf("%s page is valid UTF-8; want genuine %s bytes", p.Charset, p.Charset)
			}
			inHeader := strings.Contains(strings.ToLower(resp.Header.Get("Content-Type")), "charset="+p.Charset)
			inMeta := bytes.Contains(body, []byte(`charset="`+p.Charset+`"`)) || bytes.Contains(body, []byte("charset="+p.Charset+`"`))
			wantHeader := p.declare == "header" || p.declare == "both"
			wantMeta := p.declare == "meta" || p.declare == "both"
			if inHeader != wantHeader || inMeta != wantMeta {
				t.Errorf("declared in header %v, meta %v; want %v, %v", inHeader, inMeta, wantHeader, wantMeta)
			}
			if strings.Contains(resp.Header.Get("Content-Type"), "utf-8") {
				t.Errorf("Content-Type %q claims UTF-8", resp.Header.Get("Content-Type"))
			}
			dec, err := decode(body, p.Charset)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(dec), textEscaper.Replace(p.Paragraphs()[0])) {
				t.Errorf("decoded page lacks the first paragraph")
			}
			kinds[p.Charset+"/"+p.declare] = true
		})
	}
	for _, k := range []string{"windows-1252/header", "windows-1252/meta", "iso-8859-1/meta"} {
		if !kinds[k] {
			t.Errorf("no page with charset/declaration %s", k)
		}
	}
	// Non-ASCII text the pages must carry, so a wrong decoding shows.
	var pound, curly, accent bool
	for _, p := range content.pages {
		if p.Charset != "utf-8" {
			pound = pound || strings.Contains(p.Body, "£")
			curly = curly || strings.ContainsAny(p.Body, "‘’“”")
			accent = accent || strings.Contains(p.Body+p.Title+p.Byline, "é")
		}
	}
	if !pound || !curly || !accent {
		t.Errorf("legacy pages carry £ %v, curly quotes %v, é %v: want all", pound, curly, accent)
	}
}

// TestListing checks the scrape-only listing: the documented selector picks
// exactly the ground-truth article links, and the page's other links (nav,
// most read, ads, subscriber area) reach no article.
func TestListing(t *testing.T) {
	srv, _ := newServer(t)
	var src news.Source
	for _, s := range Sources(srv.URL) {
		if s.Kind == "scrape" {
			src = s
		}
	}
	if src.Links != ListingSelector || ListingSelector != "a.story-link" {
		t.Fatalf("scrape source %+v", src)
	}
	resp, body := get(t, srv.Client(), src.URL)
	if utf8.Valid(body) || !strings.Contains(resp.Header.Get("Content-Type"), "windows-1252") {
		t.Errorf("listing should be windows-1252 and say so")
	}
	doc := parseHTML(t, body, "windows-1252")
	page, _ := url.Parse(src.URL)
	story, other := map[string]bool{}, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key != "href" {
					continue
				}
				ref, _ := url.Parse(a.Val)
				u := page.ResolveReference(ref)
				if hasClass(n, "story-link") {
					story[u.String()] = true
				} else {
					other++
					if content.byPath[u.Path] != nil {
						t.Errorf("non-story link %s reaches an article", u)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	want := map[string]bool{}
	var relative int
	for _, l := range Links() {
		if l.From == strings.TrimPrefix(src.URL, srv.URL) {
			want[l.URL(srv.URL)] = true
			if !strings.HasPrefix(l.Raw, "{{base}}") {
				relative++
			}
		}
	}
	if !maps.Equal(story, want) {
		t.Errorf("story links %v\nwant %v", slices.Sorted(maps.Keys(story)), slices.Sorted(maps.Keys(want)))
	}
	if other < 10 {
		t.Errorf("only %d non-article links; the listing should be cluttered", other)
	}
	if relative < 2 {
		t.Errorf("%d relative story links, want several", relative)
	}
}

// TestRobots checks robots.txt blocks exactly the links the ground truth
// marks Skipped, and that the listing links to one of them.
func TestRobots(t *testing.T) {
	srv, _ := newServer(t)
	_, body := get(t, srv.Client(), srv.URL+"/robots.txt")
	var disallow []string
	star := false
	for _, line := range strings.Split(string(body), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), ":")
		v = strings.TrimSpace(v)
		switch strings.ToLower(k) {
		case "user-agent":
			star = v == "*"
		case "disallow":
			if star && v != "" {
				disallow = append(disallow, v)
			}
		}
	}
	blocked := func(path string) bool {
		for _, d := range disallow {
			if strings.HasPrefix(path, d) {
				return true
			}
		}
		return false
	}
	var skipped int
	for _, l := range Links() {
		u, _ := url.Parse(l.URL(srv.URL))
		if blocked(u.Path) != (l.Expect == news.Skipped) {
			t.Errorf("%s: blocked %v, Expect %s", u, blocked(u.Path), l.Expect)
		}
		if l.Expect == news.Skipped {
			skipped++
		}
	}
	if skipped == 0 {
		t.Error("no link is disallowed by robots.txt")
	}
}

// TestCoverage checks the fixture has what the issues ask for.
func TestCoverage(t *testing.T) {
	var relevant, offTopic, demo, opinion int
	demoOutlets := map[string]bool{}
	noDate := false
	for _, a := range Articles() {
		if a.Relevant {
			relevant++
		} else {
			offTopic++
		}
		if a.Demo {
			demo++
			demoOutlets[a.Outlet] = true
		}
		if a.Kind == "opinion" {
			opinion++
		}
		noDate = noDate || a.Published.IsZero()
	}
	if relevant < 30 || offTopic < 6 || demo < 12 || len(demoOutlets) < 3 || opinion == 0 || !noDate {
		t.Errorf("relevant %d (want 30+), off-topic %d (6+), demo %d (12+) across %d outlets (3+), opinion %d (1+), undated %v",
			relevant, offTopic, demo, len(demoOutlets), opinion, noDate)
	}
	var amp, tracking, fragment, rootRelative bool
	for _, l := range Links() {
		amp = amp || strings.Contains(l.Raw, "/amp/")
		tracking = tracking || strings.Contains(l.Raw, "utm_source=")
		fragment = fragment || strings.Contains(l.Raw, "#")
		rootRelative = rootRelative || (strings.HasPrefix(l.Raw, "/") && !strings.HasPrefix(l.From, "/chronicle/"))
	}
	if !amp || !tracking || !fragment || !rootRelative {
		t.Errorf("feed links: AMP %v, tracking %v, fragment %v, relative %v; want all", amp, tracking, fragment, rootRelative)
	}
}

// --- HTML helpers ---

func charsetOf(resp *http.Response) string {
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if strings.Contains(ct, "utf-8") {
		return "utf-8"
	}
	if strings.Contains(ct, "windows-1252") {
		return "windows-1252"
	}
	return "utf-8"
}

func parseHTML(t *testing.T, body []byte, charset string) *html.Node {
	t.Helper()
	dec, err := decode(body, charset)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(dec))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func hasClass(n *html.Node, classes ...string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if slices.Contains(classes, c) {
					return true
				}
			}
		}
	}
	return false
}

func findByClass(n *html.Node, class string) *html.Node {
	if n.Type == html.ElementNode && hasClass(n, class) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findByClass(c, class); f != nil {
			return f
		}
	}
	return nil
}

func findTag(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findTag(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// blocks returns the normalised text of every <p> under n, skipping
// subtrees whose class is in skip.
func blocks(n *html.Node, skip []string) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && len(skip) > 0 && hasClass(n, skip...) {
			return
		}
		if n.Type == html.ElementNode && n.Data == "p" {
			out = append(out, normSpace(textOf(n)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func attrs(n *html.Node, tag, key string) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			for _, a := range n.Attr {
				if a.Key == key {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func canonicalOf(doc *html.Node) string {
	var out string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" {
			var rel, href string
			for _, a := range n.Attr {
				switch a.Key {
				case "rel":
					rel = a.Val
				case "href":
					href = a.Val
				}
			}
			if rel == "canonical" && out == "" {
				out = href
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
