package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/storetest"
)

// TestUpgradeKeepsFigures fills a store in the schema before the read model
// (migration 3: tagging in force = max tag_version per url in article_tags),
// with a re-crawl, a retag and an orphan tag row, and migrates it: the
// current_* views must show what they showed before.
func TestUpgradeKeepsFigures(t *testing.T) {
	for _, be := range storetest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Bare(t)
			if err := st.MigrateTo(ctx, 3); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				`INSERT INTO articles (url, source, outlet, title, published_at, story_id, version)
				 SELECT 'a', 'ng', 'NG', 'old title', toDateTime('2026-11-02 09:30:00', 'UTC'), 's1', toUInt64(1)`,
				`INSERT INTO articles (url, source, outlet, title, published_at, story_id, version)
				 SELECT 'a', 'ng', 'NG', 'new title', toDateTime('2026-11-02 09:30:00', 'UTC'), 's1', toUInt64(2)`,
				`INSERT INTO articles (url, source, outlet, title, published_at, story_id, version)
				 SELECT 'b', 'dc', 'DC', 'b title', toDateTime('2026-11-03 09:30:00', 'UTC'), 's1', toUInt64(1)`,
				`INSERT INTO article_tags (url, ruleset, tag_version, frames_fired) SELECT 'a', 'rs-old', toUInt64(10), ['punitive']`,
				`INSERT INTO article_tags (url, ruleset, tag_version, frames_fired) SELECT 'a', 'rs-new', toUInt64(20), ['rehabilitative']`,
				`INSERT INTO article_tags (url, ruleset, tag_version) SELECT 'b', 'rs-new', toUInt64(15)`,
				`INSERT INTO matches (url, story_id, tag_version, rule, voice) SELECT 'a', 's1', toUInt64(10), 'old-rule', 'journalist'`,
				`INSERT INTO matches (url, story_id, tag_version, rule, voice) SELECT 'a', 's1', toUInt64(20), 'new-rule', 'journalist'`,
				`INSERT INTO matches (url, story_id, tag_version, rule, voice, in_quote) SELECT 'a', 's1', toUInt64(20), 'new-rule', 'quote', toUInt8(1)`,
				`INSERT INTO matches (url, story_id, tag_version, rule, voice) SELECT 'b', 's1', toUInt64(15), 'b-rule', 'journalist'`,
				`INSERT INTO matches (url, story_id, tag_version, rule, voice) SELECT 'c', '', toUInt64(30), 'orphan', 'journalist'`,
				`INSERT INTO frames (url, published_at, outlet, story_id, tag_version, frame, fired)
				 SELECT 'a', toDateTime('2026-11-02 09:30:00', 'UTC'), 'NG', 's1', toUInt64(10), 'punitive', toUInt8(1)`,
				`INSERT INTO frames (url, published_at, outlet, story_id, tag_version, frame, fired)
				 SELECT 'a', toDateTime('2026-11-02 09:30:00', 'UTC'), 'NG', 's1', toUInt64(20), 'rehabilitative', toUInt8(1)`,
				`INSERT INTO entities (url, tag_version, name, type) SELECT 'a', toUInt64(10), 'Old Name', 'PERSON'`,
				`INSERT INTO entities (url, tag_version, name, type) SELECT 'a', toUInt64(20), 'HMP Leeds', 'PRISON'`,
				`INSERT INTO quotes (url, tag_version, speaker) SELECT 'a', toUInt64(10), 'old'`,
				`INSERT INTO quotes (url, tag_version, speaker) SELECT 'a', toUInt64(20), 'new'`,
			} {
				if err := st.Exec(ctx, q, nil); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string][][]any{
				"SELECT url, title, story_key FROM current_articles ORDER BY url":        {{"a", "new title", "s1"}, {"b", "b title", "s1"}},
				"SELECT url, rule, voice FROM current_matches ORDER BY url, voice":       {{"a", "new-rule", "journalist"}, {"a", "new-rule", "quote"}, {"b", "b-rule", "journalist"}},
				"SELECT url, frame FROM current_frames":                                  {{"a", "rehabilitative"}},
				"SELECT url, name FROM current_entities":                                 {{"a", "HMP Leeds"}},
				"SELECT url, speaker FROM current_quotes":                                {{"a", "new"}},
				"SELECT url, speaker, outlet, story_key FROM current_quotes_by_time":     {{"a", "new", "NG", "s1"}},
				"SELECT url, title FROM current_articles_by_time ORDER BY url":           {{"a", "new title"}, {"b", "b title"}},
				"SELECT url, ruleset, outlet FROM current_taggings_by_time ORDER BY url": {{"a", "rs-new", "NG"}, {"b", "rs-new", "DC"}},
				"SELECT url, ruleset, generation FROM current_taggings ORDER BY url": {
					{"a", "rs-new", uint64(1)}, {"b", "rs-new", uint64(1)}},
				"SELECT uniqExact(story_key), countIf(journalist_voice = 1), countIf(quoted = 1) FROM current_matches": {
					{uint64(1), uint64(2), uint64(1)}},
			} {
				if got := query(t, ctx, st, q, nil); !reflect.DeepEqual(got, want) {
					t.Errorf("after upgrade, %s:\n got %v\nwant %v", q, got, want)
				}
			}
			checkRuleCounts(t, ctx, st, "after the upgrade")
			checkTimeOrdered(t, ctx, st, "after the upgrade")
			// Migration 012 indexed the stored rows: every article row's story
			// and date, every match row's rule and date.
			nov2, nov3, zero := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC), time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC), time.Unix(0, 0).UTC()
			for q, want := range map[string][][]any{
				"SELECT DISTINCT story_key, url, published_at FROM story_articles ORDER BY url": {{"s1", "a", nov2}, {"s1", "b", nov3}},
				"SELECT DISTINCT url, rule, published_at FROM article_rules ORDER BY url, rule": {
					{"a", "new-rule", zero}, {"a", "old-rule", zero}, {"b", "b-rule", zero}, {"c", "orphan", zero}},
			} {
				if got := query(t, ctx, st, q, nil); !reflect.DeepEqual(got, want) {
					t.Errorf("after upgrade, %s:\n got %v\nwant %v", q, got, want)
				}
			}
			// A re-crawl after the upgrade replaces the upgraded tagging.
			a := article("a", base)
			ta := tagged(a, "rs-3", "newest")
			if err := st.SaveArticles(ctx, []news.TaggedArticle{ta}); err != nil {
				t.Fatal(err)
			}
			if got := query(t, ctx, st, "SELECT rule FROM current_matches WHERE url = 'a'", nil); !reflect.DeepEqual(got, [][]any{{"newest"}}) {
				t.Errorf("re-crawl after upgrade: matches of a = %v", got)
			}
			if n := count(t, ctx, st, "SELECT count() FROM current_articles", nil); n != 2 {
				t.Errorf("re-crawl after upgrade: %d current articles, want 2", n)
			}
			checkRuleCounts(t, ctx, st, "after a re-crawl of an upgraded article")
			checkTimeOrdered(t, ctx, st, "after a re-crawl of an upgraded article")
			// … and the materialized views index what it wrote.
			for q, want := range map[string][][]any{
				"SELECT DISTINCT story_key, published_at FROM story_articles WHERE url = 'a' ORDER BY story_key": {{"s1", nov2}, {a.StoryID, base}},
				"SELECT DISTINCT rule, published_at FROM article_rules WHERE url = 'a' ORDER BY rule": {
					{"new-rule", zero}, {"newest", base}, {"old-rule", zero}},
			} {
				if got := query(t, ctx, st, q, nil); !reflect.DeepEqual(got, want) {
					t.Errorf("after a re-crawl, %s:\n got %v\nwant %v", q, got, want)
				}
			}
		})
	}
}

