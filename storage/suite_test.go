package storage_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/storetest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

// suite is every storage case; each gets a fresh migrated store.
var suite = []struct {
	name string
	run  func(t *testing.T, ctx context.Context, st *storage.Store)
}{
	{"MigrateTwice", testMigrateTwice},
	{"ReinsertSameURL", testReinsert},
	{"UTF8RoundTrip", testUTF8},
	{"TimeZones", testTimeZones},
	{"ArraysAndTagging", testArrays},
	{"Fingerprint64", testFingerprint},
	{"KnownURLs", testKnownURLs},
	{"RecentPrints", testRecentPrints},
	{"FeedState", testFeedState},
	{"ScanArticlesPaging", testScan},
	{"SaveTaggingReplaces", testRetag},
	{"CrawlLog", testCrawlLog},
	{"Sources", testSources},
	{"SchemaDocQueries", testDocQueries},
	{"ShippedQueries", testShippedQueries},
	{"MergesChangeNothing", testMergesChangeNothing},
	{"JobLeases", testJobLeases},
}

func TestStorage(t *testing.T) {
	for _, be := range storetest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			for _, c := range suite {
				t.Run(c.name, func(t *testing.T) {
					st := be.Open(t)
					ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
					defer cancel()
					c.run(t, ctx, st)
				})
			}
		})
	}
}

var base = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC) // a Monday

func article(url string, pub time.Time) news.Article {
	return news.Article{
		URL: url, Source: "northern-gazette", Outlet: "Northern Gazette", Title: "Title of " + url,
		Byline: "A Reporter", Text: "First paragraph.\n\nSecond paragraph.", Summary: "Summary.",
		Lang: "en", Kind: "news", PublishedAt: pub, FetchedAt: pub.Add(time.Hour), StoryID: "story-" + url,
		Fingerprint: 42,
	}
}

func save(t *testing.T, ctx context.Context, st *storage.Store, arts ...news.Article) {
	t.Helper()
	ta := make([]news.TaggedArticle, len(arts))
	for i, a := range arts {
		ta[i] = news.TaggedArticle{Article: a}
	}
	if err := st.SaveArticles(ctx, ta); err != nil {
		t.Fatal(err)
	}
}

func query(t *testing.T, ctx context.Context, st *storage.Store, q string, params map[string]string) [][]any {
	t.Helper()
	rows, err := st.Query(ctx, q, params)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows.Data
}

