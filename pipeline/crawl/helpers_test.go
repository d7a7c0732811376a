package crawl

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/relevance"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chdb"
	"github.com/framewatch/framewatch/storage/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

// backends are the stores every crawl test runs against. chDB allows one
// open data directory per process, so the subtests run one at a time and
// each store is closed before the next opens.
var backends = []struct {
	name string
	open func(t testing.TB) *storage.Store
}{
	{"clickhouse-server", func(t testing.TB) *storage.Store { return openStore(t, chtest.Server(t)) }},
	{"chdb", func(t testing.TB) *storage.Store { return openStore(t, "chdb://"+t.TempDir()) }},
}

func openStore(t testing.TB, dsn string) *storage.Store {
	ctx := context.Background()
	st, err := storage.Open(ctx, dsn, storage.Options{MaxMemory: 1 << 30})
	if errors.Is(err, chdb.ErrNotFound) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// stored is one articles row as the tests read it back.
type stored struct {
	url, source, title, text, storyID string
	feedOnly                          bool
}

func readArticles(t *testing.T, st *storage.Store) map[string]stored {
	t.Helper()
	rows, err := st.Query(context.Background(),
		"SELECT url, source, title, text, story_id, feed_only FROM articles FINAL ORDER BY url", nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]stored{}
	for _, r := range rows.Data {
		a := stored{url: r[0].(string), source: r[1].(string), title: r[2].(string), text: r[3].(string), storyID: r[4].(string), feedOnly: r[5].(int64) == 1}
		if _, dup := out[a.url]; dup {
			t.Errorf("url %s stored twice", a.url)
		}
		out[a.url] = a
	}
	return out
}

func countRows(t *testing.T, st *storage.Store, q string, params map[string]string) int {
	t.Helper()
	rows, err := st.Query(context.Background(), q, params)
	if err != nil {
		t.Fatal(err)
	}
	switch n := rows.Data[0][0].(type) {
	case uint64:
		return int(n)
	default:
		t.Fatalf("count is %T", n)
		return 0
	}
}

// relevant is the shipped relevance filter, as `framewatch crawl` uses it.
func relevant() func(news.Article) bool {
	f, err := relevance.Default()
	if err != nil {
		panic(err)
	}
	return func(a news.Article) bool { return f.JudgeArticle(a).Keep }
}