// testMergesChangeNothing builds a store with every way a row can be
// replaced (re-crawl, re-tag in the generation, a retag into a new
// generation with an out-of-scope article carried over), checks the figures
// against known answers, forces every merge with OPTIMIZE … FINAL, and
// checks that every view and every shipped query answers the same.
func testMergesChangeNothing(t *testing.T, ctx context.Context, st *storage.Store) {
	x := article("https://example.org/x", base)
	y := article("https://example.org/y", base.Add(time.Hour))
	z := article("https://example.org/z", base.Add(2*time.Hour))
	old := article("https://example.org/old", base.AddDate(0, 0, -60))
	y.StoryID, z.StoryID = "story-yz", "story-yz"
	if err := st.SaveArticles(ctx, []news.TaggedArticle{
		tagged(x, "rs1", "offender"), tagged(y, "rs1", "offender"), tagged(z, "rs1"), tagged(old, "rs1", "lag"),
	}); err != nil {
		t.Fatal(err)
	}
	// The re-crawl moves x's date: articles_by_time, sorted by date, then
	// holds both versions under different keys.
	x.Title, x.PublishedAt = "re-crawled", x.PublishedAt.Add(20*time.Minute)
	if err := st.SaveArticles(ctx, []news.TaggedArticle{tagged(x, "rs1", "offender", "lag")}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveTagging(ctx, []news.TaggedArticle{tagged(y, "rs1", "inmate")}); err != nil {
		t.Fatal(err)
	}
	before := map[string][][]any{
		"SELECT url, rule FROM current_matches ORDER BY url, rule": {
			{old.URL, "lag"}, {x.URL, "lag"}, {x.URL, "offender"}, {y.URL, "inmate"}},
		"SELECT count(), uniqExact(story_key) FROM current_articles":             {{uint64(4), uint64(3)}},
		"SELECT title FROM current_articles WHERE url = 'https://example.org/x'": {{"re-crawled"}},
	}
	before["SELECT rule, sum(match_rows) FROM rule_counts_hourly GROUP BY rule ORDER BY rule"] = [][]any{
		{"inmate", int64(1)}, {"lag", int64(2)}, {"offender", int64(1)}}
	for q, want := range before {
		if got := query(t, ctx, st, q, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", q, got, want)
		}
	}
	checkRuleCounts(t, ctx, st, "after a re-crawl and a re-tag")
	checkTimeOrdered(t, ctx, st, "after a re-crawl and a re-tag")
	// A retag of the articles since base into generation 2: old is out of
	// scope and carried over.
	g, resume, err := st.BeginGeneration(ctx, "rs2", base.Add(-time.Hour))
	if err != nil || resume || g.Number != 2 {
		t.Fatalf("BeginGeneration = %+v, %v, %v", g, resume, err)
	}
	if err := st.SaveGenerationBatch(ctx, g.Number, []news.TaggedArticle{
		tagged(x, "rs2", "prisoner"), tagged(y, "rs2"), tagged(z, "rs2", "prisoner"),
	}); err != nil {
		t.Fatal(err)
	}
	if got := query(t, ctx, st, "SELECT count() FROM current_matches WHERE ruleset = 'rs2'", nil); !reflect.DeepEqual(got, [][]any{{uint64(0)}}) {
		t.Errorf("rows of a generation still building are visible: %v", got)
	}
	if err := st.CarryOver(ctx, g.Number); err != nil {
		t.Fatal(err)
	}
	if err := st.SwitchGeneration(ctx, g.Number); err != nil {
		t.Fatal(err)
	}
	after := map[string][][]any{
		"SELECT url, rule, ruleset FROM current_matches ORDER BY url, rule": {
			{old.URL, "lag", "rs1"}, {x.URL, "prisoner", "rs2"}, {z.URL, "prisoner", "rs2"}},
		"SELECT url, name FROM current_entities ORDER BY url": {
			{old.URL, "HMP Wandsworth"}, {x.URL, "HMP Wandsworth"}, {y.URL, "HMP Wandsworth"}, {z.URL, "HMP Wandsworth"}},
		"SELECT count() FROM current_frames":         {{uint64(8)}},
		"SELECT count() FROM current_quotes":         {{uint64(4)}},
		"SELECT count() FROM current_taggings":       {{uint64(4)}},
		"SELECT generation FROM generation_in_force": {{uint64(2)}},
		"SELECT rule, sum(match_rows) FROM rule_counts_hourly GROUP BY rule ORDER BY rule": {
			{"lag", int64(1)}, {"prisoner", int64(2)}},
		"SELECT week, rule, uses, journalist_uses, quoted_uses FROM weekly_rule_counts ORDER BY week, rule": {
			{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "lag", int64(1), int64(1), int64(0)},
			{base.Truncate(24 * time.Hour), "prisoner", int64(2), int64(2), int64(0)}},
		"SELECT week, frame, stories, total_stories, share FROM weekly_frame_share ORDER BY week, frame": {
			{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "punitive", uint64(1), uint64(1), 1.0},
			{base.Truncate(24 * time.Hour), "punitive", uint64(2), uint64(2), 1.0}},
		"SELECT week, frame, articles, stories FROM weekly_frame_counts ORDER BY week, frame": {
			{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "punitive", uint64(1), uint64(1)},
			{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "rehabilitative", uint64(0), uint64(0)},
			{base.Truncate(24 * time.Hour), "punitive", uint64(3), uint64(2)},
			{base.Truncate(24 * time.Hour), "rehabilitative", uint64(0), uint64(0)}},
	}
	for q, want := range after {
		if got := query(t, ctx, st, q, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("after the switch, %s:\n got %v\nwant %v", q, got, want)
		}
	}

	checkRuleCounts(t, ctx, st, "after a retag")
	checkTimeOrdered(t, ctx, st, "after a retag")

	// Every view and shipped query, before and after OPTIMIZE … FINAL.
	snapshot := func() map[string][][]any {
		out := map[string][][]any{}
		for q := range after {
			out[q] = query(t, ctx, st, q, nil)
		}
		for _, v := range []string{"current_articles", "current_matches", "current_frames", "current_entities",
			"current_quotes", "current_taggings", "rule_counts_hourly", "weekly_rule_counts", "weekly_frame_counts",
			"weekly_frame_share", "current_articles_by_time", "current_quotes_by_time", "current_taggings_by_time"} {
			q := "SELECT * FROM " + v
			rows := query(t, ctx, st, q, nil)
			sort.Slice(rows, func(i, j int) bool { return fmt.Sprint(rows[i]) < fmt.Sprint(rows[j]) })
			out[q] = rows
		}
		for _, name := range queries.List() {
			sql, err := queries.Get(name)
			if err != nil {
				t.Fatal(err)
			}
			params := map[string]string{}
			for _, p := range queries.Params(sql) {
				params[p.Name] = sampleParam(p.Name, p.Type)
			}
			params["week_start"], params["since"] = "2026-08-01T00:00:00Z", "2026-08-01T00:00:00Z"
			params["week_end"], params["until"] = "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"
			for _, k := range []string{"window_start", "lookback_start"} { // the whole period
				if _, ok := params[k]; ok {
					params[k] = params["since"]
				}
			}
			for _, k := range []string{"rule", "category", "frame", "outlet", "search"} {
				if _, ok := params[k]; ok {
					params[k] = ""
				}
			}
			if _, ok := params["voice"]; ok {
				params["voice"], params["location"] = "any", "any"
			}
			out[name] = query(t, ctx, st, sql, params)
		}
		return out
	}
	pre := snapshot()
	if len(pre["examples"]) == 0 || len(pre["frame_share"]) == 0 {
		t.Fatalf("shipped queries found nothing to compare: examples %v, frame_share %v", pre["examples"], pre["frame_share"])
	}
	for _, table := range []string{"articles", "matches", "frames", "entities", "quotes", "taggings",
		"tag_generations", "superseded_taggings", "superseded_articles", "match_counts", "articles_by_time",
		"quotes_by_time", "taggings_by_time",
		"story_articles", "article_rules"} {
		if err := st.Exec(ctx, "OPTIMIZE TABLE "+table+" FINAL", nil); err != nil {
			t.Fatal(err)
		}
	}
	post := snapshot()
	checkRuleCounts(t, ctx, st, "after OPTIMIZE … FINAL")
	checkTimeOrdered(t, ctx, st, "after OPTIMIZE … FINAL")
	for k, v := range pre {
		if !reflect.DeepEqual(post[k], v) {
			t.Errorf("%s changed after OPTIMIZE … FINAL:\nbefore %v\n after %v", k, v, post[k])
		}
	}
}

// checkRuleCounts asserts that rule_counts_hourly, kept by a materialized
// view, answers what counting current_matches answers.
func checkRuleCounts(t *testing.T, ctx context.Context, st *storage.Store, when string) {
	t.Helper()
	dims := "hour, source, outlet, rule, category, severity, voice, in_quote, location, journalist_voice, quoted"
	want := query(t, ctx, st, "SELECT toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, "+
		"in_quote, location, journalist_voice, quoted, toInt64(count()) FROM current_matches GROUP BY "+dims+" ORDER BY "+dims, nil)
	got := query(t, ctx, st, "SELECT "+dims+", match_rows FROM rule_counts_hourly ORDER BY "+dims, nil)
	if len(want) == 0 {
		t.Fatalf("%s: no current matches to count", when)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: rule_counts_hourly differs from current_matches:\n got %v\nwant %v", when, got, want)
	}
}

// checkTimeOrdered asserts that the time-ordered read model (migration 011)
// shows what the url-sorted tables show: current_articles_by_time the rows
// of current_articles, current_quotes_by_time and current_taggings_by_time
// the rows of current_quotes and current_taggings, each with its current
// article's date, source, outlet and story, and the fired frames of
// current_taggings_by_time those of current_frames.
func checkTimeOrdered(t *testing.T, ctx context.Context, st *storage.Store, when string) {
	t.Helper()
	cols := "url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, " +
		"word_count, version, story_key, week, outlet_type, nation, region"
	want := query(t, ctx, st, "SELECT "+cols+" FROM current_articles ORDER BY url, version", nil)
	got := query(t, ctx, st, "SELECT "+cols+" FROM current_articles_by_time ORDER BY url, version", nil)
	if len(want) == 0 {
		t.Fatalf("%s: no current articles to compare", when)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: current_articles_by_time differs from current_articles:\n got %v\nwant %v", when, got, want)
	}
	qcols := "url, generation, tag_version, location, start_offset, end_offset, voice, cue, speaker, unbalanced, role, kind, words"
	want = query(t, ctx, st, "SELECT "+qcols+" FROM current_quotes ORDER BY url, tag_version, start_offset", nil)
	got = query(t, ctx, st, "SELECT "+qcols+" FROM current_quotes_by_time ORDER BY url, tag_version, start_offset", nil)
	if len(want) == 0 {
		t.Fatalf("%s: no current quotes to compare", when)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: current_quotes_by_time differs from current_quotes:\n got %v\nwant %v", when, got, want)
	}
	tcols := "url, generation, ruleset, tag_version, tagged_at, matches, frames_fired"
	want = query(t, ctx, st, "SELECT "+tcols+" FROM current_taggings ORDER BY url", nil)
	got = query(t, ctx, st, "SELECT "+tcols+" FROM current_taggings_by_time ORDER BY url", nil)
	if len(want) == 0 {
		t.Fatalf("%s: no current taggings to compare", when)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: current_taggings_by_time differs from current_taggings:\n got %v\nwant %v", when, got, want)
	}
	// frame_share reads fired frames from frames_fired: they must be
	// current_frames' fired rows, article for article.
	want = query(t, ctx, st, "SELECT url, frame, published_at, outlet, story_key FROM current_frames WHERE fired = 1 ORDER BY url, frame", nil)
	got = query(t, ctx, st, "SELECT url, frame, published_at, outlet, story_key FROM current_taggings_by_time "+
		"ARRAY JOIN frames_fired AS frame ORDER BY url, frame", nil)
	if len(want) == 0 {
		t.Fatalf("%s: no fired frames to compare", when)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the frames_fired of current_taggings_by_time differ from current_frames' fired rows:\n got %v\nwant %v", when, got, want)
	}
	arts := map[string][]any{}
	for _, r := range query(t, ctx, st, "SELECT url, published_at, source, outlet, story_key, week FROM current_articles", nil) {
		arts[r[0].(string)] = r[1:]
	}
	for _, v := range []string{"current_quotes_by_time", "current_taggings_by_time"} {
		for _, r := range query(t, ctx, st, "SELECT url, published_at, source, outlet, story_key, week FROM "+v, nil) {
			if a, ok := arts[r[0].(string)]; !ok || !reflect.DeepEqual(r[1:], a) {
				t.Errorf("%s: %s row of %s carries %v, its current article %v", when, v, r[0], r[1:], a)
			}
		}
	}
}