func count(t *testing.T, ctx context.Context, st *storage.Store, q string, params map[string]string) int {
	t.Helper()
	d := query(t, ctx, st, q, params)
	if len(d) != 1 || len(d[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", q, d)
	}
	switch n := d[0][0].(type) {
	case uint64:
		return int(n)
	case int64:
		return int(n)
	}
	t.Fatalf("%s: count is %T", q, d[0][0])
	return 0
}

func testMigrateTwice(t *testing.T, ctx context.Context, st *storage.Store) {
	migs, err := storage.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil { // second run: a no-op
		t.Fatalf("second Migrate: %v", err)
	}
	applied, err := st.AppliedMigrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migs {
		if !applied[m.Version] {
			t.Errorf("migration %s not recorded", m.Name)
		}
	}
	if n := count(t, ctx, st, "SELECT count() FROM schema_migrations", nil); n != len(migs) {
		t.Errorf("schema_migrations has %d rows after two runs, want %d", n, len(migs))
	}
	var names []string
	for _, r := range query(t, ctx, st, "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name", nil) {
		names = append(names, r[0].(string))
	}
	for _, want := range []string{"articles", "article_tags", "matches", "frames", "entities", "quotes",
		"sources", "crawl_log", "feed_state", "current_articles", "current_matches", "current_frames",
		"current_entities", "current_quotes", "schema_migrations", "tag_generations", "taggings",
		"superseded_taggings", "superseded_articles", "generation_in_force", "source_map", "current_taggings",
		"match_counts", "match_counts_mv", "rule_counts_hourly", "weekly_rule_counts", "weekly_frame_counts",
		"weekly_frame_share", "articles_by_time", "articles_by_time_mv", "quotes_by_time", "current_articles_by_time",
		"current_quotes_by_time", "taggings_by_time", "current_taggings_by_time"} {
		if !slices.Contains(names, want) {
			t.Errorf("table or view %s missing; have %v", want, names)
		}
	}
}

func testReinsert(t *testing.T, ctx context.Context, st *storage.Store) {
	// Hold merges so every check below sees the state before them.
	if err := st.Exec(ctx, "SYSTEM STOP MERGES articles", nil); err != nil {
		t.Fatal(err)
	}
	a := article("https://example.org/a", base)
	save(t, ctx, st, a)
	a.Title, a.Text, a.PublishedAt = "Corrected headline", "Corrected body.", base.Add(2*time.Hour)
	save(t, ctx, st, a)
	save(t, ctx, st, article("https://example.org/b", base))

	if n, err := st.CountArticles(ctx, time.Time{}); err != nil || n != 2 {
		t.Fatalf("CountArticles = %d, %v; want 2", n, err)
	}
	if n := count(t, ctx, st, "SELECT count() FROM articles", nil); n != 3 {
		t.Fatalf("articles holds %d rows before merges, want 3 (the test relies on an unmerged re-insert)", n)
	}
	for _, q := range []string{
		"SELECT count() FROM current_articles",
		"SELECT count() FROM articles FINAL",
		"SELECT uniqExact(url) FROM articles",
		"SELECT count() FROM current_articles WHERE published_at >= toDateTime('2026-11-02 00:00:00', 'UTC')",
	} {
		if n := count(t, ctx, st, q, nil); n != 2 {
			t.Errorf("%s = %d, want 2", q, n)
		}
	}
	got, ok, err := st.Article(ctx, a.URL)
	if err != nil || !ok {
		t.Fatalf("Article: %v %v", ok, err)
	}
	if got.Title != "Corrected headline" || got.Text != "Corrected body." || !got.PublishedAt.Equal(a.PublishedAt) {
		t.Errorf("Article = %q %q %v; want the newest version", got.Title, got.Text, got.PublishedAt)
	}
	// The view and FINAL agree with argMax on which version is current.
	d := query(t, ctx, st, "SELECT title FROM current_articles WHERE url = {u:String}", map[string]string{"u": a.URL})
	if len(d) != 1 || d[0][0] != "Corrected headline" {
		t.Errorf("current_articles title = %v", d)
	}
	// The same URL twice in one call: the last one wins, one article.
	c1, c2 := article("https://example.org/c", base.Add(5*time.Hour)), article("https://example.org/c", base.Add(5*time.Hour))
	c2.Title = "second"
	save(t, ctx, st, c1, c2)
	if got, _, _ := st.Article(ctx, c1.URL); got.Title != "second" {
		t.Errorf("same URL twice in one save: title %q, want the last", got.Title)
	}
	if n := count(t, ctx, st, "SELECT count() FROM articles WHERE url = 'https://example.org/c'", nil); n != 1 {
		t.Errorf("same URL twice in one save wrote %d rows", n)
	}
	// A filter on a column that changed between versions must not
	// resurrect the old version.
	for _, from := range []string{"current_articles", "articles FINAL"} {
		if n := count(t, ctx, st, "SELECT count() FROM "+from+" WHERE published_at = {p:DateTime}",
			map[string]string{"p": base.Format(time.RFC3339)}); n != 1 {
			t.Errorf("%s rows published at the old time = %d, want 1 (only /b)", from, n)
		}
		if n := count(t, ctx, st, "SELECT count() FROM "+from+" WHERE title = 'Title of https://example.org/a'", nil); n != 0 {
			t.Errorf("%s: WHERE on the old title finds %d rows, want 0", from, n)
		}
	}
}

func testUTF8(t *testing.T, ctx context.Context, st *storage.Store) {
	a := article("https://example.org/caf%C3%A9?q=1", base)
	a.Title = "“Prolific offender” jailed — Siân Llŷr and Pádraig Ó Súilleabháin 🚔"
	a.Byline = "Dafydd ap Gwilym & Máire Ní Bhriain"
	a.Text = "He said: ‘I’m sorry.’\n\nBackslash \\ quote ' tab\tnul-free. 中文 ✓"
	save(t, ctx, st, a)
	got, ok, err := st.Article(ctx, a.URL)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got.Title != a.Title || got.Byline != a.Byline || got.Text != a.Text || got.URL != a.URL {
		t.Errorf("round trip changed text:\n got %q %q %q\nwant %q %q %q", got.Title, got.Byline, got.Text, a.Title, a.Byline, a.Text)
	}
	// Parameters carry UTF-8 into WHERE clauses too.
	if n := count(t, ctx, st, "SELECT count() FROM current_articles WHERE byline = {b:String}",
		map[string]string{"b": a.Byline}); n != 1 {
		t.Errorf("lookup by UTF-8 byline found %d", n)
	}
	if n := count(t, ctx, st, "SELECT lengthUTF8(title) FROM current_articles", nil); n != len([]rune(a.Title)) {
		t.Errorf("lengthUTF8 = %d, want %d", n, len([]rune(a.Title)))
	}
}

func testTimeZones(t *testing.T, ctx context.Context, st *storage.Store) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	bst := time.Date(2026, 7, 1, 9, 30, 15, 0, london)    // 08:30:15 UTC
	gmt := time.Date(2026, 12, 31, 23, 59, 59, 0, london) // same as UTC
	late := time.Date(2026, 3, 30, 0, 30, 0, 0, london)   // 23:30 UTC on Sunday 29th
	for _, p := range []time.Time{bst, gmt, late} {
		save(t, ctx, st, article("https://example.org/"+p.Format("20060102"), p))
	}
	for _, p := range []time.Time{bst, gmt, late} {
		got, _, err := st.Article(ctx, "https://example.org/"+p.Format("20060102"))
		if err != nil {
			t.Fatal(err)
		}
		if !got.PublishedAt.Equal(p) || got.PublishedAt.Location() != time.UTC {
			t.Errorf("published_at = %v (%v), want %v in UTC", got.PublishedAt, got.PublishedAt.Location(), p.UTC())
		}
	}
	// Server-side date functions see UTC, whatever the machine's zone.
	d := query(t, ctx, st, `SELECT toString(published_at), toString(toMonday(published_at))
FROM current_articles ORDER BY published_at`, nil)
	want := [][]any{
		{"2026-03-29 23:30:00", "2026-03-23"},
		{"2026-07-01 08:30:15", "2026-06-29"},
		{"2026-12-31 23:59:59", "2026-12-28"},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("server-side UTC view:\n got %v\nwant %v", d, want)
	}
	// A DateTime parameter is read as UTC.
	if n := count(t, ctx, st, "SELECT count() FROM current_articles WHERE published_at >= {s:DateTime}",
		map[string]string{"s": "2026-07-01T09:30:15+01:00"}); n != 2 {
		t.Errorf("since BST instant: %d articles, want 2", n)
	}
	// A missing date falls back to fetched_at.
	a := article("https://example.org/undated", time.Time{})
	a.FetchedAt = bst
	save(t, ctx, st, a)
	got, _, _ := st.Article(ctx, a.URL)
	if !got.PublishedAt.Equal(bst) {
		t.Errorf("undated article published_at = %v, want fetched_at %v", got.PublishedAt, bst)
	}
}

