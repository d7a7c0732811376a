package storage_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/storetest"
)

// benchArticles builds n tagged articles shaped like a crawl's output: a
// ~3 KB body, five matches, six frame verdicts, two entities, a quote.
func benchArticles(n, offset int) []news.TaggedArticle {
	body := strings.Repeat("The court heard that the defendant, who had served a previous sentence, "+
		"was released on licence last spring. “He has turned his life around,” his probation officer said.\n\n", 18)
	outlets := []string{"Northern Gazette", "Southern Echo", "Valley Courier"}
	frames := []string{"punitive", "rehabilitative", "episodic", "thematic", "lived_experience", "public_safety"}
	rules := []string{"offender", "convict", "lag", "inmate", "thug"}
	out := make([]news.TaggedArticle, n)
	for i := range out {
		k := i + offset
		pub := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC).Add(time.Duration(k%300) * 24 * time.Hour)
		a := news.Article{
			URL: fmt.Sprintf("https://news.example/%s/%08d", outlets[k%3], k), Source: fmt.Sprintf("src-%d", k%3),
			Outlet: outlets[k%3], Title: fmt.Sprintf("Man jailed after raid number %d", k), Byline: "Court Reporter",
			Text: body, Summary: "A man was jailed.", Lang: "en", Kind: "news", PublishedAt: pub,
			FetchedAt: pub.Add(time.Hour), StoryID: fmt.Sprintf("story-%d", k/2), Fingerprint: uint64(k) * 0x9e3779b97f4a7c15,
		}
		ta := news.TaggedArticle{Article: a, Tagging: news.Tagging{Ruleset: "bench"}}
		for j, r := range rules {
			voice := "journalist"
			if j == 4 {
				voice = "quote"
			}
			ta.Matches = append(ta.Matches, news.Match{Rule: r, Kind: "term", Category: "person-first", Severity: "high",
				Text: r, Start: j * 100, End: j*100 + len(r), Voice: voice, Location: news.Body,
				Sentence: "The court heard that the " + r + " was released.", Suggest: []string{"person with a conviction"},
				Message: "Describe the person, not the offence."})
		}
		for j, f := range frames {
			ta.Frames = append(ta.Frames, news.FrameScore{Frame: f, Score: float64(j), Fired: (k+j)%3 == 0,
				Evidence: []string{"jailed", "released on licence"}})
		}
		ta.Entities = []news.Entity{{Name: "HMP Leeds", Type: "PRISON", Count: 2}, {Name: "Leeds Crown Court", Type: "COURT", Count: 1}}
		ta.Quotes = []news.QuoteSpan{{Location: news.Body, Start: 150, End: 190, Voice: "quote", Cue: "said"}}
		out[i] = ta
	}
	return out
}

