package web

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/synth"
)

// benchNow is two days after the synthetic archive's 52 weeks end (Sunday
// 1 November 2026): "this week" is its last complete week, the trends'
// and rules' windows end with it.
var benchNow = time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)

// BenchmarkPages times every page of the UI, in process (server time: the
// handler from request to the last byte written, no network), over the
// synthetic archive (package synth) of FRAMEWATCH_BENCH_ARTICLES articles
// (default 2,000), tagged by the shipped rules, with one crawl-log row per
// article. The target is ≤ 300 ms a page at 1,000,000 articles
// (docs/benchmarks.md).
//
// The store is FRAMEWATCH_BENCH_DSN (default: embedded chDB in a temporary
// directory). FRAMEWATCH_BENCH_STORE=DIR keeps the embedded store in DIR
// and reuses it when it already holds the articles, since filling a
// million takes a long while:
//
//	FRAMEWATCH_BENCH_ARTICLES=100000 FRAMEWATCH_BENCH_STORE=/tmp/fw-bench-100k \
//	  nice go test ./web -run '^$' -bench Pages -benchtime 5x -count 5 -timeout 3h
func BenchmarkPages(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("FRAMEWATCH_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	dsn := os.Getenv("FRAMEWATCH_BENCH_DSN")
	if dsn == "" {
		dir := os.Getenv("FRAMEWATCH_BENCH_STORE")
		if dir == "" {
			dir = filepath.Join(b.TempDir(), "data")
		}
		dsn = "chdb://" + dir
	}
	cfg := config.Defaults()
	cfg.Storage.DSN = dsn
	cfg.Sources = synth.Sources()
	cfg.Log.Level = "error"
	a := app.New(&cfg, app.Options{Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))})
	b.Cleanup(func() { a.Close() })
	ctx := context.Background()
	fillBenchStore(b, ctx, a, n)
	// A cold digest over a large archive on a busy machine takes longer
	// than the 20s a page is given in service: time it, do not cut it.
	s, err := New(a, Options{Now: func() time.Time { return benchNow }, QueryTimeout: 30 * time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	pages := benchPages(b, s)
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if p.uncached {
					s.digestCache = digestCache{} // what the first request after a write pays
				}
				w := httptest.NewRecorder()
				s.ServeHTTP(w, p.req())
				if w.Code != http.StatusOK {
					b.Fatalf("%s %s: %d\n%.500s", p.req().Method, p.req().URL, w.Code, w.Body.String())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/page")
		})
	}
}

type benchPage struct {
	name     string
	req      func() *http.Request
	uncached bool // the digest is built afresh each time
}

