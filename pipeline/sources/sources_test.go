package sources

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/framewatch/framewatch/pipeline/fetch"
)

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Gazette</title><link>https://gazette.example/</link>
<item><title>Prison &amp; probation</title><link>https://gazette.example/news/1</link>
<description>&lt;p&gt;A &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate><dc:creator>Jo Bloggs</dc:creator></item>
<item><title>No date</title><link>/news/2</link></item>
<item><title>Repeat</title><link>https://gazette.example/news/1</link></item>
</channel></rss>`

const rss1 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/a"><title>RDF item</title><link>https://old.example/a</link>
<dc:date>2026-11-02T10:00:00+01:00</dc:date></item>
</rdf:RDF>`

const rss091 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91"><channel><title>Ancient</title><link>http://ancient.example/</link>
<item><title>Caf` + "\xe9" + ` court</title><link>http://ancient.example/x</link><description>` + "\xa3" + `5 fine</description></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<link href="https://courier.example/"/>
<entry><title type="html">Sentencing &lt;em&gt;review&lt;/em&gt;</title>
<link rel="alternate" href="https://courier.example/2026/sentencing"/>
<id>tag:courier.example,2026:1</id>
<updated>2026-11-03T08:00:00Z</updated><published>2026-11-02T18:00:00-05:00</published>
<author><name>Sam Writer</name></author><summary>Short text</summary></entry>
</feed>`

const jsonFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"Post","home_page_url":"https://post.example/",
"items":[{"id":"1","url":"https://post.example/a","title":"Jury out","summary":"Summary here",
"date_published":"2026-11-04T12:00:00Z","authors":[{"name":"A Reporter"}]},
{"id":"2","url":"b/c","title":"Relative","content_html":"<p>Body <script>x()</script>text</p>"}]}`

