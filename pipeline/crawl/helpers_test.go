package crawl

import (
	"context"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/relevance"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

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
