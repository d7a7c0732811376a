package crawl

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/spool"
	"github.com/framewatch/framewatch/storage/storetest"
)

// oneMatch tags every article with one match and one frame, so tag rows
// can be counted too.
func oneMatch(a news.Article) news.Tagging {
	return news.Tagging{Ruleset: "test-rs",
		Matches: []news.Match{{Rule: "prison.locked", Kind: "term", Category: "prison", Severity: "low", Text: "locked", Location: news.Body, Voice: "journalist"}},
		Frames:  []news.FrameScore{{Frame: "punitive", Score: 1, Fired: true}},
	}
}

// A real ClickHouse 18.16 server is stopped in the middle of a crawl of 80
// articles and started again afterwards: every article, tag and crawl-log
// row is in the store exactly once, and the spool is empty.
func TestServerStoppedMidCrawl(t *testing.T) {
	node := chtest.Standalone(t)
	ctx := context.Background()
	st := storetest.Open(t, node.DSN("outage"))
	sp, err := spool.Open(t.TempDir(), spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	st.SetDurability(storage.Durability{Spool: sp, Retries: 2, RetryWait: 20 * time.Millisecond})

	site := &genSite{n: 80}
	stopped := make(chan struct{})
	site.onPage = func(n int64) {
		if n == 25 { // a quarter of the way through the pages
			go func() { node.Stop(); close(stopped) }()
		}
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	c := newCrawler(st)
	c.BatchSize = 10 // several inserts: some before the outage, most during
	c.Tag = oneMatch
	c.Workers = 4
	src := news.Source{Name: "gen", Outlet: "Gen", Kind: "rss", URL: srv.URL + "/feed.xml", Topic: "justice"}

	// Slow the crawl down just enough that the outage lands inside it.
	c.Extract = slowExtract(20 * time.Millisecond)
	sum, err := c.Run(ctx, []news.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	<-stopped
	tot := sum.Total()
	if tot.Stored != 80 || tot.Unsaved != 0 || sum.Lost() {
		t.Fatalf("summary %+v lost events %d", tot, sum.LostEvents)
	}
	if tot.Spooled == 0 {
		t.Fatalf("nothing was spooled: the outage missed the crawl (%+v)", tot)
	}
	if s := sp.Stats(); s.Records == 0 {
		t.Fatalf("spool empty after the outage: %+v", s)
	}
	t.Logf("during the outage: %d of 80 articles spooled, spool %+v", tot.Spooled, sp.Stats())

	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	// The pool's connections died with the server: the first calls may
	// fail while it reconnects.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := st.Drain(ctx); err == nil || time.Now().After(deadline) {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if s := sp.Stats(); s.Records != 0 || s.Segments != 0 {
		t.Fatalf("spool not drained: %+v", s)
	}
	for q, want := range map[string]int{
		"SELECT count() FROM current_articles":                    80,
		"SELECT uniqExact(url) FROM articles":                     80,
		"SELECT count() FROM current_matches":                     80,
		"SELECT count() FROM current_frames":                      80,
		"SELECT count() FROM taggings":                            80,
		"SELECT count() FROM crawl_log WHERE outcome = 'stored'":  80,
		"SELECT count() FROM crawl_log WHERE outcome = 'fetched'": 1,
		"SELECT count() FROM crawl_log WHERE outcome = 'failed'":  0,
	} {
		if got := countRows(t, st, q, nil); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

func slowExtract(d time.Duration) func([]byte, string) (extract.Result, error) {
	return func(page []byte, u string) (extract.Result, error) {
		time.Sleep(d)
		return extract.Extract(page, u)
	}
}