func tagged(a news.Article, ruleset string, rules ...string) news.TaggedArticle {
	ta := news.TaggedArticle{Article: a, Tagging: news.Tagging{Ruleset: ruleset}}
	for i, r := range rules {
		ta.Matches = append(ta.Matches, news.Match{Rule: r, Kind: "term", Category: "person-first", Severity: "high",
			Text: r, Start: i * 10, End: i*10 + len(r), Voice: "journalist", Location: news.Body, Sentence: "… " + r + " …",
			Suggest: []string{"person in prison", "person with a conviction"}, Message: "Say who, not what: " + r})
	}
	ta.Frames = []news.FrameScore{
		{Frame: "punitive", Score: 2.5, Fired: true, Strong: true, Evidence: []string{"locked up", "“thug”"}},
		{Frame: "rehabilitative", Score: 0.5, Evidence: nil},
	}
	ta.Entities = []news.Entity{{Name: "HMP Wandsworth", Type: "PRISON", Count: 2}}
	ta.Quotes = []news.QuoteSpan{{Location: news.Body, Start: 5, End: 40, Voice: "quote", Cue: "said", Speaker: "Jo Bloggs", Role: "lived_experience", Kind: "direct", Words: 6}}
	return ta
}

func testArrays(t *testing.T, ctx context.Context, st *storage.Store) {
	ta := tagged(article("https://example.org/t", base), "rs1", "offender", "convict")
	if err := st.SaveArticles(ctx, []news.TaggedArticle{ta}); err != nil {
		t.Fatal(err)
	}
	d := query(t, ctx, st, "SELECT frame, evidence, fired, score FROM current_frames ORDER BY frame", nil)
	want := [][]any{
		{"punitive", []any{"locked up", "“thug”"}, int64(1), 2.5},
		{"rehabilitative", []any{}, int64(0), 0.5},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("frames:\n got %#v\nwant %#v", d, want)
	}
	d = query(t, ctx, st, "SELECT frames_fired, matches, ruleset, generation FROM current_taggings", nil)
	if !reflect.DeepEqual(d, [][]any{{[]any{"punitive"}, int64(2), "rs1", uint64(1)}}) {
		t.Errorf("current_taggings = %#v", d)
	}
	// Arrays built server-side decode the same way.
	d = query(t, ctx, st, "SELECT groupArray(rule) FROM (SELECT rule FROM current_matches ORDER BY rule)", nil)
	if !reflect.DeepEqual(d, [][]any{{[]any{"convict", "offender"}}}) {
		t.Errorf("groupArray = %#v", d)
	}
	d = query(t, ctx, st, "SELECT url, story_id, outlet, published_at, start_offset, end_offset, voice FROM current_matches WHERE rule = 'convict'", nil)
	if !reflect.DeepEqual(d, [][]any{{ta.URL, ta.StoryID, ta.Outlet, base, int64(10), int64(17), "journalist"}}) {
		t.Errorf("denormalised match = %#v", d)
	}
	d = query(t, ctx, st, "SELECT suggest, message FROM current_matches WHERE rule = 'convict'", nil)
	if !reflect.DeepEqual(d, [][]any{{[]any{"person in prison", "person with a conviction"}, "Say who, not what: convict"}}) {
		t.Errorf("match advice = %#v", d)
	}
	d = query(t, ctx, st, "SELECT name, type, mentions FROM current_entities", nil)
	if !reflect.DeepEqual(d, [][]any{{"HMP Wandsworth", "PRISON", int64(2)}}) {
		t.Errorf("entities = %#v", d)
	}
	d = query(t, ctx, st, "SELECT speaker, cue, start_offset, role, kind, words FROM current_quotes", nil)
	if !reflect.DeepEqual(d, [][]any{{"Jo Bloggs", "said", int64(5), "lived_experience", "direct", int64(6)}}) {
		t.Errorf("quotes = %#v", d)
	}
}

