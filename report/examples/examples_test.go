package examples

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
)

func TestMain(m *testing.M) { reporttest.Main(m) }

// oneQuery is examples.sql as it was when it read the page, its sentences
// and the articles' text in one query: the two reads must give its rows.
//
//go:embed testdata/examples_one_query.sql
var oneQuery string

func urls(ex []Example) []string {
	var out []string
	for _, e := range ex {
		out = append(out, e.URL)
	}
	return out
}

// The seeded corpus (reporttest.Seed) has matches in stories S1 (a1, quoted),
// S2 (a2, b2, c2: headline "Monster"), S3 (b3: lag + low inmate), S4 (c4,
// author voice), S5 (a5) and P2 (W46).
func TestFind(t *testing.T) {
	w47 := reporttest.Week47
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			reporttest.Seed(t, st)
			for _, c := range []struct {
				name string
				f    Filter
				want []string // newest first
			}{
				{"one per story", Filter{}, []string{"https://ng.example/a5", "https://ep.example/c4",
					"https://dc.example/b3", "https://ng.example/a2", "https://ng.example/a1", "https://ng.example/p2"}},
				{"all copies", Filter{AllCopies: true, Rule: "dehum.monster"}, []string{"https://ep.example/c2",
					"https://dc.example/b2", "https://ng.example/a2", "https://ng.example/p2"}},
				{"rule", Filter{Rule: "people.offender"}, []string{"https://ng.example/a5", "https://ep.example/c4", "https://ng.example/a1"}},
				{"journalist voice excludes quotes and authors", Filter{Rule: "people.offender", Voice: "journalist"}, []string{"https://ng.example/a5"}},
				{"quoted", Filter{Voice: "quote"}, []string{"https://ng.example/a1"}},
				{"category", Filter{Category: "prison"}, []string{"https://dc.example/b3"}},
				{"headline", Filter{Location: "headline"}, []string{"https://ng.example/a2", "https://ng.example/p2"}},
				{"frame", Filter{Frame: "punitive"}, []string{"https://dc.example/b3", "https://ng.example/a2"}},
				{"outlet", Filter{Outlet: "Evening Post"}, []string{"https://ep.example/c4", "https://ep.example/c2"}},
				{"period", Filter{Since: w47, Until: w47.AddDate(0, 0, 5)}, []string{"https://dc.example/b3",
					"https://ng.example/a2", "https://ng.example/a1"}},
				{"search", Filter{Search: "CALLED ME"}, []string{"https://ng.example/a1"}},
				{"limit", Filter{Limit: 2}, []string{"https://ng.example/a5", "https://ep.example/c4"}},
				// Crafted values are data, never SQL.
				{"injection in outlet", Filter{Outlet: "x' OR 1=1 --"}, nil},
				{"injection in rule", Filter{Rule: `people.offender' OR '1'='1`}, nil},
				{"backslash quote", Filter{Search: `\' OR 1=1 --`}, nil},
				{"wildcards are literal", Filter{Search: "%"}, nil},
			} {
				got, err := Find(context.Background(), st, c.f, nil)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if !reflect.DeepEqual(urls(got), c.want) {
					t.Errorf("%s: got %v, want %v", c.name, urls(got), c.want)
				}
			}

			got, err := Find(context.Background(), st, Filter{Rule: "prison.lag"}, nil)
			if err != nil || len(got) != 1 {
				t.Fatalf("lag: %v %v", got, err)
			}
			e := got[0]
			if e.Before != "" || e.Pre != "" || e.Matched != "Lags" || e.Post != " set fire to a wing at HMP Leeds on Friday." ||
				e.After != "Every inmate was moved, West Yorkshire Police said." {
				t.Errorf("lag context = %q | %q | %q | %q | %q", e.Before, e.Pre, e.Matched, e.Post, e.After)
			}
			if e.Rewrite != "Prisoners set fire to a wing at HMP Leeds on Friday." {
				t.Errorf("lag rewrite = %q", e.Rewrite)
			}
			if e.Headline != "Riot at HMP Leeds" || e.Outlet != "Daily Courier" || e.Message != "Message for prison.lag." {
				t.Errorf("lag example = %+v", e)
			}
			got, _ = Find(context.Background(), st, Filter{Voice: "quote"}, nil)
			if e := got[0]; e.Before != "Jo Bloggs left HMP Leeds in May after four years." ||
				e.Sentence() != `"People called me an offender for years," she said.` ||
				e.After != `"Now they call me a baker."` ||
				e.Rewrite != `"People called me a person with a conviction for years," she said.` {
				t.Errorf("quoted example: before %q sentence %q after %q rewrite %q", e.Before, e.Sentence(), e.After, e.Rewrite)
			}
			if _, err := Find(context.Background(), st, Filter{Voice: "nobody"}, nil); err == nil {
				t.Error("a bad --voice must be an error")
			}
		})
	}
}

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		pre, matched, post, alt, want string
	}{
		{"Police said the ", "offender", " was arrested.", "person with a conviction", "Police said the person with a conviction was arrested."},
		{"He is an ", "offender", ".", "person with a conviction", "He is a person with a conviction."},
		{"She met an ", "addict", ".", "person who uses drugs", "She met a person who uses drugs."},
		{"He was a ", "lag", ".", "ex-prisoner", "He was an ex-prisoner."},
		{"", "Offenders", " were moved.", "person in prison", "People in prison were moved."},
		{"", "OFFENDER", " FREED", "person with a conviction", "PERSON WITH A CONVICTION FREED"},
		{"Ten ", "lags", " rioted.", "prisoner", "Ten prisoners rioted."},
		{"A ", "lag", " rioted.", "prisoners", "A prisoner rioted."},
		{"The ", "inmate's", " cell.", "prisoner", "The prisoner's cell."},
		{"The ", "inmates'", " cells.", "prisoner", "The prisoners' cells."},
		{"The ", "junkies", " left.", "person who uses drugs", ""},       // "people who uses": skipped
		{"The ", "offender's", " home.", "person with a conviction", ""}, // possessive of a phrase: skipped
		{"The ", "monster", " was jailed.", `name the person and the offence ("man convicted of…")`, ""},
		{"The ", "beast", " was jailed.", "as dehum.monster", ""},
		{"The ", "thug", " ran.", "describe the behaviour", ""},
		{"", "Ex-offenders", " find work.", "person with a criminal record", "People with a criminal record find work."},
		{"Lags ", "freed onto our streets", " with no tag", "released on licence", "Lags released on licence with no tag"},
		{"89,000 lags ", "behind bars", " as", "in prison", "89,000 lags in prison as"},
		{"", "Caged", " for life", "jailed", "Jailed for life"},
		{"questions of ", "criminal", " liability", "people who commit crime", ""}, // "person who commit crime"
		{"Ten ", "criminals", " fled.", "people who commit crime", "Ten people who commit crime fled."},
		{"The ", "criminal's", " car", "in prison", ""},
	} {
		got, ok := Rewrite(c.pre, c.matched, c.post, c.alt)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Rewrite(%q, %q, %q, %q) = %q, %v; want %q", c.pre, c.matched, c.post, c.alt, got, ok, c.want)
		}
	}
}