func TestParseFeed(t *testing.T) {
	tests := []struct {
		name, body, url string
		want            []Item
	}{
		{"rss2", rss2, "https://gazette.example/feed.xml", []Item{
			{URL: "https://gazette.example/news/1", Title: "Prison & probation", Summary: "A summary.", Author: "Jo Bloggs", Published: time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)},
			{URL: "https://gazette.example/news/2", Title: "No date"},
		}},
		{"rss1", rss1, "https://old.example/index.rdf", []Item{
			{URL: "https://old.example/a", Title: "RDF item", Published: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)},
		}},
		{"rss091 latin1", rss091, "http://ancient.example/rss", []Item{
			{URL: "http://ancient.example/x", Title: "Café court", Summary: "£5 fine"},
		}},
		{"atom", atom, "https://courier.example/atom.xml", []Item{
			{URL: "https://courier.example/2026/sentencing", Title: "Sentencing review", Summary: "Short text", Author: "Sam Writer", Published: time.Date(2026, 11, 2, 23, 0, 0, 0, time.UTC)},
		}},
		{"json feed", jsonFeed, "https://post.example/feed.json", []Item{
			{URL: "https://post.example/a", Title: "Jury out", Summary: "Summary here", Author: "A Reporter", Published: time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC)},
			{URL: "https://post.example/b/c", Title: "Relative", Summary: "Body text"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeed([]byte(tt.body), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	if _, err := ParseFeed([]byte("<html>not a feed</html>"), "https://x.example/feed"); err == nil {
		t.Error("HTML parsed as a feed")
	}
}

const listing = `<!DOCTYPE html><html><head><title>Crime</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<main>
<h2><a class="story-link" href="/crime/one">Story one</a></h2>
<h2><a class="story-link" href="two">Story two</a></h2>
<h2><a class="story-link" href="https://other.example/three#top">Story three</a></h2>
<h2><a class="story-link" href="/crime/one">Story one again</a></h2>
<h2><a class="story-link" href="javascript:void(0)">Not a link</a></h2>
<h2><a class="story-link" href="mailto:desk@example.org">Email</a></h2>
</main>
<aside class="most-read"><a href="/crime/popular">Most read</a></aside>
<div class="ad"><a href="https://ads.example/click">Ad</a></div>
</body></html>`

func TestLinks(t *testing.T) {
	got, err := Links([]byte(listing), "https://paper.example/crime/", "a.story-link")
	if err != nil {
		t.Fatal(err)
	}
	want := []Item{
		{URL: "https://paper.example/crime/one", Title: "Story one"},
		{URL: "https://paper.example/crime/two", Title: "Story two"},
		{URL: "https://other.example/three#top", Title: "Story three"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// <base href> wins over the page URL.
	based := `<html><head><base href="https://cdn.example/news/"></head><body><a class="s" href="x">X</a></body></html>`
	got, err = Links([]byte(based), "https://paper.example/list", "a.s")
	if err != nil || len(got) != 1 || got[0].URL != "https://cdn.example/news/x" {
		t.Errorf("base href: %+v, %v", got, err)
	}
	if _, err := Links([]byte(listing), "https://paper.example/", ""); err == nil {
		t.Error("empty selector accepted")
	}
}

func TestListingOverClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /secret\n")
		case "/old-list":
			http.Redirect(w, r, "/crime/", http.StatusMovedPermanently)
		case "/crime/":
			fmt.Fprint(w, listing)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := fetch.New(fetch.Options{AllowPrivateNetworks: true, Timeout: 2 * time.Second})
	items, res, err := Listing(context.Background(), c, srv.URL+"/old-list", "a.story-link")
	if err != nil {
		t.Fatal(err)
	}
	if res == nil || res.Status != 200 || res.URL != srv.URL+"/crime/" {
		t.Errorf("result = %+v", res)
	}
	// Relative links resolve against the final URL after the redirect.
	if len(items) != 3 || items[1].URL != srv.URL+"/crime/two" {
		t.Errorf("items = %+v", items)
	}
	if _, res, err := Listing(context.Background(), c, srv.URL+"/missing", "a"); err == nil || res == nil || res.Status != 404 {
		t.Errorf("404 listing: res=%+v err=%v", res, err)
	}
	if _, _, err := Listing(context.Background(), c, srv.URL+"/secret", "a"); err == nil || !fetch.Skip(err) {
		t.Errorf("robots-disallowed listing: err=%v", err)
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"plain  text\n here":                       "plain text here",
		"<p>One</p><p>Two &amp; three</p>":         "One Two & three",
		"a<style>p{}</style>b<script>1<2</script>": "ab",
		"5 &lt; 6": "5 < 6",
	} {
		if got := PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range []string{rss2, rss1, rss091, atom, jsonFeed, "", "<rss>", "{}", `<?xml version="1.0" encoding="x-unknown"?><rss/>`} {
		f.Add([]byte(s), "application/rss+xml")
	}
	f.Add([]byte(rss2), "text/xml; charset=windows-1252")
	f.Add([]byte(`<rss><channel><item><link>/a</link></item></channel></rss>`), "text/xml; charset=x-bogus")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		items, err := ParseFeed(FeedCharset(body, ctype), "https://fuzz.example/feed")
		if err != nil {
			return
		}
		for _, it := range items {
			if !isURL(it.URL) {
				t.Errorf("item URL %q is not absolute http(s)", it.URL)
			}
			if !it.Published.IsZero() && it.Published.Location() != time.UTC {
				t.Errorf("published %v not UTC", it.Published)
			}
		}
	})
}

func FuzzLinks(f *testing.F) {
	f.Add([]byte(listing), "a.story-link")
	f.Add([]byte(`<base href="javascript:x"><a href="y">`), "a")
	f.Add([]byte(`<a href="//h/x">`), "a[href")
	f.Fuzz(func(t *testing.T, body []byte, sel string) {
		// Listing pages are capped by crawl.max_body and selectors are short
		// config values; beyond that the fuzzer only finds slow HTML parsing.
		if len(body) > 64<<10 || len(sel) > 200 {
			return
		}
		items, err := Links(body, "https://fuzz.example/list/", sel)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, it := range items {
			if !isURL(it.URL) || seen[it.URL] {
				t.Errorf("bad or repeated link %q", it.URL)
			}
			seen[it.URL] = true
		}
	})
}

func TestFeedCharset(t *testing.T) {
	const item = "<item><title>\xa35 fine \x93quoted\x94</title><link>https://x.example/a</link></item>"
	tests := []struct {
		name, ctype, body, want string
	}{
		{"header only", "application/rss+xml; charset=windows-1252",
			`<?xml version="1.0"?><rss version="2.0"><channel>` + item + `</channel></rss>`, "£5 fine “quoted”"},
		{"no declaration at all", "text/xml; charset=ISO-8859-1",
			`<rss version="2.0"><channel>` + item + `</channel></rss>`, "£5 fine “quoted”"},
		{"declaration wins", "application/rss+xml; charset=utf-8",
			`<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>` + item + `</channel></rss>`, "£5 fine “quoted”"},
		{"declaration wins over header", "application/rss+xml; charset=iso-8859-1",
			`<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>` + item + `</channel></rss>`, "£5 fine “quoted”"},
	}
	for _, tt := range tests {
		items, err := ParseFeed(FeedCharset([]byte(tt.body), tt.ctype), "https://x.example/feed")
		if err != nil || len(items) != 1 || items[0].Title != tt.want {
			t.Errorf("%s: items %+v, err %v; want title %q", tt.name, items, err, tt.want)
		}
	}
}

// Items without <link> are read from a permalink guid; podcast episodes
// that all link to the show's page stay apart by guid or enclosure.
func TestParseFeedIdentity(t *testing.T) {
	const guidOnly = `<?xml version="1.0"?><rss version="2.0"><channel><title>G</title><link>https://g.example/</link>
<item><title>Guid only</title><guid>
   https://g.example/news/guid-only
</guid></item>
<item><title>Guid not a URL</title><guid isPermaLink="false">a1b2c3</guid></item>
</channel></rss>`
	var eps string
	for i := 1; i <= 5; i++ {
		eps += fmt.Sprintf(`<item><title>Episode %d</title><link>https://pod.example/show</link><guid isPermaLink="false">ep-%d</guid>`+
			`<enclosure url="https://cdn.pod.example/ep%d.mp3" type="audio/mpeg" length="1"/></item>`, i, i, i)
	}
	eps += `<item><title>Episode 6</title><link>https://pod.example/show</link><guid>https://pod.example/show/6</guid></item>`
	podcast := `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>https://pod.example/show</link>` + eps + `</channel></rss>`

	items, err := ParseFeed([]byte(guidOnly), "https://g.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].URL != "https://g.example/news/guid-only" {
		t.Errorf("guid-only feed: %+v", items)
	}
	items, err = ParseFeed([]byte(podcast), "https://pod.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, it := range items {
		urls = append(urls, it.URL)
	}
	want := []string{"https://cdn.pod.example/ep1.mp3", "https://cdn.pod.example/ep2.mp3", "https://cdn.pod.example/ep3.mp3",
		"https://cdn.pod.example/ep4.mp3", "https://cdn.pod.example/ep5.mp3", "https://pod.example/show/6"}
	if !reflect.DeepEqual(urls, want) {
		t.Errorf("podcast episodes = %q, want %q", urls, want)
	}
}
