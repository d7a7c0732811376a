package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/storage/storetest"
)

// A server that labels its UTF-8 pages ISO-8859-1: the bytes win, the
// article is stored ungarbled, and the disagreement is counted for the
// source that served it.
func TestCrawlCharsetMismatchCounted(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>%[1]s/</link>
<item><title>Fine of £500 for café owner</title><link>%[1]s/news/mislabelled</link><description>x</description></item>
<item><title>Plain story</title><link>%[1]s/news/plain</link><description>x</description></item>
</channel></rss>`, srv.URL)
		case "/news/mislabelled":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			fmt.Fprint(w, strings.Replace(articleHTML("Fine of £500 for café owner"), "<article>", "<article><p>The café owner was fined £500 by magistrates.</p>", 1))
		case "/news/plain":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			fmt.Fprint(w, articleHTML("Plain story"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	b := storetest.Backends[0]
	st := b.Open(t)
	c := &Crawler{
		Fetch: fetch.New(fetch.Options{Timeout: 2 * time.Second, AllowPrivateNetworks: true}),
		Store: st,
	}
	sum, err := c.Run(context.Background(), []news.Source{{Name: "liar", Outlet: "Liar", Kind: "rss", URL: srv.URL + "/feed.xml", Topic: "justice"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Sources[0].CharsetMismatch; got != 1 {
		t.Errorf("CharsetMismatch = %d, want 1 (only the non-ASCII page contradicts its label)", got)
	}
	arts := readArticles(t, st)
	found := false
	for _, a := range arts {
		if strings.Contains(a.text, "café owner was fined £500") {
			found = true
		}
		if strings.Contains(a.text, "Ã") || strings.Contains(a.title, "Ã") {
			t.Errorf("garbled article stored: %q / %q", a.title, a.text)
		}
	}
	if !found {
		t.Errorf("mislabelled article not stored as UTF-8: %+v", arts)
	}
}

// A paywalled page's teaser is longer than the feed's one-line summary:
// it is stored as the text, and the article stays feed_only.
func TestCrawlPaywallTeaserKept(t *testing.T) {
	teaser := "The court heard the opening of a case that is expected to run for several weeks, with evidence from prison officers."
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>%[1]s/</link>
<item><title>Trial opens</title><link>%[1]s/news/paywalled</link><description>Trial opens.</description></item>
</channel></rss>`, srv.URL)
		case "/news/paywalled":
			fmt.Fprint(w, `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head>`+
				`<body><article><h1>Trial opens</h1><p>`+teaser+`</p><div class="paywall"><p>Subscribe to continue reading.</p></div></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	st := storetest.Backends[0].Open(t)
	c := &Crawler{Fetch: fetch.New(fetch.Options{Timeout: 2 * time.Second, AllowPrivateNetworks: true}), Store: st}
	if _, err := c.Run(context.Background(), []news.Source{{Name: "p", Outlet: "P", Kind: "rss", URL: srv.URL + "/feed.xml", Topic: "justice"}}); err != nil {
		t.Fatal(err)
	}
	arts := readArticles(t, st)
	if len(arts) != 1 {
		t.Fatalf("stored %d articles, want 1", len(arts))
	}
	for _, a := range arts {
		if !a.feedOnly || a.text != teaser {
			t.Errorf("stored feed_only=%v text=%q, want feed_only with the teaser", a.feedOnly, a.text)
		}
	}
}