// benchPages are the UI's pages with the filters users reach for; the
// article, example and handout pages take refs the explorer gives.
func benchPages(b *testing.B, s *Server) []benchPage {
	getReq := func(target string) func() *http.Request {
		return func() *http.Request { return httptest.NewRequest("GET", target, nil) }
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/examples?format=json&per=50", nil))
	var ex []struct {
		URL, Rule, Location string
		Start               int
	}
	if err := json.Unmarshal(w.Body.Bytes(), &ex); err != nil || len(ex) < 5 {
		b.Fatalf("examples: %v, %d examples: %.300s", err, len(ex), w.Body.String())
	}
	ref := func(i int) string {
		return app.ExampleRef{URL: ex[i].URL, Rule: ex[i].Rule, Location: ex[i].Location, Start: ex[i].Start}.String()
	}
	handout := url.Values{"title": {"Workshop"}}
	for i := range 5 {
		handout.Add("ex", ref(i))
	}
	y, wk := benchNow.AddDate(0, 0, -7).ISOWeek()
	week := fmt.Sprintf("%d-W%02d", y, wk)
	draft := url.Values{"text": {strings.Repeat("The offender was jailed for life. \"He is a monster,\" the judge said. ", 60)}}.Encode()
	return []benchPage{
		{"this_week", getReq("/"), false},
		{"this_week_uncached", getReq("/"), true},
		{"digest_week_uncached", getReq("/digests/" + week), true},
		{"examples", getReq("/examples"), false},
		{"examples_rule_journalist", getReq("/examples?rule=people.offender&voice=journalist"), false},
		{"examples_category_outlet_type", getReq("/examples?category=dehumanising&outlet_type=regional"), false},
		{"examples_frame", getReq("/examples?frame=punitive"), false},
		{"examples_search", getReq("/examples?search=court"), false},
		{"examples_month", getReq("/examples?since=2026-10-01&until=2026-10-31&location=headline"), false},
		{"examples_page_20", getReq("/examples?page=20&per=50"), false},
		{"examples_speaker_role", getReq("/examples?speaker_role=lived_experience"), false},
		{"examples_csv", getReq("/examples?per=200&format=csv"), false},
		{"example", getReq("/example?ref=" + url.QueryEscape(ref(0))), false},
		{"handout_5", getReq("/handout?" + handout.Encode()), false},
		{"article", getReq("/article?url=" + url.QueryEscape(ex[0].URL)), false},
		{"digests", getReq("/digests"), false},
		{"digest_week", getReq("/digests/" + week), false},
		{"trends", getReq("/trends"), false},
		{"trends_outlet_rule_journalist", getReq("/trends?outlet=Northern+Gazette&rule=people.offender&voice=journalist"), false},
		{"trends_year", getReq("/trends?weeks=52"), false},
		{"rules", getReq("/rules"), false},
		{"sources", getReq("/sources"), false},
		{"check_form", getReq("/check"), false},
		{"check_draft_5kb", func() *http.Request {
			r := httptest.NewRequest("POST", "/check", strings.NewReader(draft))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, false},
	}
}

// fillBenchStore stores the synthetic archive of n articles unless the
// store already holds at least n; progress goes to stderr (a million takes
// tens of minutes).
func fillBenchStore(b *testing.B, ctx context.Context, a *app.App, n int) {
	st, err := a.Store(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := st.Query(ctx, "SELECT count() FROM current_articles", nil)
	if err != nil {
		b.Fatal(err)
	}
	have, _ := strconv.Atoi(fmt.Sprint(rows.Data[0][0]))
	if have >= n {
		b.Logf("store %s holds %d articles: reused", st.DSN(), have)
		return
	}
	if have > 0 {
		b.Fatalf("store %s holds %d articles, fewer than %d: remove it or point FRAMEWATCH_BENCH_STORE elsewhere", st.DSN(), have, n)
	}
	eng, err := a.Tagger(false)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SaveSources(ctx, synth.Sources()); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	const batchSize = 2000
	batch := make([]news.Article, 0, batchSize)
	done := 0
	flush := func() error {
		tagged := app.TagAll(batch, eng.Tag)
		events := make([]news.CrawlEvent, len(batch))
		for i, art := range batch {
			events[i] = news.CrawlEvent{Time: art.FetchedAt, Source: art.Source, URL: art.URL, Status: 200,
				Bytes: int64(len(art.Text)), Duration: 300 * time.Millisecond, Outcome: news.Stored}
		}
		if err := st.SaveArticles(ctx, tagged); err != nil {
			return err
		}
		if err := st.LogCrawl(ctx, events); err != nil {
			return err
		}
		done += len(batch)
		batch = batch[:0]
		if done%(50*batchSize) == 0 || done == n {
			el := time.Since(start)
			fmt.Fprintf(os.Stderr, "bench store: %d/%d articles, %v, %.0f/s\n", done, n, el.Round(time.Second), float64(done)/el.Seconds())
		}
		return nil
	}
	if err := synth.Generate(synth.Options{Articles: n}, func(art news.Article) error {
		batch = append(batch, art)
		if len(batch) == batchSize {
			return flush()
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d articles in %v", n, time.Since(start))
}
