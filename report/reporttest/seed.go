package reporttest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage"
)

// Week47 is ISO week 2026-W47 (Monday 16 November 2026, GMT in London),
// the week Seed's figures are worked out for.
var Week47 = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)

// Script is the scraped headline Seed uses to test escaping: a script
// tag, entities, Markdown link and emphasis syntax and a table pipe.
const Script = `<script>alert("x")</script> Man &amp; [link](javascript:alert(1)) *jailed* | =cmd`

// Seed stores this corpus (W47 = the digest week; W43–W46 the baseline):
//
//	W47  S1 "Prison leaver" ng/a1 + dc/b1 (syndicated): rehabilitative
//	        (both), thematic (a1); "offender" quoted in a1; HMP Leeds.
//	     S2 "Monster" ng/a2, dc/b2, ep/c2: dehum.monster (high) in the
//	        journalist's headline of all three; punitive (a2, b2); Jane Smith.
//	     S3 dc/b3: prison.lag (medium) journalist body, people.inmate (low)
//	        journalist body; punitive; HMP Leeds, West Yorkshire Police.
//	     S4 ep/c4 (opinion): people.offender in voice 'author'; episodic.
//	     S5 ng/a5, headline Script: people.offender journalist lead;
//	        episodic; tagged with ruleset rs2 (everything else rs1).
//	W46  P2 ng: dehum.monster journalist.   W45 P1 ng + dc: punitive.
//	W44  nothing.   W43 P0 ep, at 23:30 UTC on Sunday 18 Oct = 00:30 BST
//	        Monday 19 Oct: in W43 in London, in W42 in UTC.
//	W48  N1 ng at 00:00 UTC Monday 23 Nov: outside W47.
//
// Sources: ng ok, dc some failures, ep failing, qs quiet, gone not crawled.
func Seed(t testing.TB, st *storage.Store) {
	t.Helper()
	ctx := context.Background()
	d := func(days, hours int) time.Time {
		return Week47.AddDate(0, 0, days).Add(time.Duration(hours) * time.Hour)
	}
	var arts []news.TaggedArticle
	add := func(a news.TaggedArticle) { arts = append(arts, a) }

	s1 := "Prison leaver Jo Bloggs opens a bakery in Leeds"
	s1text := "Jo Bloggs left HMP Leeds in May after four years.\n\n" +
		"\"People called me an offender for years,\" she said. \"Now they call me a baker.\"\n\n" +
		"Research shows employment cuts reoffending across the country."
	a1 := Article("https://ng.example/a1", "ng", "Northern Gazette", "S1", s1, s1text, d(0, 9), "rs1")
	Match(&a1, "people.offender", "people", "medium", "offender", "quote", news.Lead,
		"person with a conviction", "person who has offended")
	Frames(&a1, "rehabilitative", "thematic")
	Entity(&a1, "HMP Leeds", "PRISON", 1)
	add(a1)
	b1 := Article("https://dc.example/b1", "dc", "Daily Courier", "S1", s1, s1text, d(0, 11), "rs1")
	Frames(&b1, "rehabilitative")
	Entity(&b1, "HMP Leeds", "PRISON", 1)
	// A word discussed as a word and a word in a title are stored but are
	// not uses: no figure may count them (every figure below is as if
	// these two matches were absent).
	Match(&b1, "people.offender", "people", "medium", "offender", "mention", news.Lead)
	Match(&b1, "people.offender", "people", "medium", "offender", "title", news.Lead)
	add(b1)

	s2 := "Monster jailed for attack on pensioner"
	s2text := "Jane Smith, 81, was attacked in her home in March.\n\n" +
		"The man, 34, was jailed for nine years at Leeds Crown Court on Tuesday. Police welcomed the sentence."
	for _, c := range []struct {
		url, src, outlet string
		at               time.Time
		punitive         bool
	}{
		{"https://ng.example/a2", "ng", "Northern Gazette", d(1, 8), true},
		{"https://dc.example/b2", "dc", "Daily Courier", d(1, 9), true},
		{"https://ep.example/c2", "ep", "Evening Post", d(1, 10), false},
	} {
		a := Article(c.url, c.src, c.outlet, "S2", s2, s2text, c.at, "rs1")
		Match(&a, "dehum.monster", "dehumanising", "high", "Monster", "journalist", news.Headline,
			"name the person and the offence (\"man convicted of…\")")
		if c.punitive {
			Frames(&a, "punitive")
		} else {
			Frames(&a)
		}
		Entity(&a, "Jane Smith", "PERSON", 2)
		add(a)
	}

	b3 := Article("https://dc.example/b3", "dc", "Daily Courier", "S3", "Riot at HMP Leeds",
		"Lags set fire to a wing at HMP Leeds on Friday.\n\nEvery inmate was moved, West Yorkshire Police said. Tough sentences will follow.",
		d(4, 12), "rs1")
	Match(&b3, "prison.lag", "prison", "medium", "Lags", "journalist", news.Lead, "prisoners", "people in prison")
	Match(&b3, "people.inmate", "people", "low", "inmate", "journalist", news.Body, "prisoner")
	Frames(&b3, "punitive")
	Entity(&b3, "HMP Leeds", "PRISON", 2)
	Entity(&b3, "West Yorkshire Police", "POLICE", 1)
	add(b3)

	c4 := Article("https://ep.example/c4", "ep", "Evening Post", "S4", "I was an offender. Now I mentor",
		"I was an offender for ten years. Mentoring changed that.", d(5, 7), "rs1")
	c4.Kind = "opinion"
	Match(&c4, "people.offender", "people", "medium", "offender", "author", news.Lead, "person with a conviction")
	Frames(&c4, "episodic")
	add(c4)

	a5 := Article("https://ng.example/a5", "ng", "Northern Gazette", "S5", Script,
		"Police said the offender was arrested. He was charged on Sunday.\n\nHe appears in court next week.",
		d(6, 20), "rs2")
	Match(&a5, "people.offender", "people", "medium", "offender", "journalist", news.Lead,
		"person with a conviction", "person who has offended")
	Frames(&a5, "episodic")
	add(a5)

	p2 := Article("https://ng.example/p2", "ng", "Northern Gazette", "P2", "Monster caged",
		"The monster was caged.", d(-7+2, 9), "rs1")
	Match(&p2, "dehum.monster", "dehumanising", "high", "Monster", "journalist", news.Headline)
	Frames(&p2)
	add(p2)
	for _, u := range []struct{ url, src, outlet string }{
		{"https://ng.example/p1", "ng", "Northern Gazette"}, {"https://dc.example/p1", "dc", "Daily Courier"},
	} {
		p := Article(u.url, u.src, u.outlet, "P1", "Lock them up, says minister", "Tough on crime.", d(-14+3, 9), "rs1")
		Frames(&p, "punitive")
		add(p)
	}
	p0 := Article("https://ep.example/p0", "ep", "Evening Post", "P0", "Court round-up",
		"Cases heard this week.", time.Date(2026, 10, 18, 23, 30, 0, 0, time.UTC), "rs1")
	Frames(&p0)
	add(p0)
	n1 := Article("https://ng.example/n1", "ng", "Northern Gazette", "N1", "Next week's story",
		"Later.", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), "rs1")
	Frames(&n1, "punitive")
	add(n1)
	if err := st.SaveArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}

	if err := st.SaveSources(ctx, []news.Source{
		{Name: "ng", Outlet: "Northern Gazette", Kind: "rss", URL: "https://ng.example/feed"},
		{Name: "dc", Outlet: "Daily Courier", Kind: "rss", URL: "https://dc.example/feed"},
		{Name: "ep", Outlet: "Evening Post", Kind: "scrape", URL: "https://ep.example/news"},
		{Name: "qs", Outlet: "Quiet Source", Kind: "rss", URL: "https://qs.example/feed"},
		{Name: "gone", Outlet: "Gone Weekly", Kind: "rss", URL: "https://gone.example/feed"},
	}); err != nil {
		t.Fatal(err)
	}
	ev := func(src, outcome, errMsg string, at time.Time) news.CrawlEvent {
		return news.CrawlEvent{Time: at, Source: src, URL: "https://" + src + ".example/feed", Status: 200,
			Outcome: outcome, Error: errMsg}
	}
	if err := st.LogCrawl(ctx, []news.CrawlEvent{
		ev("ng", news.Stored, "", d(0, 9)), ev("ng", news.Stored, "", d(6, 20)),
		ev("dc", news.Stored, "", d(0, 11)), ev("dc", news.Failed, "timeout after 20s", d(2, 3)),
		ev("ep", news.Stored, "", d(-10, 0)), ev("ep", news.Failed, "HTTP 503", d(3, 0)), ev("ep", news.Failed, "HTTP 502", d(4, 0)),
		ev("qs", news.NotModified, "", d(2, 0)),
	}); err != nil {
		t.Fatal(err)
	}
}

