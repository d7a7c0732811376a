package digest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/reporttest"
)

func TestMain(m *testing.M) { reporttest.Main(m) }

var london = mustLoc("Europe/London")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func week(t testing.TB, s string, loc *time.Location) report.Period {
	p, err := report.ParseWeek(s, loc)
	if err != nil {
		panic(err) // the tests' own constants
	}
	return p
}

// The figures below are worked out by hand from reporttest.Seed's corpus.
func TestDigestFigures(t *testing.T) {
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			reporttest.Seed(t, st)
			d, err := Build(context.Background(), st, week(t, "2026-W47", london), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkFigures(t, d)
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkChange(t *testing.T, what string, c report.Change, value, baseline float64) {
	t.Helper()
	if !near(c.Value, value) || !near(c.Baseline, baseline) || !near(c.Delta, value-baseline) {
		t.Errorf("%s = %+v, want value %v against baseline %v", what, c, value, baseline)
	}
}

func checkFigures(t *testing.T, d *Digest) {
	if d.Empty {
		t.Fatal("seeded week reported as empty")
	}
	if !d.Period.Start.Equal(reporttest.Week47) {
		t.Errorf("period starts %v, want %v", d.Period.Start, reporttest.Week47)
	}
	// Coverage: 8 articles, 5 stories; baseline W43..W46 = 1,0,2,1 articles and 1,0,1,1 stories.
	checkChange(t, "articles", d.Coverage.Articles, 8, 1)
	checkChange(t, "stories", d.Coverage.Stories, 5, 0.75)
	if d.Coverage.Outlets != 3 {
		t.Errorf("outlets = %d, want 3", d.Coverage.Outlets)
	}
	if n := len(d.Coverage.Weekly); n != SparkWeeks {
		t.Fatalf("sparkline has %d weeks, want %d", n, SparkWeeks)
	}
	var weekly []int64
	for _, w := range d.Coverage.Weekly[SparkWeeks-5:] {
		weekly = append(weekly, w.Stories)
	}
	if want := []int64{1, 0, 1, 1, 5}; !reflect.DeepEqual(weekly, want) {
		t.Errorf("weekly stories W43..W47 = %v, want %v (W43 holds an article at 00:30 BST on its Monday)", weekly, want)
	}
	type ov struct {
		outlet            string
		stories, baseline float64
	}
	var gotOutlets []ov
	for _, o := range d.Coverage.ByOutlet {
		gotOutlets = append(gotOutlets, ov{o.Outlet, o.Stories.Value, o.Stories.Baseline})
	}
	wantOutlets := []ov{{"Daily Courier", 3, 0.25}, {"Northern Gazette", 3, 0.5}, {"Evening Post", 2, 0.25}}
	if !reflect.DeepEqual(gotOutlets, wantOutlets) {
		t.Errorf("coverage by outlet = %v, want %v", gotOutlets, wantOutlets)
	}

	// Frames: punitive S2,S3; episodic S4,S5; rehabilitative and thematic S1; of 5 stories.
	shares := map[string]report.Change{}
	var order []string
	for _, f := range d.Frames {
		shares[f.Frame] = f.Share
		order = append(order, f.Frame)
	}
	if want := []string{"episodic", "punitive", "rehabilitative", "thematic"}; !reflect.DeepEqual(order, want) {
		t.Errorf("frames = %v, want %v", order, want)
	}
	checkChange(t, "punitive share", shares["punitive"], 0.4, 0.25)
	checkChange(t, "episodic share", shares["episodic"], 0.4, 0)
	checkChange(t, "rehabilitative share", shares["rehabilitative"], 0.2, 0)
	var movers []string
	for _, m := range d.FrameMovers {
		movers = append(movers, m.Frame)
	}
	if want := []string{"episodic", "rehabilitative", "thematic"}; !reflect.DeepEqual(movers, want) {
		t.Errorf("movers = %v, want %v", movers, want)
	}
	for _, f := range d.Frames {
		if f.Frame != "punitive" {
			continue
		}
		var urls []string
		for _, e := range f.Examples {
			urls = append(urls, e.URL)
		}
		if want := []string{"https://ng.example/a2", "https://dc.example/b3"}; !reflect.DeepEqual(urls, want) {
			t.Errorf("punitive examples = %v, want one per story %v", urls, want)
		}
	}

	// Language: own voice monster (1 story, 3 uses), offender (a5 only: c4 is
	// the author's own voice), lag; inmate is low severity; offender quoted in a1.
	var terms []string
	for _, r := range d.Language.Terms {
		terms = append(terms, r.Rule)
	}
	if want := []string{"dehum.monster", "people.offender", "prison.lag"}; !reflect.DeepEqual(terms, want) {
		t.Fatalf("own-voice terms = %v, want %v", terms, want)
	}
	m := d.Language.Terms[0]
	checkChange(t, "monster stories", m.JournalistStories, 1, 0.25)
	if m.JournalistUses != 3 || m.Term != "monster" || m.Message != "Message for dehum.monster." || len(m.Suggest) != 1 {
		t.Errorf("monster row = %+v", m)
	}
	if o := d.Language.Terms[1]; o.JournalistUses != 1 || o.QuotedStories != 1 || o.QuotedUses != 1 ||
		!reflect.DeepEqual(o.Suggest, []string{"person with a conviction", "person who has offended"}) {
		t.Errorf("offender row = %+v", o)
	}
	if len(d.Language.Quoted) != 1 || d.Language.Quoted[0].Rule != "people.offender" {
		t.Errorf("quoted = %+v, want people.offender only", d.Language.Quoted)
	}

	// Outlets.
	type orow struct {
		outlet   string
		stig     int64
		share    float64
		dominant string
		dn       int64
	}
	var outs []orow
	for _, o := range d.Outlets {
		outs = append(outs, orow{o.Outlet, o.StigmatisedStories, math.Round(o.StigmatisedShare.Value*1000) / 1000, o.DominantFrame, o.DominantFrameStories})
	}
	wantOuts := []orow{
		{"Daily Courier", 2, 0.667, "punitive", 2},
		{"Northern Gazette", 2, 0.667, "episodic", 1},
		{"Evening Post", 1, 0.5, "episodic", 1},
	}
	if !reflect.DeepEqual(outs, wantOuts) {
		t.Errorf("outlets = %v, want %v", outs, wantOuts)
	}
	for _, o := range d.Outlets {
		if o.Outlet == "Northern Gazette" {
			checkChange(t, "NG stigmatised share", o.StigmatisedShare, 2.0/3, 0.25)
		}
	}

	// Entities.
	if len(d.Entities.People) != 1 || d.Entities.People[0] != (EntityRow{"Jane Smith", 1, 6}) {
		t.Errorf("people = %+v", d.Entities.People)
	}
	if len(d.Entities.Places) != 1 || d.Entities.Places[0] != (EntityRow{"HMP Leeds", 2, 4}) {
		t.Errorf("places = %+v", d.Entities.Places)
	}
	if len(d.Entities.Organisations) != 1 || d.Entities.Organisations[0].Name != "West Yorkshire Police" {
		t.Errorf("organisations = %+v", d.Entities.Organisations)
	}

	// Worth praising: S1 only (its offender is quoted). Worth answering: S2 then S3.
	if len(d.Praise) != 1 || d.Praise[0].URL != "https://ng.example/a1" || d.Praise[0].Copies != 2 ||
		!reflect.DeepEqual(d.Praise[0].Frames, []string{"rehabilitative", "thematic"}) {
		t.Errorf("worth praising = %+v", d.Praise)
	}
	if len(d.Answer) != 2 {
		t.Fatalf("worth answering = %+v, want S2 and S3", d.Answer)
	}
	if a := d.Answer[0]; a.StoryID != "S2" || a.Copies != 3 || a.Outlets != 3 || !a.Punitive ||
		!reflect.DeepEqual(a.Terms, []string{"monster"}) || a.URL != "https://ng.example/a2" {
		t.Errorf("worth answering[0] = %+v", a)
	}
	if a := d.Answer[1]; a.StoryID != "S3" || a.Copies != 1 || !a.Punitive || len(a.Terms) != 0 {
		t.Errorf("worth answering[1] = %+v", a)
	}

	// Data quality.
	var status []string
	for _, s := range d.Quality.Sources {
		status = append(status, s.Source+":"+s.Status)
	}
	if want := []string{"ep:failing", "gone:not crawled", "qs:quiet", "dc:some failures"}; !reflect.DeepEqual(status, want) {
		t.Errorf("source problems = %v, want %v", status, want)
	}
	if d.Quality.SourcesOK != 1 {
		t.Errorf("sources ok = %d, want 1", d.Quality.SourcesOK)
	}
	if ep := d.Quality.Sources[0]; ep.LastError != "HTTP 502" || ep.Fetches != 2 || ep.Failed != 2 ||
		!ep.LastStored.Equal(reporttest.Week47.AddDate(0, 0, -10)) {
		t.Errorf("ep = %+v", ep)
	}
	if want := []RulesetRow{{"rs1", 7}, {"rs2", 1}}; !reflect.DeepEqual(d.Quality.Rulesets, want) || d.Quality.Untagged != 0 {
		t.Errorf("rulesets = %+v untagged %d, want %v", d.Quality.Rulesets, d.Quality.Untagged, want)
	}

	// The same model renders in every format.
	for _, f := range Formats {
		b, err := Render(d, f)
		if err != nil || len(b) == 0 {
			t.Errorf("Render(%s): %v", f, err)
		}
	}
	b, _ := Render(d, "json")
	var back Digest
	if err := json.Unmarshal(b, &back); err != nil || back.Coverage.Stories.Value != 5 {
		t.Errorf("JSON round trip: %v, stories %v", err, back.Coverage.Stories.Value)
	}
}

func TestEmptyWeek(t *testing.T) {
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			reporttest.Seed(t, st)
			d, err := Build(context.Background(), st, week(t, "2026-W44", london), Options{})
			if err != nil {
				t.Fatalf("an empty week must not be an error: %v", err)
			}
			if !d.Empty || d.Coverage.Articles.Value != 0 {
				t.Fatalf("W44: empty = %v, articles %v", d.Empty, d.Coverage.Articles.Value)
			}
			// The baseline still shows: W40..W43 hold P0 only.
			checkChange(t, "W44 articles", d.Coverage.Articles, 0, 0.25)
			if len(d.Quality.Sources) == 0 {
				t.Error("an empty week still reports source health")
			}
			for _, f := range []string{"html", "md", "text"} {
				b, err := Render(d, f)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(b), "No coverage") {
					t.Errorf("%s digest of an empty week does not say \"No coverage\"", f)
				}
			}
			// A store with nothing at all is also fine.
			d, err = Build(context.Background(), be.Open(t), week(t, "2025-W01", london), Options{})
			if err != nil || !d.Empty {
				t.Fatalf("empty store: %v, empty %v", err, d != nil && d.Empty)
			}
		})
	}
}

