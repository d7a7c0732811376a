// Package sources turns a source's feed or listing page into items: the
// article links to fetch, with whatever the feed says about them.
package sources

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/framewatch/framewatch/pipeline/fetch"
)

// Item is one article link found in a feed or on a listing page.
type Item struct {
	URL       string // absolute, as linked (not yet canonical)
	Title     string // plain text
	Summary   string // plain text
	Author    string
	Published time.Time // UTC; zero when the feed gives no date
}

// ParseFeed reads RSS 0.9x/1.0/2.0, Atom or JSON Feed. Relative item links
// are resolved against the feed's own link, then against feedURL.
func ParseFeed(body []byte, feedURL string) ([]Item, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	base, err := url.Parse(feedURL)
	if err != nil {
		return nil, fmt.Errorf("feed %s: bad URL: %w", feedURL, err)
	}
	if f.Link != "" {
		if l, err := base.Parse(strings.TrimSpace(f.Link)); err == nil && (l.Scheme == "http" || l.Scheme == "https") {
			base = l
		}
	}
	// An item's identity is its link, unless several items share one: a
	// podcast feed often links every episode to the show's page. Those
	// items are told apart by a permalink guid, else by their enclosure
	// (the episode's audio), so 131 episodes stay 131 articles instead of
	// collapsing into one.
	links := make([]string, len(f.Items))
	shared := map[string]int{}
	for i, it := range f.Items {
		links[i] = resolve(base, itemLink(it))
		shared[links[i]]++
	}
	items := make([]Item, 0, len(f.Items))
	seen := map[string]bool{}
	for i, it := range f.Items {
		abs := links[i]
		if abs != "" && shared[abs] > 1 {
			if id := distinctID(base, it, abs); id != "" {
				abs = id
			}
		}
		if abs == "" || seen[abs] {
			continue
		}
		seen[abs] = true
		item := Item{URL: abs, Title: PlainText(it.Title), Summary: PlainText(it.Description)}
		if item.Summary == "" {
			item.Summary = PlainText(it.Content)
		}
		if it.Author != nil {
			item.Author = strings.TrimSpace(it.Author.Name)
		} else if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = strings.TrimSpace(it.Authors[0].Name)
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		items = append(items, item)
	}
	return items, nil
}

// itemLink is where an item's article is: its <link>, else a guid that is a
// URL (RSS guids are permalinks unless marked otherwise; feeds put
// whitespace around them).
func itemLink(it *gofeed.Item) string {
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if g := strings.TrimSpace(it.GUID); isURL(g) {
		return g
	}
	return ""
}

// distinctID is a URL that tells an item apart from others sharing link:
// a permalink guid other than the link, else the first enclosure.
func distinctID(base *url.URL, it *gofeed.Item, link string) string {
	if g := resolve(base, strings.TrimSpace(it.GUID)); isURL(strings.TrimSpace(it.GUID)) && g != "" && g != link {
		return g
	}
	for _, e := range it.Enclosures {
		if e != nil {
			if u := resolve(base, strings.TrimSpace(e.URL)); u != "" {
				return u
			}
		}
	}
	return ""
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// resolve makes link absolute against base; "" for links that are not
// http(s) pages (mailto:, javascript:, bare fragments).
func resolve(base *url.URL, link string) string {
	if link == "" || strings.HasPrefix(link, "#") {
		return ""
	}
	u, err := base.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// PlainText strips tags from a feed's HTML-ish text and folds whitespace.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			case "p", "br", "div", "li":
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip = max(skip-1, 0)
			case "p", "div", "li", "td", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote":
				b.WriteByte(' ')
			}
		}
	}
}

// Listing fetches a listing page through client (colly drives it over the
// client's guarded transport) and returns the links that match selector,
// resolved against the page's final URL or its <base href>, de-duplicated
// in page order. The fetch.Result is for the crawl log; it may be nil when
// the fetch never reached the network.
func Listing(ctx context.Context, client *fetch.Client, pageURL, selector string) ([]Item, *fetch.Result, error) {
	var res *fetch.Result
	var ferr error
	tr := client.ObservedTransport(func(r *fetch.Result, err error) { res, ferr = r, err })
	items, err := collect(ctx, tr, pageURL, selector, client.UserAgent())
	if ferr != nil {
		return nil, res, ferr
	}
	return items, res, err
}

// Links finds the links in an already fetched listing page; the same
// parsing as Listing, without the network.
func Links(body []byte, pageURL, selector string) ([]Item, error) {
	return collect(context.Background(), staticTransport(body), pageURL, selector, "")
}

func collect(ctx context.Context, tr http.RoundTripper, pageURL, selector, ua string) ([]Item, error) {
	if strings.TrimSpace(selector) == "" {
		return nil, fmt.Errorf("listing %s: no links selector", pageURL)
	}
	opts := []colly.CollectorOption{colly.IgnoreRobotsTxt(), colly.StdlibContext(ctx), colly.MaxBodySize(0)}
	if ua != "" {
		opts = append(opts, colly.UserAgent(ua))
	}
	c := colly.NewCollector(opts...)
	c.WithTransport(tr)
	var items []Item
	seen := map[string]bool{}
	c.OnHTML(selector, func(e *colly.HTMLElement) {
		href := strings.TrimSpace(e.Attr("href"))
		if href == "" {
			// The selector may name a container; take its first link.
			href = strings.TrimSpace(e.ChildAttr("a[href]", "href"))
		}
		abs := ""
		if href != "" && !strings.HasPrefix(href, "#") {
			abs = e.Request.AbsoluteURL(href)
		}
		if abs == "" || !isURL(abs) || seen[abs] {
			return
		}
		seen[abs] = true
		items = append(items, Item{URL: abs, Title: strings.Join(strings.Fields(e.Text), " ")})
	})
	err := func() (err error) {
		// cascadia panics on some malformed selectors inside colly.
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("bad links selector %q: %v", selector, r)
			}
		}()
		return c.Visit(pageURL)
	}()
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", pageURL, err)
	}
	return items, nil
}

// staticTransport serves one body for any request.
type staticTransport []byte

func (b staticTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:    io.NopCloser(bytes.NewReader(b)),
		Request: req,
	}, nil
}

// FeedCharset makes an XML feed that declares no encoding of its own
// readable when the server's Content-Type names one: XML parsers assume
// UTF-8 without a declaration, and UK sites still serve windows-1252 feeds
// labelled only in the header. A declaration in the document wins, as XML
// says, and the body is returned as is.
func FeedCharset(body []byte, contentType string) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	label := strings.ToLower(strings.TrimSpace(params["charset"]))
	if err != nil || label == "" || label == "utf-8" || label == "utf8" {
		return body
	}
	head := body[:min(len(body), 200)]
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"), []byte("<?xml")) {
		if end := bytes.Index(head, []byte("?>")); end > 0 && bytes.Contains(head[:end], []byte("encoding")) {
			return body
		}
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