// Synthetic stores n articles spread evenly over the weeks before end,
// 3 copies per story across 4 outlets, each with 2 language matches (one
// quoted), 2 fired frames of 8 and 2 entities: a load for benchmarks.
func Synthetic(t testing.TB, st *storage.Store, n int, end time.Time, weeks int) {
	t.Helper()
	outlets := []string{"Northern Gazette", "Daily Courier", "Evening Post", "Justice Weekly"}
	frames := []string{"punitive", "rehabilitative", "episodic", "thematic", "sensationalist", "victim_centred"}
	span := time.Duration(weeks) * 7 * 24 * time.Hour
	batch := make([]news.TaggedArticle, 0, 1000)
	for i := 0; i < n; i++ {
		at := end.Add(-span + time.Duration(int64(span)/int64(n)*int64(i)))
		o := outlets[i%len(outlets)]
		text := fmt.Sprintf("The offender in case %d was jailed at Leeds Crown Court. \"He is a monster,\" she said.\n\nThe prison has 900 places.", i)
		a := Article(fmt.Sprintf("https://synthetic.example/%d", i), strings.ToLower(strings.ReplaceAll(o, " ", "-")), o,
			fmt.Sprintf("story-%d", i/3), fmt.Sprintf("Case %d: man jailed", i), text, at, "rs1")
		Match(&a, "people.offender", "people", "medium", "offender", "journalist", news.Lead, "person with a conviction")
		Match(&a, "dehum.monster", "dehumanising", "high", "monster", "quote", news.Lead)
		Frames(&a, frames[i%len(frames)], frames[(i+1)%len(frames)])
		Entity(&a, "HMP Leeds", "PRISON", 1)
		Entity(&a, fmt.Sprintf("Person %d", i%50), "PERSON", 2)
		batch = append(batch, a)
		if len(batch) == cap(batch) || i == n-1 {
			if err := st.SaveArticles(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}