// Weeks are London weeks: P0 at 00:30 BST on Monday 19 October is in W43
// there, in W42 in UTC.
func TestWeekTimeZone(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	for _, c := range []struct {
		loc  *time.Location
		week string
		want float64
	}{
		{london, "2026-W43", 1},
		{time.UTC, "2026-W43", 0},
		{time.UTC, "2026-W42", 1},
		{london, "2026-W42", 0},
	} {
		d, err := Build(context.Background(), st, week(t, c.week, c.loc), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Coverage.Articles.Value != c.want {
			t.Errorf("%s in %s: %v articles, want %v", c.week, c.loc, d.Coverage.Articles.Value, c.want)
		}
	}
}

// TestWeeklyIsPerPeriod: each NAME_weekly query, run once over the
// sparkline's weeks (which cross the end of BST, include empty weeks and a
// story published at 00:30 BST on a Monday), gives every week exactly the
// rows NAME gives it, in the same order; weeks that do not follow one
// another fall back to NAME, one query each.
func TestWeeklyIsPerPeriod(t *testing.T) {
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			reporttest.Seed(t, st)
			// Quotes in three weeks, one at 00:30 BST on a Monday.
			var quoted []news.TaggedArticle
			for i, at := range []time.Time{time.Date(2026, 10, 18, 23, 30, 0, 0, time.UTC),
				reporttest.Week47.Add(26 * time.Hour), reporttest.Week47.AddDate(0, 0, -8)} {
				a := reporttest.Article(fmt.Sprintf("https://gazette.example/q%d", i), "gazette", "Gazette", fmt.Sprintf("q%d", i),
					"Quoted", "Text.", at, "rs1")
				for j, role := range []string{"police", "lived_experience", ""} {
					a.Quotes = append(a.Quotes, news.QuoteSpan{Location: news.Body, Voice: "quote", Speaker: "x", Role: role,
						Kind: "direct", Words: 10*i + j + 1})
				}
				quoted = append(quoted, a)
			}
			if err := st.SaveArticles(context.Background(), quoted); err != nil {
				t.Fatal(err)
			}
			b := builder{ctx: context.Background(), st: st}
			p := week(t, "2026-W48", london)
			spark := append(p.Before(SparkWeeks-1), p)
			for _, q := range []struct {
				name  string
				extra map[string]string
			}{
				{"coverage_total", nil}, {"coverage_by_outlet", nil}, {"frame_share", nil}, {"whose_voices", nil},
				{"outlet_summary", nil}, {"language_terms", map[string]string{"include_low": "1", "limit": "1000"}},
			} {
				got, err := b.weekly(q.name+"_weekly", spark, q.extra)
				if err != nil {
					t.Fatal(err)
				}
				var rows int
				for i, w := range spark {
					want, err := b.run(q.name, w, q.extra)
					if err != nil {
						t.Fatal(err)
					}
					if q.name == "coverage_total" && want.Int(0, "articles") == 0 {
						want.Data = nil // no row for an empty week in coverage_total_weekly
					}
					rows += want.Len()
					if g, w := withoutPeriod(got[i]), want.Data; (len(g) > 0 || len(w) > 0) && !reflect.DeepEqual(g, w) {
						t.Errorf("%s_weekly, %s:\n got %v\nwant %v", q.name, spark[i].Label, g, w)
					}
					if got[i].Len() > 0 && len(got[i].Columns) != len(want.Columns)+1 {
						t.Errorf("%s_weekly has columns %v, %s %v", q.name, got[i].Columns, q.name, want.Columns)
					}
				}
				if rows < 5 {
					t.Errorf("%s: only %d rows over the weeks: nothing much compared", q.name, rows)
				}
			}
			gap := []report.Period{spark[0], spark[5]}
			split, err := b.weekly("coverage_total_weekly", gap, nil)
			if err != nil || len(split) != 2 || split[1].Index("period") >= 0 || split[1].Len() != 1 {
				t.Errorf("weeks apart: %v, %v (want coverage_total's tables)", split, err)
			}
		})
	}
}

// withoutPeriod is a weekly table's rows without its period column.
func withoutPeriod(t *report.Table) [][]any {
	j := t.Index("period")
	var out [][]any
	for _, r := range t.Data {
		out = append(out, append(append([]any(nil), r[:j]...), r[j+1:]...))
	}
	return out
}
