package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/quality"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
)

// BenchmarkScaling stores the same corpus in one ClickHouse 18.16 server
// and in a 2-shard cluster (ZooKeeper, one replica per shard, all on this
// machine), then times the weekly digest and two trend queries on each;
// on the single node it also reports the bytes stored per article
// (system.parts, every table). The corpus is the hand-labelled articles
// (testdata/labels, written independently, real length), tagged by the
// shipped rules with entities, each stored under many URLs spread over 16
// weeks; copies of one text are never neighbours in a part, so the
// compression measured is that of distinct articles. docs/scaling.md.
//
//	go test ./app -run '^$' -bench Scaling -benchtime 5x
func BenchmarkScaling(b *testing.B) {
	const n = 20000
	arts := scalingCorpus(b, n)
	cluster := chtest.StartCluster(b, 2, 1)
	stores := []struct {
		name, dsn, cluster string
	}{
		{"single", chtest.Server(b), ""},
		{"2shards", cluster.DSN(0, "fw"), chtest.ClusterName},
	}
	ctx := context.Background()
	for _, s := range stores {
		cfg := testConfig(b)
		cfg.Path = "(bench)"
		cfg.Storage.DSN, cfg.Storage.Cluster = s.dsn, s.cluster
		cfg.Log.Level = "error"
		a := New(&cfg, Options{})
		b.Cleanup(func() { a.Close() })
		st, err := a.Store(ctx)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < len(arts); i += 1000 {
			if err := st.SaveArticles(ctx, arts[i:min(i+1000, len(arts))]); err != nil {
				b.Fatal(err)
			}
		}
		stored := time.Since(start)
		b.Run(s.name+"/store", func(b *testing.B) {
			b.ReportMetric(float64(n)/stored.Seconds(), "articles/s")
			if s.cluster == "" {
				b.ReportMetric(bytesPerArticle(b, ctx, st, n), "bytes/article")
			}
		})
		b.Run(s.name+"/digest", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if d, err := a.Digest(ctx, DigestOptions{Week: "2026-W47"}); err != nil || d.Empty {
					b.Fatal(err, d.Empty)
				}
			}
		})
		for _, q := range scalingQueries {
			b.Run(s.name+"/"+q.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					rows, err := st.Query(ctx, q.sql, map[string]string{"since": "2026-01-01", "until": "2027-01-01"})
					if err != nil || len(rows.Data) == 0 {
						b.Fatal(err, "or no rows")
					}
				}
			})
		}
	}
}

var scalingQueries = []struct{ name, sql string }{
	{"weekly_terms", `SELECT week, outlet, rule, count() AS uses, uniqExact(story_key) AS stories
FROM current_matches
WHERE journalist_voice = 1 AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
GROUP BY week, outlet, rule ORDER BY week, outlet, uses DESC, rule`},
	{"frame_stories", `SELECT week, frame, uniqExact(story_key) AS stories
FROM current_frames WHERE fired = 1 AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
GROUP BY week, frame ORDER BY week, frame`},
}

// scalingCorpus is n tagged articles made of the labelled ones.
func scalingCorpus(b *testing.B, n int) []news.TaggedArticle {
	var labelled []quality.Article
	for _, dir := range []string{"../testdata/labels/dev", "../testdata/labels/test"} {
		arts, err := quality.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		labelled = append(labelled, arts...)
	}
	cfg := testConfig(b)
	eng, err := New(&cfg, Options{}).Tagger(true)
	if err != nil {
		b.Fatal(err)
	}
	outlets := []string{"Northern Gazette", "Daily Courier", "Evening Post", "Justice Weekly", "Valley Times"}
	end := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	span := 16 * 7 * 24 * time.Hour
	tagged := make([]news.TaggedArticle, len(labelled))
	out := make([]news.TaggedArticle, n)
	for i := range out {
		k := i % len(labelled)
		l := labelled[k]
		a := news.Article{URL: fmt.Sprintf("https://copy%06d.example/%s", i/len(labelled), l.ID), Source: fmt.Sprintf("src-%d", i%len(outlets)),
			Outlet: outlets[i%len(outlets)], Title: l.Title, Text: l.Text, Lang: "en", Kind: "news",
			PublishedAt: end.Add(-span + time.Duration(int64(span)/int64(n)*int64(i))),
			StoryID:     fmt.Sprintf("story-%d", i/2), Fingerprint: uint64(i) * 0x9e3779b97f4a7c15}
		a.FetchedAt = a.PublishedAt.Add(time.Hour)
		if tagged[k].Ruleset == "" {
			tagged[k] = news.TaggedArticle{Article: a, Tagging: eng.Tag(a)}
		}
		out[i] = news.TaggedArticle{Article: a, Tagging: tagged[k].Tagging}
	}
	return out
}

// bytesPerArticle is the store's size on disk (active parts of every
// table in its database) per article.
func bytesPerArticle(b *testing.B, ctx context.Context, st *storage.Store, n int) float64 {
	rows, err := st.Query(ctx, "SELECT toInt64(sum(bytes_on_disk)) FROM system.parts WHERE active AND database = currentDatabase()", nil)
	if err != nil {
		b.Fatal(err)
	}
	return float64(rows.Data[0][0].(int64)) / float64(n)
}