func TestContext(t *testing.T) {
	text := "First one. The offender ran!\n\nNext para starts here. Last."
	i := strings.Index(text, "offender")
	b, pre, m, post, a := Context(text, i, i+8, "offender", "")
	if b != "First one." || pre != "The " || m != "offender" || post != " ran!" || a != "Next para starts here." {
		t.Errorf("got %q %q %q %q %q", b, pre, m, post, a)
	}
	// Offsets that no longer point at the match fall back to the stored sentence.
	b, pre, m, post, a = Context("changed text", 3, 11, "offender", "An offender, he said.")
	if b != "" || pre != "An " || m != "offender" || post != ", he said." || a != "" {
		t.Errorf("fallback got %q %q %q %q %q", b, pre, m, post, a)
	}
	// A line break inside a sentence is a space; a blank line ends it.
	text = "He was\nan offender\n\nNew."
	i = strings.Index(text, "offender")
	_, pre, _, post, a = Context(text, i, i+8, "offender", "")
	if pre != "He was an " || post != "" || a != "New." {
		t.Errorf("line breaks: %q %q %q", pre, post, a)
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := CSVSafe(in); got != want {
			t.Errorf("CSVSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// Scraped text goes through every format without becoming markup or a formula.
func TestWriteEscapes(t *testing.T) {
	e := Example{Rule: "people.offender", Category: "people", Severity: "medium", Message: "Use person-first words.",
		Suggest: []string{"person with a conviction"}, Matched: "offender", Pre: "<b>The</b> ", Post: " | *ran* [x](javascript:y)",
		Before: "=1+1", Headline: reporttest.Script, URL: "https://ng.example/a5", Outlet: "Northern Gazette",
		Published: time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC), Voice: "journalist", Location: "lead",
		Rewrite: "<b>The</b> person with a conviction | *ran*"}
	h := Handout{Title: "Test", Examples: []Example{e}}
	var md, html, csvOut bytes.Buffer
	for f, w := range map[string]*bytes.Buffer{"md": &md, "html": &html, "csv": &csvOut} {
		if err := Write(w, h, f); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{" <script", " <b>", " *ran*", "](javascript:", " | "} {
		if strings.Contains(md.String(), bad) {
			t.Errorf("Markdown contains unescaped %q:\n%s", bad, md.String())
		}
	}
	if !strings.Contains(md.String(), `</b\> **offender** \| \*ran\*`) || !strings.Contains(md.String(), "(https://ng.example/a5)") {
		t.Errorf("Markdown lacks the highlighted match or the link:\n%s", md.String())
	}
	for _, bad := range []string{"<script", "<b>", `href="javascript:`} {
		if strings.Contains(html.String(), bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	if !strings.Contains(html.String(), "<mark>offender</mark>") || !strings.Contains(html.String(), "&lt;script&gt;") {
		t.Errorf("HTML lacks the highlighted match or escaped headline")
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v rows, %v", len(rows), err)
	}
	rec := map[string]string{}
	for i, h := range CSVHeader {
		rec[h] = rows[1][i]
	}
	if rec["sentence_before"] != "'=1+1" || rec["headline"] != reporttest.Script {
		t.Errorf("CSV cells: before %q headline %q", rec["sentence_before"], rec["headline"])
	}
	if rec["sentence"] != "<b>The</b> offender | *ran* [x](javascript:y)" {
		t.Errorf("CSV sentence = %q", rec["sentence"])
	}
}

// A page found in a newest-first window is the page of the whole period,
// also when a story's copies straddle the window's edge: stories of two
// copies three days apart, where the older copy wins (journalist voice) on
// odd days and the newer one on even days, beside one-copy stories; some
// stories have a third copy 18 days earlier that wins (the look-back must
// reach it), and some articles were re-crawled under a later date (their
// earlier version only widens the look-back); one-copy stories' URLs hold
// a comma and a quote. Each page is compared with the single query
// examples were read with before the page and its text were two reads
// (testdata/examples_one_query.sql) over the whole period, whatever window
// and look-back found it.
func TestFindWindowEdge(t *testing.T) {
	day0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	text := "The offender was jailed. The inmate was moved."
	var arts, recrawls []news.TaggedArticle
	for d := 0; d < 40; d++ {
		pub := day0.AddDate(0, 0, d)
		story := fmt.Sprintf("story-%02d", d)
		older := reporttest.Article(fmt.Sprintf("https://t.example/a/%02d", d), "ng", "Northern Gazette",
			story, "Court", text, pub, "rs")
		newer := reporttest.Article(fmt.Sprintf("https://t.example/b/%02d", d), "dc", "Daily Courier",
			story, "Court", text, pub.AddDate(0, 0, 3), "rs")
		single := reporttest.Article(fmt.Sprintf("https://t.example/c/%02d,it's", d), "ep", "Evening Post",
			"", "Court", text, pub.Add(2*time.Hour), "rs")
		olderVoice := "quote"
		if d%2 == 1 {
			olderVoice = "journalist"
		}
		reporttest.Match(&older, "people.offender", "people", "high", "offender", olderVoice, news.Body)
		reporttest.Match(&newer, "people.offender", "people", "high", "offender", "quote", news.Body)
		reporttest.Match(&single, "prison.inmate", "prison", "medium", "inmate", "journalist", news.Body)
		if d%3 == 0 {
			reporttest.Frames(&older, "punitive")
			reporttest.Frames(&single, "punitive")
		}
		arts = append(arts, older, newer, single)
		if d >= 18 && d%4 == 2 {
			early := reporttest.Article(fmt.Sprintf("https://t.example/e/%02d", d), "ep", "Evening Post",
				story, "Court", text, pub.AddDate(0, 0, -18), "rs")
			reporttest.Match(&early, "people.offender", "people", "high", "offender", "journalist", news.Body)
			reporttest.Frames(&early, "punitive")
			arts = append(arts, early)
		}
		if d%5 == 4 { // stored first under a date 10 days earlier, then re-crawled
			first := single
			first.PublishedAt = pub.AddDate(0, 0, -10)
			arts = append([]news.TaggedArticle{first}, arts...)
			recrawls = append(recrawls, single)
		}
	}
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			ctx := context.Background()
			if err := st.SaveArticles(ctx, arts[:len(arts)/2]); err != nil {
				t.Fatal(err)
			}
			if err := st.SaveArticles(ctx, arts[len(arts)/2:]); err != nil {
				t.Fatal(err)
			}
			if err := st.SaveArticles(ctx, recrawls); err != nil {
				t.Fatal(err)
			}
			for _, f := range []Filter{
				{Limit: 5},
				{Limit: 10, Offset: 7},
				{Limit: 50},
				{Limit: 200},
				{AllCopies: true, Limit: 12, Offset: 3},
				{Voice: "journalist", Limit: 8, Offset: 2},
				{Rule: "people.offender", Limit: 9},
				{Rule: "people.offender", Voice: "journalist", Limit: 4},
				{Frame: "punitive", Limit: 7},
				{Search: "JAILED", Outlet: "Evening Post", Limit: 6},
				{Since: day0.AddDate(0, 0, 10), Until: day0.AddDate(0, 0, 30), Limit: 6, Offset: 4},
			} {
				params, err := f.Params()
				if err != nil {
					t.Fatal(err)
				}
				got, err := findPage(ctx, st, params)
				if err != nil {
					t.Fatalf("%+v: %v", f, err)
				}
				params["window_start"], params["lookback_start"] = params["since"], params["since"]
				want, err := st.Query(ctx, oneQuery, params)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Data) == 0 || (f.Limit < 50 && len(want.Data) != f.Limit) {
					t.Fatalf("%+v: the whole period gives %d rows: the corpus does not test the window", f, len(want.Data))
				}
				if !reflect.DeepEqual(got.Data, want.Data) || !reflect.DeepEqual(got.Columns, want.Columns) {
					t.Errorf("%+v: windowed page differs from the whole period's:\n got %v %v\nwant %v %v", f, got.Columns, got.Data, want.Columns, want.Data)
				}
			}
			// The look-back of a window is its stories' earliest copy: from
			// day 42 only story-39 (copies on days 39 and 42); from day 41
			// story-38 too, whose early copy is on day 20.
			params, err := Filter{Rule: "people.offender"}.Params()
			if err != nil {
				t.Fatal(err)
			}
			since := time.Unix(0, 0).UTC()
			for _, c := range []struct {
				w, want time.Time
			}{
				{day0.AddDate(0, 0, 42), day0.AddDate(0, 0, 39)},
				{day0.AddDate(0, 0, 41), day0.AddDate(0, 0, 20)},
				{day0.AddDate(0, 0, 50), day0.AddDate(0, 0, 50)}, // no story: the window itself
			} {
				params["window_start"] = c.w.Format(time.RFC3339)
				look, found, err := lookback(ctx, st, params, since, c.w)
				if err != nil {
					t.Fatal(err)
				}
				if !look.Equal(c.want) || found != c.w.Before(day0.AddDate(0, 0, 43)) {
					t.Errorf("lookback from %s = %s, %v; want %s", c.w, look, found, c.want)
				}
			}
		})
	}
}