// BenchmarkSaveArticles measures SaveArticles (article + all tag rows) in
// batches of 500, the crawl's flush size.
func BenchmarkSaveArticles(b *testing.B) {
	for _, be := range storetest.Backends {
		b.Run(be.Name, func(b *testing.B) {
			st := be.Open(b)
			ctx := context.Background()
			const batch = 500
			arts := benchArticles(batch, 0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j := range arts { // fresh URLs each round: inserts, not re-crawls
					arts[j].URL = fmt.Sprintf("https://news.example/%d/%d", i, j)
				}
				if err := st.SaveArticles(ctx, arts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkTrendQuery measures the weekly journalist-voice terms query
// (docs/schema.md) and a ScanArticles page over 20,000 stored articles.
func BenchmarkTrendQuery(b *testing.B) {
	const n = 20000
	queries := map[string]string{
		"weekly_terms": `SELECT toMonday(published_at) AS week, outlet, rule, count() AS uses,
       uniqExact(if(story_id = '', url, story_id)) AS stories
FROM current_matches
WHERE voice = 'journalist' AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
GROUP BY week, outlet, rule ORDER BY week, outlet, uses DESC, rule`,
		"frame_share_stories": `SELECT toMonday(published_at) AS week, frame, uniqExact(if(story_id = '', url, story_id)) AS stories
FROM current_frames WHERE fired = 1 AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
GROUP BY week, frame ORDER BY week, frame`,
	}
	params := map[string]string{"since": "2026-01-01", "until": "2027-01-01"}
	for _, be := range storetest.Backends {
		b.Run(be.Name, func(b *testing.B) {
			st := be.Open(b)
			ctx := context.Background()
			for off := 0; off < n; off += 2000 {
				if err := st.SaveArticles(ctx, benchArticles(2000, off)); err != nil {
					b.Fatal(err)
				}
			}
			for _, name := range []string{"weekly_terms", "frame_share_stories"} {
				b.Run(name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						rows, err := st.Query(ctx, queries[name], params)
						if err != nil {
							b.Fatal(err)
						}
						if len(rows.Data) == 0 {
							b.Fatal("no rows")
						}
					}
				})
			}
			b.Run("scan_page_1000", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					pages := 0
					errStop := fmt.Errorf("stop")
					err := st.ScanArticles(ctx, time.Time{}, 1000, func([]news.Article) error { pages++; return errStop })
					if err != errStop || pages != 1 {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkArchiveQueries times what users run over an archive of
// FRAMEWATCH_BENCH_ARTICLES articles (default 20,000) spread over 300 days:
// frame_share and coverage_total for one week, examples --limit 50, and a
// year of weekly journalist-voice term counts, through current_matches and
// through rule_counts_hourly (the same figures, from the hourly rollup).
//
//	FRAMEWATCH_BENCH_ARTICLES=100000 go test ./storage -run '^$' -bench ArchiveQueries/chdb -benchtime 5x
func BenchmarkArchiveQueries(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("FRAMEWATCH_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	week := map[string]string{"week_start": "2026-06-01T00:00:00Z", "week_end": "2026-06-08T00:00:00Z"}
	year := map[string]string{"since": "2026-01-01T00:00:00Z", "until": "2027-01-01T00:00:00Z"}
	for _, be := range benchBackends() {
		b.Run(be.Name, func(b *testing.B) {
			st := be.Open(b)
			ctx := context.Background()
			fillBenchStore(b, ctx, st, n)
			for _, c := range []struct {
				name   string
				sql    string
				params map[string]string
			}{
				{"frame_share_week", mustQuery(b, "frame_share"), week},
				{"coverage_total_week", mustQuery(b, "coverage_total"), week},
				{"journalist_terms_year_weekly", `SELECT week, rule, count() AS uses FROM current_matches
WHERE journalist_voice = 1 AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
GROUP BY week, rule ORDER BY week, rule`, year},
				{"journalist_terms_year_weekly_rollup", `SELECT toMonday(hour) AS week, rule, sum(match_rows) AS uses
FROM rule_counts_hourly
WHERE journalist_voice = 1 AND hour >= {since:DateTime} AND hour < {until:DateTime}
GROUP BY week, rule ORDER BY week, rule`, year},
			} {
				b.Run(c.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						rows, err := st.Query(ctx, c.sql, c.params)
						if err != nil {
							b.Fatal(err)
						}
						if len(rows.Data) == 0 {
							b.Fatal("no rows")
						}
					}
				})
			}
			// The article page's reads of one article in the middle of the
			// archive: the article, its matches, frames and quotes in force,
			// and its story's other copies.
			b.Run("article_page", func(b *testing.B) {
				u := benchArticles(1, n/2)[0].URL
				for i := 0; i < b.N; i++ {
					a, ok, err := st.Article(ctx, u)
					if err != nil || !ok {
						b.Fatalf("article %s: %v %v", u, ok, err)
					}
					p := map[string]string{"url": u, "urls": `["` + u + `"]`, "story_id": a.StoryID}
					for _, q := range []string{"article_matches", "article_frames", "article_quotes", "story_copies"} {
						rows, err := st.Query(ctx, mustQuery(b, q), p)
						if err != nil {
							b.Fatal(err)
						}
						if len(rows.Data) == 0 {
							b.Fatalf("%s: no rows for %s", q, u)
						}
					}
				}
			})
			// examples --limit 50 over the year, as users run it: through
			// examples.Find, which looks in the newest weeks first.
			b.Run("examples_limit_50", func(b *testing.B) {
				f := examples.Filter{Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
					Until: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 50}
				for i := 0; i < b.N; i++ {
					ex, err := examples.Find(ctx, st, f, nil)
					if err != nil {
						b.Fatal(err)
					}
					if len(ex) != 50 {
						b.Fatalf("%d examples, want 50", len(ex))
					}
				}
			})
		})
	}
}

// benchBackends are the stores the archive benchmarks run on: with
// FRAMEWATCH_BENCH_DSN, that one store, kept between runs (a store of a
// million articles takes long to build), else a fresh store per backend.
func benchBackends() []storetest.Backend {
	dsn := os.Getenv("FRAMEWATCH_BENCH_DSN")
	if dsn == "" {
		return storetest.Backends
	}
	name := "clickhouse-server"
	if strings.HasPrefix(dsn, "chdb://") {
		name = "chdb"
	}
	return []storetest.Backend{{Name: name, Open: func(t testing.TB) *storage.Store {
		return storetest.OpenWith(t, dsn, storage.Options{MaxMemory: 2 * storetest.MaxMemory})
	}}}
}

// fillBenchStore stores benchArticles until st holds n articles (a kept
// store already holding them is left alone).
func fillBenchStore(b *testing.B, ctx context.Context, st *storage.Store, n int) {
	have, err := st.CountArticles(ctx, time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for off := have; off < n; off += 2000 {
		if err := st.SaveArticles(ctx, benchArticles(min(2000, n-off), off)); err != nil {
			b.Fatal(err)
		}
		if (off/2000)%50 == 0 {
			b.Logf("stored %d of %d articles in %v", off, n, time.Since(start).Round(time.Second))
		}
	}
	b.Logf("store holds %d articles (%d stored now, in %v)", n, max(0, n-have), time.Since(start).Round(time.Second))
}

func mustQuery(b *testing.B, name string) string {
	q, err := queries.Get(name)
	if err != nil {
		b.Fatal(err)
	}
	return q
}
