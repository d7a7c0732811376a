package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/storetest"
)

// appBackends are the 18.16 test server and an embedded store of the
// test's own, closed when it ends: the retag tests open embedded stores of
// their own after these, and chDB runs one data directory per process at a
// time (reporttest's shared one stays open for the whole binary).
var appBackends = []reporttest.Backend{
	{Name: "clickhouse-server", Open: reporttest.OpenServer},
	{Name: "chdb", Open: func(t testing.TB) *storage.Store {
		storetest.RequireLibchdb(t)
		return storetest.Open(t, "chdb://"+filepath.Join(t.TempDir(), "data"))
	}},
}

// The article page reads one article's rows in force by their indexes
// (article_rules, the article's dates, story_articles): after a re-crawl
// under a new date and new tags, and with copies of the story re-crawled
// into another story, it shows exactly the tagging and copies in force.
func TestArticleView(t *testing.T) {
	for _, be := range appBackends {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t)
			reporttest.Seed(t, st)
			cfg := testConfig(t)
			cfg.Sources = nil
			a := New(&cfg, Options{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})

			// a2 re-crawled a day later and tagged again; c2 moved to another story.
			w47 := reporttest.Week47
			a2 := reporttest.Article("https://ng.example/a2", "ng", "Northern Gazette", "S2",
				"Monster jailed for attack on pensioner", "The beast was jailed. Lags cheered.", w47.AddDate(0, 0, 2), "rs2")
			reporttest.Match(&a2, "prison.lag", "prison", "medium", "Lags", "journalist", news.Body, "prisoners")
			reporttest.Frames(&a2, "sensationalist")
			c2 := reporttest.Article("https://ep.example/c2", "ep", "Evening Post", "S9",
				"Monster jailed for attack on pensioner", "Jane Smith, 81, was attacked.", w47.AddDate(0, 0, 1), "rs1")
			reporttest.Frames(&c2)
			if err := st.SaveArticles(ctx, []news.TaggedArticle{a2, c2}); err != nil {
				t.Fatal(err)
			}

			v, err := a.Article(ctx, "https://ng.example/a2")
			if err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, m := range v.Matches {
				rules = append(rules, m.Rule+"/"+m.Voice+"/"+m.Location)
			}
			if want := []string{"prison.lag/journalist/body"}; !reflect.DeepEqual(rules, want) {
				t.Errorf("matches = %v, want %v", rules, want)
			}
			var fired []string
			for _, f := range v.Frames {
				if f.Fired {
					fired = append(fired, f.Frame)
				}
			}
			if want := []string{"sensationalist"}; !reflect.DeepEqual(fired, want) || len(v.Frames) != 8 || v.Ruleset != "rs2" {
				t.Errorf("frames fired %v of %d, ruleset %q; want %v of 8, rs2", fired, len(v.Frames), v.Ruleset, want)
			}
			if len(v.Copies) != 1 || v.Copies[0].URL != "https://dc.example/b2" || !v.Published.Equal(w47.AddDate(0, 0, 2)) {
				t.Errorf("copies %+v, published %s; want only b2", v.Copies, v.Published)
			}

			// An untouched article: its seeded tagging and both other copies.
			v, err = a.Article(ctx, "https://dc.example/b2")
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Matches) != 1 || v.Matches[0].Rule != "dehum.monster" || v.Matches[0].Location != news.Headline {
				t.Errorf("b2 matches = %+v", v.Matches)
			}
			if len(v.Frames) != 8 || !v.Frames[0].Fired || v.Frames[0].Frame != "punitive" {
				t.Errorf("b2 frames = %+v", v.Frames)
			}
			var copies []string
			for _, c := range v.Copies {
				copies = append(copies, c.URL)
			}
			if want := []string{"https://ng.example/a2"}; !reflect.DeepEqual(copies, want) {
				t.Errorf("b2 copies = %v, want %v", copies, want)
			}
			if v, err := a.Article(ctx, "https://ep.example/c2"); err != nil || len(v.Matches) != 0 || len(v.Copies) != 0 {
				t.Errorf("c2: %+v, %v; want no matches and no copies", v, err)
			}
		})
	}
}