func testFingerprint(t *testing.T, ctx context.Context, st *storage.Store) {
	prints := []uint64{0, 1, 1<<63 + 5, ^uint64(0), 0x9e3779b97f4a7c15}
	for i, fp := range prints {
		a := article(fmt.Sprintf("https://example.org/fp%d", i), base)
		a.Fingerprint = fp
		save(t, ctx, st, a)
	}
	got, err := st.RecentPrints(ctx, base.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]uint64{}
	for _, p := range got {
		m[p.URL] = p.Fingerprint
	}
	for i, fp := range prints {
		if u := fmt.Sprintf("https://example.org/fp%d", i); m[u] != fp {
			t.Errorf("fingerprint of %s = %#x, want %#x", u, m[u], fp)
		}
	}
	// And in plain query results, as uint64.
	d := query(t, ctx, st, "SELECT max(fingerprint) FROM current_articles", nil)
	if d[0][0] != ^uint64(0) {
		t.Errorf("max(fingerprint) = %#v", d[0][0])
	}
}

func testKnownURLs(t *testing.T, ctx context.Context, st *storage.Store) {
	save(t, ctx, st, article("https://example.org/1", base), article("https://example.org/it's", base))
	save(t, ctx, st, article("https://example.org/1", base))
	urls := []string{"https://example.org/1", "https://example.org/it's", "https://example.org/new"}
	for i := 0; i < 1500; i++ { // more than one IN list
		urls = append(urls, fmt.Sprintf("https://example.org/missing/%d", i))
	}
	known, err := st.KnownURLs(ctx, urls)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(known, map[string]bool{"https://example.org/1": true, "https://example.org/it's": true}) {
		t.Errorf("KnownURLs = %v", known)
	}
	if known, err := st.KnownURLs(ctx, nil); err != nil || len(known) != 0 {
		t.Errorf("KnownURLs(nil) = %v, %v", known, err)
	}
}

