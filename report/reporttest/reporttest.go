// Package reporttest gives the report packages' tests a store on every
// backend and a seeded corpus whose figures are worked out by hand (see
// Seed), so tests assert real numbers.
package reporttest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/storetest"
)

// Backend is one engine the report tests run on.
type Backend = storetest.Backend

// Backends are the ClickHouse 18.16 test server and embedded chDB.
var Backends = []Backend{
	{Name: "clickhouse-server", Open: OpenServer},
	{Name: "chdb", Open: OpenChdb},
}

// OpenServer opens a fresh database on the throwaway test server.
func OpenServer(t testing.TB) *storage.Store {
	t.Helper()
	return storetest.Open(t, chtest.Server(t))
}

var chdb struct {
	once sync.Once
	dir  string
	st   *storage.Store
	err  error
}

// OpenChdb returns the embedded store, emptied. chDB runs one data
// directory per process, so every test of the binary shares one store and
// gets it truncated; tests using it must not run in parallel. It skips when
// the engine is not available on this machine (CI=true makes that a
// failure).
func OpenChdb(t testing.TB) *storage.Store {
	t.Helper()
	storetest.RequireLibchdb(t)
	chdb.once.Do(func() {
		chdb.dir, chdb.err = os.MkdirTemp("", "reporttest-chdb-")
		if chdb.err != nil {
			return
		}
		chdb.st, chdb.err = storage.Open(context.Background(), "chdb://"+chdb.dir, storage.Options{})
		if chdb.err == nil {
			chdb.err = chdb.st.Migrate(context.Background())
		}
	})
	if chdb.err != nil {
		t.Fatalf("chdb: %v", chdb.err)
	}
	// Every table rows are written to, read from the engine so that a table
	// a migration adds (a rollup, a time-ordered copy) is emptied too.
	// tag_generations stays: it names the generation in force, which the
	// next seed writes into; schema_migrations says the store is migrated.
	tables, err := chdb.st.Query(context.Background(), `SELECT name FROM system.tables
WHERE database = currentDatabase() AND engine LIKE '%MergeTree'
  AND name NOT IN ('tag_generations', 'schema_migrations')`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tables.Data {
		if err := chdb.st.Exec(context.Background(), "TRUNCATE TABLE "+r[0].(string), nil); err != nil {
			t.Fatal(err)
		}
	}
	return chdb.st
}

// Main runs a test binary's tests, then stops the test server and removes
// the embedded store: use it as TestMain.
func Main(m *testing.M) {
	code := m.Run()
	chtest.Shutdown()
	if chdb.st != nil {
		chdb.st.Close()
	}
	if chdb.dir != "" {
		os.RemoveAll(chdb.dir)
	}
	os.Exit(code)
}

// Article builds a tagged article; Text paragraphs are separated by "\n\n".
func Article(url, source, outlet, story, title, text string, published time.Time, ruleset string) news.TaggedArticle {
	return news.TaggedArticle{
		Article: news.Article{URL: url, Source: source, Outlet: outlet, Title: title, Text: text,
			Lang: "en", Kind: "news", PublishedAt: published.UTC(), FetchedAt: published.UTC().Add(time.Hour),
			StoryID: story},
		Tagging: news.Tagging{Ruleset: ruleset},
	}
}

// Match adds a match of term (the n-th occurrence is not needed: the first)
// in the headline or text, with the offsets and sentence a tagger would
// give. voice "journalist" and "author" are outside quotes.
func Match(a *news.TaggedArticle, rule, category, severity, term, voice, location string, suggest ...string) {
	src := a.Text
	if location == news.Headline {
		src = a.Title
	}
	i := strings.Index(src, term)
	if i < 0 {
		panic("reporttest: " + term + " not in " + a.URL)
	}
	a.Matches = append(a.Matches, news.Match{
		Rule: rule, Kind: "term", Category: category, Severity: severity, Text: term,
		Start: i, End: i + len(term), InQuote: voice != "journalist" && voice != "author", Voice: voice,
		Location: location, Sentence: sentenceAt(src, i), Suggest: suggest,
		Message: "Message for " + rule + ".",
	})
}

func sentenceAt(s string, i int) string {
	start := strings.LastIndexAny(s[:i], ".!?\n")
	end := strings.IndexAny(s[i:], ".!?\n")
	if end < 0 {
		end = len(s)
	} else {
		end += i + 1
	}
	return strings.TrimSpace(s[start+1 : end])
}

// Frames marks the given frames fired (score 6) and every other shipped
// frame not fired (score 1).
func Frames(a *news.TaggedArticle, fired ...string) {
	on := map[string]bool{}
	for _, f := range fired {
		on[f] = true
	}
	for _, f := range []string{"punitive", "rehabilitative", "episodic", "thematic", "sensationalist",
		"victim_centred", "racial_disparity", "lived_experience"} {
		fs := news.FrameScore{Frame: f, Score: 1}
		if on[f] {
			fs = news.FrameScore{Frame: f, Score: 6, Fired: true, Evidence: []string{f + " cue"}}
		}
		a.Frames = append(a.Frames, fs)
	}
}

// Entity adds a named entity.
func Entity(a *news.TaggedArticle, name, typ string, count int) {
	a.Entities = append(a.Entities, news.Entity{Name: name, Type: typ, Count: count})
}
