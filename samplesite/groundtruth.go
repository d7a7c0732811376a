package samplesite

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
)

// Article is the ground truth for one article page: what a perfect crawler
// and extractor make of it.
type Article struct {
	ID     string // stable fixture id, e.g. "g-knife-jailed"
	Outlet string // display name, e.g. "Northern Gazette"
	// Source is the name of the first source (in Sources order) that links
	// to the page. Where two sources link to one article, which of them a
	// crawler records depends on crawl order.
	Source    string
	Path      string // canonical path; the canonical URL is base + Path
	Title     string // the page headline (feed titles are the same)
	Byline    string // author name(s) without "By"; "" when the page has none
	Published time.Time
	// Kind is "news", "opinion" or "letter".
	Kind    string
	Summary string // the standfirst, also the feed item's summary
	// Body is exactly what a perfect extractor returns: the body paragraphs
	// in order, joined by "\n\n", with no boilerplate.
	Body     string
	Relevant bool   // justice-relevant; false only for the off-topic items
	Story    string // syndication group: copies of one agency story share it
	Charset  string // "utf-8", "windows-1252" or "iso-8859-1"
	// LinkedFrom lists the paths of the feeds and listing pages that link
	// to the article.
	LinkedFrom []string
	Demo       bool // one of the dozen stories `framewatch demo` talks about
}

// URL is the canonical URL on a site served at base ("http://127.0.0.1:port").
func (a Article) URL(base string) string { return base + a.Path }

// Paragraphs splits Body into its paragraphs.
func (a Article) Paragraphs() []string { return strings.Split(a.Body, "\n\n") }

// Articles returns the ground truth for every article page, in a stable
// order (outlet, then id).
func Articles() []Article {
	mustLoad()
	out := make([]Article, len(content.pages))
	for i, p := range content.pages {
		out[i] = p.Article
		out[i].LinkedFrom = append([]string(nil), p.LinkedFrom...)
	}
	return out
}

// ArticleByID returns one article's ground truth.
func ArticleByID(id string) (Article, bool) {
	mustLoad()
	p := content.byID[id]
	if p == nil {
		return Article{}, false
	}
	a := p.Article
	a.LinkedFrom = append([]string(nil), p.LinkedFrom...)
	return a, true
}

// Link is one link in a feed or on the listing page, as a crawler meets it.
type Link struct {
	Source string // name of the source whose feed or listing holds the link
	From   string // path of that feed or listing page
	// Raw is the link exactly as written, except that "{{base}}" stands for
	// the site's address. It may be relative, carry tracking parameters or a
	// fragment, or point at an AMP variant.
	Raw     string
	Title   string // the feed item's title (or the listing's link text)
	Summary string // the feed item's summary
	// Published is the feed item's date; zero when the item has none.
	Published time.Time
	Article   string // ID of the article page the link reaches; "" for none
	Status    int    // the HTTP status a fetch returns, after redirects
	// Expect is what one crawl does with the link's article: news.Stored,
	// news.OffTopic, news.Skipped (robots.txt) or FeedOnly (404, PDF, or the
	// slow page when the crawl timeout is below the site's SlowDelay). When
	// several links reach one article, one of them stores it and the others
	// are duplicates; which one depends on crawl order.
	Expect string
}

// URL resolves the link against the page or feed it sits in.
func (l Link) URL(base string) string {
	from, err := url.Parse(base + l.From)
	if err != nil {
		return ""
	}
	ref, err := url.Parse(strings.ReplaceAll(l.Raw, "{{base}}", base))
	if err != nil {
		return ""
	}
	return from.ResolveReference(ref).String()
}

// Links returns every feed item and every article link on the listing page,
// in feed order (the order of Sources).
func Links() []Link {
	mustLoad()
	var out []Link
	for _, f := range content.feedSeq {
		for _, it := range f.items {
			out = append(out, Link{
				Source: f.source, From: f.path, Raw: it.href, Title: it.title,
				Summary: it.summary, Published: it.date, Article: it.article,
				Status: it.status, Expect: it.expect,
			})
		}
	}
	return out
}

// ListingSelector is the CSS selector for article links on the scrape-only
// listing page (Eastmoor Chronicle). Nav, "most read", subscriber and ad
// links on that page do not match it.
const ListingSelector = "a.story-link"

// Sources returns the source definitions a config needs to crawl the whole
// site served at base: five RSS-kind sources (RSS 2.0, RSS 1.0, Atom, JSON
// Feed, and a general RSS feed with topic "all") and one scrape source.
func Sources(base string) []news.Source {
	mustLoad()
	var out []news.Source
	for _, f := range content.feedSeq {
		s := news.Source{
			Name: f.source, Outlet: content.outlets[f.outlet].Name, Kind: "rss",
			URL: base + f.path, Schedule: "@every 30m", Topic: f.topic,
		}
		if f.format == "listing" {
			s.Kind, s.Links, s.Schedule = "scrape", ListingSelector, "@every 1h"
		}
		out = append(out, s)
	}
	return out
}

// Expected is one article that one full crawl of the site should store.
type Expected struct {
	URL      string // canonical URL
	Outlet   string
	Title    string
	FeedOnly bool
	// Article is the page's ground truth; "" for a feed-only link that has
	// no article page (the 404 and the PDF).
	Article string
	Story   string // syndication group, "" when none
}

// Expect returns the articles one full crawl of the site at base should
// store, sorted by URL. slowTimesOut says whether the crawl's fetch timeout
// is below the site's SlowDelay: then the slow page is stored feed-only.
// Everything else follows from Links: off-topic items from the general feed
// and the robots-disallowed page are not stored; every other link reaches
// one canonical URL, stored once however many links reach it.
func Expect(base string, slowTimesOut bool) []Expected {
	mustLoad()
	byURL := map[string]Expected{}
	for _, l := range Links() {
		switch l.Expect {
		case news.OffTopic, news.Skipped:
			continue
		}
		e := Expected{Title: l.Title, FeedOnly: l.Expect == FeedOnly, Article: l.Article}
		if p := content.byID[l.Article]; p != nil {
			e.URL, e.Outlet, e.Title, e.Story = p.URL(base), p.Outlet, p.Title, p.Story
			if p.slow {
				e.FeedOnly = slowTimesOut
			}
		} else {
			e.URL = canonicalLink(l.URL(base))
			e.Outlet = content.outlets[content.feeds[l.From].outlet].Name
		}
		byURL[e.URL] = e
	}
	out := make([]Expected, 0, len(byURL))
	for _, e := range byURL {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// ExpectedURLs is the sorted set of canonical URLs one full crawl stores
// (the slow page included: it is stored either way, feed-only or not).
func ExpectedURLs(base string) []string {
	var out []string
	for _, e := range Expect(base, true) {
		out = append(out, e.URL)
	}
	return out
}

// canonicalLink drops the fragment and tracking parameters of a link that
// has no page to declare its own canonical URL.
func canonicalLink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
