package crawl

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/storetest"
)

// fetchTimeout is below the sample site's slow page (slowDelay), so that
// page is stored feed-only, and far above what any other page takes even
// on a loaded machine.
const fetchTimeout, slowDelay = 3 * time.Second, 6 * time.Second

func newCrawler(st *storage.Store) *Crawler {
	return &Crawler{
		Fetch: fetch.New(fetch.Options{
			UserAgent:            "framewatch-test/1.0 (+https://example.org)",
			Timeout:              fetchTimeout,
			AllowPrivateNetworks: true, // the sample site is on loopback
			Parallelism:          4,
			Retries:              0, // a retried timeout would only double the slow page's cost
			Backoff:              10 * time.Millisecond,
		}),
		Store:    st,
		Relevant: relevant(),
		Log:      slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
}

// boilerplate is text from the sample site's page furniture: none of it
// belongs in an article body.
var boilerplate = []string{
	"personalise content and ads", "Cookie settings", "Skip to main content", "Most read",
	"Related stories", "Comments are moderated", "Sign me up", "Registered in England", "Share on Facebook",
}

// crawlModes are the two ways sources get crawled: all in one Run
// (`framewatch crawl`), and one Run per source at the same moment, as the
// daemon does when sources share a schedule. Both must store the same.
var crawlModes = []struct {
	name string
	run  func(ctx context.Context, c *Crawler, srcs []news.Source) (Summary, error)
}{
	{"one run", func(ctx context.Context, c *Crawler, srcs []news.Source) (Summary, error) {
		return c.Run(ctx, srcs)
	}},
	{"run per source", func(ctx context.Context, c *Crawler, srcs []news.Source) (Summary, error) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var sum Summary
		var firstErr error
		for _, src := range srcs {
			wg.Go(func() {
				s, err := c.Run(ctx, []news.Source{src})
				mu.Lock()
				defer mu.Unlock()
				sum.Sources = append(sum.Sources, s.Sources...)
				if err != nil && firstErr == nil {
					firstErr = err
				}
			})
		}
		wg.Wait()
		return sum, firstErr
	}},
}

func TestCrawlSampleSite(t *testing.T) {
	for _, b := range storetest.Backends {
		for _, mode := range crawlModes {
			t.Run(b.Name+"/"+mode.name, func(t *testing.T) { testCrawlSampleSite(t, b.Open, mode.run) })
		}
	}
}