func testRecentPrints(t *testing.T, ctx context.Context, st *storage.Store) {
	old := article("https://example.org/old", base.AddDate(0, 0, -30))
	recent := article("https://example.org/recent", base)
	recent.StoryID, recent.Fingerprint = "s1", 7
	save(t, ctx, st, old, recent)
	recent.StoryID, recent.Fingerprint = "s2", 8 // re-crawl reassigns the story
	save(t, ctx, st, recent)
	got, err := st.RecentPrints(ctx, base.AddDate(0, 0, -14))
	if err != nil {
		t.Fatal(err)
	}
	want := []storage.StoryPrint{{URL: recent.URL, StoryID: "s2", Fingerprint: 8}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RecentPrints = %+v, want %+v", got, want)
	}
}

func testFeedState(t *testing.T, ctx context.Context, st *storage.Store) {
	const u = "https://example.org/feed.xml"
	if v, err := st.FeedState(ctx, u); err != nil || v != (storage.FeedValidators{}) {
		t.Fatalf("FeedState before any save = %+v, %v", v, err)
	}
	if err := st.SaveFeedState(ctx, u, storage.FeedValidators{ETag: `"v1"`, LastModified: "Mon, 02 Nov 2026 09:00:00 GMT"}); err != nil {
		t.Fatal(err)
	}
	want := storage.FeedValidators{ETag: `W/"v2"`, LastModified: "Tue, 03 Nov 2026 09:00:00 GMT"}
	if err := st.SaveFeedState(ctx, u, want); err != nil {
		t.Fatal(err)
	}
	if v, err := st.FeedState(ctx, u); err != nil || v != want {
		t.Errorf("FeedState = %+v, %v; want %+v", v, err, want)
	}
}