// Trends over the seeded store, weeks in Europe/London (the default digest
// time zone): stories per week, the stories each frame fired in, and the
// flagged terms (uses only, low severity left out unless asked for).
func TestTrends(t *testing.T) {
	for _, be := range appBackends {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t)
			reporttest.Seed(t, st)
			cfg := testConfig(t)
			cfg.Sources = nil
			a := New(&cfg, Options{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
			now := reporttest.Week47.AddDate(0, 0, 6).Add(12 * time.Hour)
			tr, err := a.Trends(ctx, TrendOptions{Weeks: 6, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			var labels []string
			for _, w := range tr.Weeks {
				labels = append(labels, w.Label)
			}
			if want := []string{"2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"}; !reflect.DeepEqual(labels, want) {
				t.Fatalf("weeks %v, want %v", labels, want)
			}
			// p0 (18 Oct 23:30 UTC) is Monday 19 Oct in London; P1 in W45,
			// P2 in W46; five stories in W47.
			pt := func(fired, stories int64) SharePoint {
				p := SharePoint{Fired: fired, Stories: stories}
				if stories > 0 {
					p.Share = float64(fired) / float64(stories)
				}
				return p
			}
			want := map[string][]SharePoint{
				"punitive":       {pt(0, 0), pt(0, 1), pt(0, 0), pt(1, 1), pt(0, 1), pt(2, 5)},
				"episodic":       {pt(0, 0), pt(0, 1), pt(0, 0), pt(0, 1), pt(0, 1), pt(2, 5)},
				"rehabilitative": {pt(0, 0), pt(0, 1), pt(0, 0), pt(0, 1), pt(0, 1), pt(1, 5)},
				"thematic":       {pt(0, 0), pt(0, 1), pt(0, 0), pt(0, 1), pt(0, 1), pt(1, 5)},
			}
			got := map[string][]SharePoint{}
			for _, f := range tr.Frames {
				got[f.Frame] = f.Points
			}
			rs, err := a.Rules()
			if err != nil {
				t.Fatal(err)
			}
			var names, wantNames []string
			for _, f := range tr.Frames {
				names = append(names, f.Frame)
			}
			for _, f := range rs.Frames {
				wantNames = append(wantNames, f.ID)
			}
			sort.Strings(wantNames)
			if !reflect.DeepEqual(names, wantNames) { // the seeded 8 are among them
				t.Errorf("frames %v, want every frame of the rules in force %v", names, wantNames)
			}
			for f, w := range want {
				if !reflect.DeepEqual(got[f], w) {
					t.Errorf("%s: %v, want %v", f, got[f], w)
				}
			}
			terms := []TermPoint{{}, {}, {}, {}, {Flags: 1, Stories: 1}, {Flags: 7, Stories: 5}}
			if !reflect.DeepEqual(tr.Terms, terms) {
				t.Errorf("terms %v, want %v", tr.Terms, terms)
			}
			tr, err = a.Trends(ctx, TrendOptions{Weeks: 6, Now: now, Voice: "journalist", Outlet: "Daily Courier"})
			if err != nil {
				t.Fatal(err)
			}
			if w := (TermPoint{Flags: 2, Stories: 2}); tr.Terms[5] != w { // b2's monster, b3's lag
				t.Errorf("Daily Courier, journalist voice, W47: %v, want %v", tr.Terms[5], w)
			}
			for _, f := range tr.Frames {
				if f.Frame == "punitive" && f.Points[5] != pt(2, 3) { // S1 (b1), S2 (b2), S3 (b3)
					t.Errorf("Daily Courier punitive W47: %v, want 2 of 3", f.Points[5])
				}
			}
		})
	}
}