func testCrawlSampleSite(t *testing.T, open func(testing.TB) *storage.Store, crawl func(context.Context, *Crawler, []news.Source) (Summary, error)) {
	{
		{
			st := open(t)
			site := samplesite.New(samplesite.Options{SlowDelay: slowDelay})
			srv := httptest.NewServer(site)
			defer srv.Close()
			base := srv.URL
			srcs := samplesite.Sources(base)
			ctx := context.Background()
			c := newCrawler(st)

			sum, err := crawl(ctx, c, srcs)
			if err != nil {
				t.Fatal(err)
			}
			got := readArticles(t, st)
			want := samplesite.Expect(base, fetchTimeout < site.SlowDelay())

			// Exactly the expected canonical URLs.
			var gotURLs, wantURLs []string
			for u := range got {
				gotURLs = append(gotURLs, u)
			}
			for _, e := range want {
				wantURLs = append(wantURLs, e.URL)
			}
			slices.Sort(gotURLs)
			if !slices.Equal(gotURLs, wantURLs) {
				t.Errorf("stored URLs differ from ground truth:\n%s", diff(gotURLs, wantURLs))
			}
			if total := sum.Total(); total.Stored != len(want) {
				t.Errorf("summary stored = %d, want %d (%+v)", total.Stored, len(want), total)
			}

			storyIDs := map[string]string{} // ground-truth story -> stored story_id
			for _, e := range want {
				a, ok := got[e.URL]
				if !ok {
					continue
				}
				if a.feedOnly != e.FeedOnly {
					t.Errorf("%s: feed_only = %v, want %v", e.URL, a.feedOnly, e.FeedOnly)
				}
				if a.title != e.Title {
					t.Errorf("%s: title = %q, want %q", e.URL, a.title, e.Title)
				}
				if e.Story != "" {
					if id, seen := storyIDs[e.Story]; seen && id != a.storyID {
						t.Errorf("%s: story_id %s, but its syndicated copy has %s", e.URL, a.storyID, id)
					}
					storyIDs[e.Story] = a.storyID
				}
				if e.FeedOnly || e.Article == "" {
					continue
				}
				truth, _ := samplesite.ArticleByID(e.Article)
				for _, p := range truth.Paragraphs() {
					if !strings.Contains(a.text, p) {
						t.Errorf("%s: body paragraph missing: %q", e.URL, p)
					}
				}
				for _, junk := range boilerplate {
					if strings.Contains(a.text, junk) {
						t.Errorf("%s: boilerplate %q in body", e.URL, junk)
					}
				}
			}
			// Distinct stories keep distinct ids.
			seenID := map[string]string{}
			for story, id := range storyIDs {
				if other, dup := seenID[id]; dup {
					t.Errorf("stories %s and %s share story_id %s", story, other, id)
				}
				seenID[id] = story
			}
			if len(storyIDs) == 0 {
				t.Error("ground truth has no syndicated story to check")
			}

			// Each URL was written once: the tracking, fragment and AMP
			// variants of a link did not each insert a row (FINAL above would
			// hide that).
			if n := countRows(t, st, "SELECT count() FROM (SELECT url FROM articles GROUP BY url HAVING count() > 1)", nil); n != 0 {
				t.Errorf("%d URLs were inserted more than once in one crawl", n)
			}
			checkFixtureCases(t, base)

			// Every fetch is in the crawl log; the PDF is logged as skipped.
			if n := countRows(t, st, "SELECT count() FROM crawl_log WHERE url LIKE {p:String} AND outcome = 'skipped'",
				map[string]string{"p": "%.pdf"}); n != 1 {
				t.Errorf("crawl_log has %d skipped PDF fetches, want 1", n)
			}
			if n := countRows(t, st, "SELECT count() FROM crawl_log WHERE outcome = 'not_modified'", nil); n != 0 {
				t.Errorf("first crawl logged %d not-modified feeds", n)
			}

			// A second crawl stores nothing and asks for the feeds conditionally.
			site.Reset()
			sum2, err := crawl(ctx, c, srcs)
			if err != nil {
				t.Fatal(err)
			}
			if total := sum2.Total(); total.Stored != 0 || total.Failed != 0 {
				t.Errorf("second crawl: %+v, want nothing stored or failed", total)
			}
			if again := readArticles(t, st); len(again) != len(got) {
				t.Errorf("second crawl changed the article count: %d -> %d", len(got), len(again))
			}
			for _, s := range srcs {
				if s.Kind != "rss" {
					continue
				}
				path := strings.TrimPrefix(s.URL, base)
				if site.Conditional(path) != 1 || site.NotModified(path) != 1 {
					t.Errorf("%s: second crawl sent %d conditional requests, %d answered 304; want 1 and 1",
						path, site.Conditional(path), site.NotModified(path))
				}
			}
		}
	}
}

// diff lists what is missing from and extra in got.
func diff(got, want []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("  missing " + w + "\n")
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("  extra   " + g + "\n")
		}
	}
	return b.String()
}

// checkFixtureCases fails when the sample site lacks a case the crawl test
// is meant to cover, so the assertions above cannot pass vacuously.
func checkFixtureCases(t *testing.T, base string) {
	t.Helper()
	has := map[string]bool{}
	for _, l := range samplesite.Links() {
		raw := l.Raw
		switch {
		case !strings.HasPrefix(raw, "{{base}}") && !strings.Contains(raw, "://"):
			has["relative link"] = true
		}
		if strings.Contains(raw, "utm_") {
			has["tracking parameters"] = true
		}
		if strings.Contains(raw, "#") {
			has["fragment"] = true
		}
		if strings.Contains(raw, "/amp") || strings.Contains(raw, "amp=") || strings.Contains(raw, ".amp") {
			has["AMP variant"] = true
		}
		if strings.HasSuffix(raw, ".pdf") {
			has["PDF"] = true
		}
		if l.Status == 404 {
			has["404"] = true
		}
		if l.Published.IsZero() && l.Article != "" {
			has["item without a date"] = true
		}
		if l.Expect == news.OffTopic {
			has["off-topic item"] = true
		}
	}
	for _, a := range samplesite.Articles() {
		if a.Charset == "windows-1252" && strings.ContainsAny(a.Body, "£é“”‘’") {
			has["windows-1252 page with £, é or curly quotes"] = true
		}
	}
	for _, e := range samplesite.Expect(base, true) {
		if e.Story != "" {
			has["syndicated story"] = true
		}
	}
	for _, c := range []string{"relative link", "tracking parameters", "fragment", "AMP variant", "PDF", "404",
		"item without a date", "off-topic item", "windows-1252 page with £, é or curly quotes", "syndicated story"} {
		if !has[c] {
			t.Errorf("sample site has no %s: the crawl test does not cover it", c)
		}
	}
}
