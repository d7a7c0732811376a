package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/storage/storetest"
)

// articleHTML is a page long enough for the extractor to accept.
func articleHTML(title string) string {
	p := "<p>" + strings.Repeat("The magistrates heard that the defendant had been in custody since the summer and had pleaded guilty at the first opportunity. ", 3) + "</p>"
	return "<!DOCTYPE html><html lang=en><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" +
		strings.Repeat(p, 4) + "</article></body></html>"
}

// TestCrawlGuardAndFailures crawls with the SSRF guard on: one host stands
// for the public web (its exact address is let through), and its feed
// links to pages that redirect into loopback and to the cloud metadata
// address. Those are skipped, nothing reaches the internal server, and a
// broken source next to it does not stop the run.
func TestCrawlGuardAndFailures(t *testing.T) {
	var internalHits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		fmt.Fprint(w, articleHTML("Internal admin page"))
	}))
	defer internal.Close()
	var public *httptest.Server
	public = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>%[1]s/</link>
<item><title>Real story</title><link>%[1]s/news/real</link><description>Real summary</description></item>
<item><title>Via loopback</title><link>%[1]s/go/loopback</link><description>x</description></item>
<item><title>Via metadata</title><link>%[1]s/go/metadata</link><description>x</description></item>
<item><title>Direct internal</title><link>%[2]s/admin</link><description>x</description></item>
</channel></rss>`, public.URL, internal.URL)
		case "/broken.xml":
			w.WriteHeader(http.StatusInternalServerError)
		case "/go/loopback":
			http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
		case "/go/metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/iam/", http.StatusFound)
		case "/news/real":
			fmt.Fprint(w, articleHTML("Real story"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer public.Close()

	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Open(t)
			c := &Crawler{
				Fetch: fetch.New(fetch.Options{
					Timeout:    2 * time.Second,
					AllowAddrs: []string{strings.TrimPrefix(public.URL, "http://")},
					Backoff:    time.Millisecond,
				}),
				Store: st,
			}
			srcs := []news.Source{
				{Name: "public", Outlet: "Public", Kind: "rss", URL: public.URL + "/feed.xml", Topic: "justice"},
				{Name: "broken", Outlet: "Broken", Kind: "rss", URL: public.URL + "/broken.xml", Topic: "justice"},
			}
			sum, err := c.Run(context.Background(), srcs)
			if err != nil {
				t.Fatal(err)
			}
			want := []Stats{
				{Source: "public", Fetched: 2, Stored: 1, Skipped: 3},
				{Source: "broken", Failed: 1, SourceError: "fetch " + public.URL + "/broken.xml: HTTP 500 Internal Server Error"},
			}
			if fmt.Sprint(sum.Sources) != fmt.Sprint(want) {
				t.Errorf("summary = %+v\nwant      %+v", sum.Sources, want)
			}
			if n := internalHits.Load(); n != 0 {
				t.Errorf("internal server reached %d times", n)
			}
			got := readArticles(t, st)
			if len(got) != 1 || got[public.URL+"/news/real"].title != "Real story" {
				t.Errorf("stored %+v, want only the real story", got)
			}
			rows, err := st.Query(context.Background(),
				"SELECT url, outcome, error FROM crawl_log WHERE outcome = 'skipped' ORDER BY url", nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows.Data) != 3 {
				t.Fatalf("crawl_log skipped rows = %v", rows.Data)
			}
			for _, r := range rows.Data {
				if e := r[2].(string); !strings.Contains(e, "SSRF guard") {
					t.Errorf("%s: error %q does not name the SSRF guard", r[0], e)
				}
			}
			if n := countRows(t, st, "SELECT count() FROM crawl_log WHERE source = 'broken' AND outcome = 'failed' AND status = 500", nil); n != 1 {
				t.Errorf("broken feed logged %d times as failed with status 500", n)
			}
		})
	}
}

// TestCrawlCancelled cancels a crawl while an article page is still
// loading: the run reports the interruption and the page's feed item is
// not stored feed-only (it would never be fetched again).
func TestCrawlCancelled(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>P</title>
<item><title>Hanging</title><link>%s/news/hang</link><description>Summary</description></item></channel></rss>`, srv.URL)
		case "/news/hang":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	st := storetest.Backends[0].Open(t)
	c := &Crawler{Fetch: fetch.New(fetch.Options{AllowPrivateNetworks: true, Timeout: time.Minute}), Store: st}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := c.Run(ctx, []news.Source{{Name: "p", Kind: "rss", URL: srv.URL + "/feed.xml", Topic: "justice"}})
	if err == nil {
		t.Error("interrupted run returned no error")
	}
	if got := readArticles(t, st); len(got) != 0 {
		t.Errorf("stored %v after cancellation, want nothing", got)
	}
}
