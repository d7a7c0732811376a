package storage_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chdb"
	"github.com/framewatch/framewatch/storage/chsql"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/clickhouse"
	"github.com/framewatch/framewatch/storage/spool"
	"github.com/framewatch/framewatch/storage/storetest"
)

// faulty is a real backend with faults injected into its inserts.
type faulty struct {
	storage.Backend
	down atomic.Bool // every insert and query fails
	// ghost: the next insert into each of these tables reaches the store
	// and then reports an error, as when a connection drops after the
	// server committed.
	ghost sync.Map
}

func (f *faulty) ghostOnce(tables ...string) {
	for _, t := range tables {
		f.ghost.Store(t, true)
	}
}

var errDown = errors.New("connection refused (injected)")

func (f *faulty) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if f.down.Load() {
		return errDown
	}
	if err := f.Backend.Insert(ctx, table, cols, rows); err != nil {
		return err
	}
	if _, ok := f.ghost.LoadAndDelete(table); ok {
		return fmt.Errorf("read tcp: i/o timeout after insert into %s (injected)", table)
	}
	return nil
}

func (f *faulty) Query(ctx context.Context, q string) (*chsql.Rows, error) {
	if f.down.Load() {
		return nil, errDown
	}
	return f.Backend.Query(ctx, q)
}