func testScan(t *testing.T, ctx context.Context, st *storage.Store) {
	var arts []news.Article
	for i := 0; i < 25; i++ {
		arts = append(arts, article(fmt.Sprintf("https://example.org/s/%02d", i), base.Add(time.Duration(i)*time.Hour)))
	}
	save(t, ctx, st, arts...)
	// Re-crawl every third article: still one each, newest text.
	var again []news.Article
	for i := 0; i < 25; i += 3 {
		a := arts[i]
		a.Text = "updated"
		again = append(again, a)
	}
	save(t, ctx, st, again...)

	for _, batch := range []int{1, 7, 25, 100} {
		var urls []string
		pages := 0
		err := st.ScanArticles(ctx, time.Time{}, batch, func(page []news.Article) error {
			pages++
			if len(page) > batch {
				t.Errorf("batch %d: page of %d", batch, len(page))
			}
			for _, a := range page {
				urls = append(urls, a.URL)
				i := 0
				fmt.Sscanf(a.URL, "https://example.org/s/%d", &i)
				if wantUpdated := i%3 == 0; (a.Text == "updated") != wantUpdated {
					t.Errorf("%s text %q: not the current version", a.URL, a.Text)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(urls) != 25 || !sort.StringsAreSorted(urls) || len(slices.Compact(slices.Clone(urls))) != 25 {
			t.Errorf("batch %d: scanned %d urls (sorted %v): %v", batch, len(urls), sort.StringsAreSorted(urls), urls)
		}
	}
	// since filters on the current published_at.
	var n int
	err := st.ScanArticles(ctx, base.Add(20*time.Hour), 4, func(page []news.Article) error { n += len(page); return nil })
	if err != nil || n != 5 {
		t.Errorf("scan since +20h: %d articles, %v; want 5", n, err)
	}
	if c, err := st.CountArticles(ctx, base.Add(20*time.Hour)); err != nil || c != 5 {
		t.Errorf("CountArticles since +20h = %d, %v; want 5", c, err)
	}
	// fn's error stops the scan and is returned.
	stop := fmt.Errorf("stop")
	if err := st.ScanArticles(ctx, time.Time{}, 5, func([]news.Article) error { return stop }); err != stop {
		t.Errorf("ScanArticles error = %v, want fn's", err)
	}
}

func testRetag(t *testing.T, ctx context.Context, st *storage.Store) {
	a := article("https://example.org/r", base)
	b := article("https://example.org/untouched", base)
	if err := st.SaveArticles(ctx, []news.TaggedArticle{
		tagged(a, "old-rules", "offender", "lag"), tagged(b, "old-rules", "inmate"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveTagging(ctx, []news.TaggedArticle{tagged(a, "new-rules", "prisoner")}); err != nil {
		t.Fatal(err)
	}
	d := query(t, ctx, st, "SELECT url, ruleset, rule FROM current_matches ORDER BY url, rule", nil)
	want := [][]any{{a.URL, "new-rules", "prisoner"}, {b.URL, "old-rules", "inmate"}}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("current_matches after retag:\n got %v\nwant %v", d, want)
	}
	for _, view := range []string{"current_frames", "current_entities", "current_quotes"} {
		if n := count(t, ctx, st, "SELECT count() FROM "+view+" WHERE url = {u:String} AND tag_version NOT IN (SELECT max(tag_version) FROM taggings WHERE url = {u:String})",
			map[string]string{"u": a.URL}); n != 0 {
			t.Errorf("%s keeps %d rows of the old tagging", view, n)
		}
	}
	if n := count(t, ctx, st, "SELECT count() FROM current_frames WHERE url = {u:String}", map[string]string{"u": a.URL}); n != 2 {
		t.Errorf("current_frames rows for retagged article = %d, want 2", n)
	}
	// A retag that finds nothing clears the matches in force.
	empty := news.TaggedArticle{Article: a, Tagging: news.Tagging{Ruleset: "newer-rules"}}
	if err := st.SaveTagging(ctx, []news.TaggedArticle{empty}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, ctx, st, "SELECT count() FROM current_matches WHERE url = {u:String}", map[string]string{"u": a.URL}); n != 0 {
		t.Errorf("current_matches after an empty retag = %d, want 0", n)
	}
	// The article itself was not rewritten by retags.
	if n := count(t, ctx, st, "SELECT count() FROM articles", nil); n != 2 {
		t.Errorf("articles rows = %d, want 2", n)
	}
	// Saving an untagged article keeps the tagging in force.
	save(t, ctx, st, b)
	if n := count(t, ctx, st, "SELECT count() FROM current_matches WHERE url = {u:String}", map[string]string{"u": b.URL}); n != 1 {
		t.Errorf("untagged re-save dropped the tagging: %d matches", n)
	}
}

func testCrawlLog(t *testing.T, ctx context.Context, st *storage.Store) {
	ev := []news.CrawlEvent{
		{Time: base, Source: "s", URL: "https://example.org/feed", Status: 304, Duration: 120 * time.Millisecond, Outcome: news.NotModified},
		{Time: base.Add(time.Second), Source: "s", URL: "https://example.org/x", Status: 0, Bytes: 0,
			Duration: 20 * time.Second, Outcome: news.Failed, Error: "timeout: context deadline exceeded"},
		{Time: base.Add(2 * time.Second), Source: "s", URL: "https://example.org/y", Status: 200, Bytes: 5 << 30,
			Duration: 800 * time.Millisecond, Outcome: news.Stored},
	}
	if err := st.LogCrawl(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if err := st.LogCrawl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	d := query(t, ctx, st, "SELECT time, source, url, status, bytes, duration_ms, duration, outcome, error FROM crawl_log ORDER BY time", nil)
	want := [][]any{
		{base, "s", "https://example.org/feed", int64(304), uint64(0), int64(120), 0.12, "not_modified", ""},
		{base.Add(time.Second), "s", "https://example.org/x", int64(0), uint64(0), int64(20000), 20.0, "failed", "timeout: context deadline exceeded"},
		{base.Add(2 * time.Second), "s", "https://example.org/y", int64(200), uint64(5 << 30), int64(800), 0.8, "stored", ""},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("crawl_log:\n got %v\nwant %v", d, want)
	}
	// Rows written before migration 003 (no duration) compute it.
	if err := st.Exec(ctx, "INSERT INTO crawl_log (time, source, url, duration_ms) SELECT toDateTime('2020-01-01 00:00:00', 'UTC'), 'old', 'u', 1500", nil); err != nil {
		t.Fatal(err)
	}
	if d := query(t, ctx, st, "SELECT duration FROM crawl_log WHERE source = 'old'", nil); !reflect.DeepEqual(d, [][]any{{1.5}}) {
		t.Errorf("duration of a row without it = %v, want 1.5", d)
	}
}

func testSources(t *testing.T, ctx context.Context, st *storage.Store) {
	src := []news.Source{{Name: "a", Outlet: "Outlet A", Kind: "rss", URL: "https://a.example/feed", Schedule: "@every 30m", Topic: "justice"}}
	if err := st.SaveSources(ctx, src); err != nil {
		t.Fatal(err)
	}
	src[0].Outlet = "Outlet A (renamed)"
	if err := st.SaveSources(ctx, src); err != nil {
		t.Fatal(err)
	}
	d := query(t, ctx, st, "SELECT name, outlet, kind, schedule FROM sources FINAL", nil)
	if !reflect.DeepEqual(d, [][]any{{"a", "Outlet A (renamed)", "rss", "@every 30m"}}) {
		t.Errorf("sources FINAL = %v", d)
	}
}

// testDocQueries runs every ```sql block of docs/schema.md on a small data
// set, so the documented queries are known to run on every engine.
func testDocQueries(t *testing.T, ctx context.Context, st *storage.Store) {
	src, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Skip("docs/schema.md:", err)
	}
	blocks := sqlBlocks(string(src))
	if len(blocks) < 5 {
		t.Fatalf("docs/schema.md has %d sql blocks, want at least 5", len(blocks))
	}
	a := tagged(article("https://example.org/d1", base), "rs", "offender")
	b := tagged(article("https://example.org/d2", base.Add(24*time.Hour)), "rs", "offender", "lag")
	b.StoryID = a.StoryID // a syndicated copy
	if err := st.SaveArticles(ctx, []news.TaggedArticle{a, b}); err != nil {
		t.Fatal(err)
	}
	if err := st.LogCrawl(ctx, []news.CrawlEvent{{Time: base, Source: "northern-gazette", URL: a.URL, Status: 200, Outcome: news.Stored}}); err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"since": "2026-10-01", "until": "2026-12-01", "url": a.URL, "outlet": a.Outlet}
	for i, q := range blocks {
		rows, err := st.Query(ctx, q, params)
		if err != nil {
			t.Errorf("docs/schema.md sql block %d:\n%s\n: %v", i+1, q, err)
			continue
		}
		if len(rows.Data) == 0 && !strings.Contains(q, "-- may be empty") {
			t.Errorf("docs/schema.md sql block %d returned no rows on the sample data:\n%s", i+1, q)
		}
	}
	t.Logf("ran %d queries from docs/schema.md", len(blocks))
}

func sqlBlocks(md string) []string {
	var out []string
	for {
		i := strings.Index(md, "```sql\n")
		if i < 0 {
			return out
		}
		md = md[i+len("```sql\n"):]
		j := strings.Index(md, "```")
		if j < 0 {
			return out
		}
		out = append(out, strings.TrimSpace(md[:j]))
		md = md[j+3:]
	}
}

// testShippedQueries runs every query of package queries (the digest's and
// analysts' SQL) with typical parameter values, so none of them uses SQL
// that one of the engines lacks.
func testShippedQueries(t *testing.T, ctx context.Context, st *storage.Store) {
	a := tagged(article("https://example.org/q1", base), "rs", "offender")
	if err := st.SaveArticles(ctx, []news.TaggedArticle{a}); err != nil {
		t.Fatal(err)
	}
	names := queries.List()
	if len(names) == 0 {
		t.Fatal("no shipped queries")
	}
	for _, name := range names {
		q, err := queries.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]string{}
		for _, p := range queries.Params(q) {
			params[p.Name] = sampleParam(p.Name, p.Type)
		}
		if _, err := st.Query(ctx, q, params); err != nil {
			t.Errorf("queries/%s.sql: %v", name, err)
		}
	}
}

func sampleParam(name, typ string) string {
	switch {
	case name == "tz":
		return "Europe/London"
	case name == "offset":
		return "0"
	case name == "outlet_type":
		return ""
	case strings.HasPrefix(typ, "DateTime"):
		return "2026-10-26T00:00:00Z"
	case typ == "Date":
		return "2026-10-26"
	case strings.HasPrefix(typ, "UInt"), strings.HasPrefix(typ, "Int"):
		return "10"
	case strings.HasPrefix(typ, "Float"):
		return "0.5"
	case typ == "Array(String)":
		return "punitive,rehabilitative"
	case name == "times": // beside rules and urls, as many
		return "2026-10-26T00:00:00Z,2026-10-27T00:00:00Z"
	case typ == "Array(DateTime)":
		return "2026-08-01T00:00:00Z,2026-10-26T00:00:00Z,2026-11-02T00:00:00Z,2026-12-01T00:00:00Z"
	}
	return "Northern Gazette"
}