// faultyStores opens a migrated store on each backend through a faulty
// wrapper, with a spool in a temp dir and quick retries.
func faultyStores(t *testing.T, run func(t *testing.T, st *storage.Store, f *faulty, sp *spool.Spool)) {
	ctx := context.Background()
	opens := []struct {
		name string
		open func(t *testing.T) storage.Backend
	}{
		{"clickhouse-server", func(t *testing.T) storage.Backend {
			b, err := clickhouse.Open(ctx, chtest.Server(t), clickhouse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"chdb", func(t *testing.T) storage.Backend {
			storetest.RequireLibchdb(t)
			b, err := chdb.Open(ctx, t.TempDir(), chdb.Options{MaxMemory: storetest.MaxMemory, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
	}
	for _, o := range opens {
		t.Run(o.name, func(t *testing.T) {
			f := &faulty{Backend: o.open(t)}
			st := storage.New(f, "test")
			t.Cleanup(func() { st.Close() })
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			sp, err := spool.Open(t.TempDir(), spool.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { sp.Close() })
			st.SetDurability(storage.Durability{Spool: sp, Retries: 5, RetryWait: time.Millisecond})
			run(t, st, f, sp)
		})
	}
}

func events(n int) []news.CrawlEvent {
	out := make([]news.CrawlEvent, n)
	for i := range out {
		out[i] = news.CrawlEvent{Time: base, Source: "s", URL: fmt.Sprintf("https://example.org/%d", i), Status: 200, Outcome: news.Stored}
	}
	return out
}

func taggedBatch(n int) []news.TaggedArticle {
	out := make([]news.TaggedArticle, n)
	for i := range out {
		out[i] = tagged(article(fmt.Sprintf("https://example.org/a%d", i), base), "rs1", "offender", "convict")
	}
	return out
}

// counts are the rows a test looks at after its writes, each of which
// must be there exactly once.
func counts(t *testing.T, st *storage.Store) string {
	ctx := context.Background()
	return fmt.Sprintf("articles=%d raw_article_rows=%d tags=%d matches=%d rule_uses=%d frames=%d entities=%d quotes=%d crawl_log=%d",
		count(t, ctx, st, "SELECT count() FROM current_articles", nil),
		count(t, ctx, st, "SELECT count() FROM articles", nil),
		count(t, ctx, st, "SELECT count() FROM taggings", nil),
		count(t, ctx, st, "SELECT count() FROM current_matches", nil),
		count(t, ctx, st, "SELECT sum(match_rows) FROM rule_counts_hourly", nil),
		count(t, ctx, st, "SELECT count() FROM current_frames", nil),
		count(t, ctx, st, "SELECT count() FROM current_entities", nil),
		count(t, ctx, st, "SELECT count() FROM current_quotes", nil),
		count(t, ctx, st, "SELECT count() FROM crawl_log", nil))
}

const want5x7 = "articles=5 raw_article_rows=5 tags=5 matches=10 rule_uses=10 frames=10 entities=5 quotes=5 crawl_log=7"

// A write whose connection drops after the server committed it is retried
// without doubling any row.
func TestRetryAfterCommitAppliesOnce(t *testing.T) {
	faultyStores(t, func(t *testing.T, st *storage.Store, f *faulty, sp *spool.Spool) {
		ctx := context.Background()
		f.ghostOnce("articles", "matches", "frames", "crawl_log")
		if err := st.SaveArticles(ctx, taggedBatch(5)); err != nil {
			t.Fatal(err)
		}
		if err := st.LogCrawl(ctx, events(7)); err != nil {
			t.Fatal(err)
		}
		if got := counts(t, st); got != want5x7 {
			t.Errorf("got  %s\nwant %s", got, want5x7)
		}
		if ws := st.WriteStats(); ws.Spooled != 0 || ws.Lost != 0 {
			t.Errorf("write stats %+v", ws)
		}
	})
}

// Writes refused while the store is down wait in the spool; a replay that
// is interrupted after reaching the store (a crash before the spool notes
// it) and is then run again applies every write exactly once.
func TestSpoolReplayAppliesOnce(t *testing.T) {
	faultyStores(t, func(t *testing.T, st *storage.Store, f *faulty, sp *spool.Spool) {
		ctx := context.Background()
		f.down.Store(true)
		if err := st.SaveArticles(ctx, taggedBatch(5)); !errors.Is(err, storage.ErrSpooled) {
			t.Fatalf("SaveArticles with the store down: %v, want ErrSpooled", err)
		}
		if err := st.LogCrawl(ctx, events(7)); !errors.Is(err, storage.ErrSpooled) {
			t.Fatalf("LogCrawl with the store down: %v", err)
		}
		if s := sp.Stats(); s.Records != 2 || s.Oldest.IsZero() {
			t.Fatalf("spool stats %+v", s)
		}
		if n, err := st.Drain(ctx); n != 0 || err == nil {
			t.Fatalf("Drain with the store down: %d, %v", n, err)
		}
		f.down.Store(false)
		f.ghostOnce("matches") // the first replay reaches the store, then fails
		if n, err := st.Drain(ctx); n != 0 || err == nil {
			t.Fatalf("interrupted Drain: %d, %v", n, err)
		}
		if n, err := st.Drain(ctx); n != 2 || err != nil {
			t.Fatalf("Drain: %d, %v", n, err)
		}
		if got := counts(t, st); got != want5x7 {
			t.Errorf("got  %s\nwant %s", got, want5x7)
		}
		if s := sp.Stats(); s.Records != 0 || s.Segments != 0 {
			t.Errorf("spool not drained: %+v", s)
		}
		if ws := st.WriteStats(); ws.Spooled != 2 || ws.Replayed != 2 || ws.Lost != 0 {
			t.Errorf("write stats %+v", ws)
		}
	})
}

// A write larger than one INSERT chunk that failed half way resumes after
// the chunks that reached the store.
func TestPartialChunkedWriteResumes(t *testing.T) {
	faultyStores(t, func(t *testing.T, st *storage.Store, f *faulty, sp *spool.Spool) {
		ctx := context.Background()
		f.ghostOnce("crawl_log") // first 10,000-row chunk committed, reported failed
		if err := st.LogCrawl(ctx, events(25000)); err != nil {
			t.Fatal(err)
		}
		if n := count(t, ctx, st, "SELECT count() FROM crawl_log", nil); n != 25000 {
			t.Errorf("crawl_log has %d rows, want 25000", n)
		}
	})
}

// A write that can be neither made nor spooled is an error, not ErrSpooled,
// and is counted as lost.
func TestSpoolFullIsLoss(t *testing.T) {
	st := storetest.Backends[0].Open(t)
	sp, err := spool.Open(t.TempDir(), spool.Options{MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	st.SetDurability(storage.Durability{Spool: sp, Retries: 1})
	st.Close() // every write now fails
	err = st.LogCrawl(context.Background(), events(50))
	if err == nil || errors.Is(err, storage.ErrSpooled) {
		t.Fatalf("err = %v, want a loss", err)
	}
	if ws := st.WriteStats(); ws.Lost != 1 {
		t.Errorf("write stats %+v", ws)
	}
}
