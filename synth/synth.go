// Package synth generates a synthetic archive of UK criminal-justice news
// for benchmarks and scale tests: several outlets of every type and nation,
// a year of dates, stories syndicated to up to three outlets, article
// lengths and word frequencies of news text (a Zipf-distributed general
// vocabulary with justice terms, quotes and attributions mixed in at the
// rates of real coverage). The same options always give the same corpus.
//
// It is not a fixture for quality: the rules were never tuned on it and no
// figure of precision or recall comes from it.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
)

// Options size the corpus.
type Options struct {
	Articles int       // articles to generate (copies included)
	Seed     uint64    // 0 means 1
	Start    time.Time // first Monday; zero: DefaultStart
	Weeks    int       // weeks of dates; 0 means 52
}

// DefaultStart is the first Monday of a corpus whose Options.Start is zero.
var DefaultStart = time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)

// Sources are the outlets the corpus is spread over, with their metadata.
func Sources() []news.Source {
	return []news.Source{
		{Name: "daily-courier", Outlet: "Daily Courier", Kind: "rss", URL: "https://courier.example/feed", Topic: "all", OutletType: "national", Nation: "uk"},
		{Name: "morning-star-tribune", Outlet: "Morning Tribune", Kind: "rss", URL: "https://tribune.example/feed", Topic: "all", OutletType: "national", Nation: "uk"},
		{Name: "northern-gazette", Outlet: "Northern Gazette", Kind: "rss", URL: "https://gazette.example/feed", Topic: "all", OutletType: "regional", Nation: "england", Region: "North East"},
		{Name: "valleys-post", Outlet: "Valleys Post", Kind: "rss", URL: "https://valleys.example/feed", Topic: "all", OutletType: "regional", Nation: "wales", Region: "South Wales"},
		{Name: "clyde-herald", Outlet: "Clyde Herald", Kind: "rss", URL: "https://clyde.example/feed", Topic: "all", OutletType: "regional", Nation: "scotland", Region: "Glasgow"},
		{Name: "lough-news", Outlet: "Lough News", Kind: "rss", URL: "https://lough.example/feed", Topic: "all", OutletType: "regional", Nation: "northern_ireland", Region: "Belfast"},
		{Name: "radio-central", Outlet: "Radio Central", Kind: "rss", URL: "https://radio.example/feed", Topic: "all", OutletType: "broadcast", Nation: "england", Region: "Midlands"},
		{Name: "justice-weekly", Outlet: "Justice Weekly", Kind: "rss", URL: "https://justice.example/feed", Topic: "justice", OutletType: "trade", Nation: "uk"},
		{Name: "reform-voice", Outlet: "Reform Voice", Kind: "rss", URL: "https://reform.example/feed", Topic: "justice", OutletType: "campaign", Nation: "uk"},
	}
}

// Generate calls fn with each article in turn; it stops at fn's first
// error. Copies of a story follow each other, with the same story_id and
// near-identical text; urls are unique.
func Generate(opt Options, fn func(news.Article) error) error {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Start.IsZero() {
		opt.Start = DefaultStart
	}
	if opt.Weeks <= 0 {
		opt.Weeks = 52
	}
	g := &gen{r: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), zipf: nil}
	g.zipf = rand.NewZipf(g.r, 1.1, 2, uint64(len(general)-1))
	srcs := Sources()
	span := time.Duration(opt.Weeks) * 7 * 24 * time.Hour
	for n, story := 0, 0; n < opt.Articles; story++ {
		copies := 1
		switch x := g.r.IntN(4); x {
		case 2:
			copies = 2
		case 3:
			copies = 3
		}
		pub := opt.Start.Add(time.Duration(g.r.Int64N(int64(span)))).Truncate(time.Minute)
		title, text := g.headline(), g.body()
		first := g.r.IntN(len(srcs))
		for c := 0; c < copies && n < opt.Articles; c++ {
			src := srcs[(first+c*3)%len(srcs)]
			body := text
			if c > 0 { // a syndicated copy: same story, its own standfirst
				body = g.sentence() + "\n\n" + text
			}
			a := news.Article{
				URL:         fmt.Sprintf("https://%s.example/news/%d-%d", src.Name, story, c),
				Source:      src.Name,
				Outlet:      src.Outlet,
				Title:       title,
				Byline:      "Staff reporter",
				Text:        body,
				Lang:        "en",
				Kind:        "news",
				PublishedAt: pub.Add(time.Duration(c) * 37 * time.Minute),
				FetchedAt:   pub.Add(time.Duration(c)*37*time.Minute + 5*time.Minute),
				StoryID:     fmt.Sprintf("story-%d", story),
				Fingerprint: g.r.Uint64(),
			}
			if copies == 1 {
				a.StoryID = "" // a story of one copy has no story id, as in the crawler
			}
			if err := fn(a); err != nil {
				return err
			}
			n++
		}
	}
	return nil
}

type gen struct {
	r    *rand.Rand
	zipf *rand.Zipf
	b    strings.Builder
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// body is 6–14 paragraphs of 1–4 sentences: about 350–1,000 words.
func (g *gen) body() string {
	g.b.Reset()
	paras := 6 + g.r.IntN(9)
	for p := 0; p < paras; p++ {
		if p > 0 {
			g.b.WriteString("\n\n")
		}
		if g.r.IntN(4) == 0 { // a quoted paragraph
			fmt.Fprintf(&g.b, "\"%s\" %s %s.", g.clause(true), g.pick(speakers), g.pick(verbs))
			continue
		}
		n := 1 + g.r.IntN(4)
		for s := 0; s < n; s++ {
			if s > 0 {
				g.b.WriteByte(' ')
			}
			g.b.WriteString(g.sentence())
		}
	}
	return g.b.String()
}

func (g *gen) sentence() string {
	c := g.clause(false)
	return strings.ToUpper(c[:1]) + c[1:] + "."
}

// clause is 8–24 words: mostly general vocabulary by Zipf rank, with a
// flagged term about one word in 150, a person-first phrase one in 300 and
// a frame cue one in 100: about five matches in an article of 600 words.
func (g *gen) clause(quoted bool) string {
	var b strings.Builder
	n := 8 + g.r.IntN(17)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch x := g.r.IntN(300); {
		case x < 2:
			b.WriteString(g.pick(stigmatising))
		case x == 2:
			b.WriteString(g.pick(personFirst))
		case x < 6 && !quoted:
			b.WriteString(g.pick(framing))
		default:
			b.WriteString(general[g.zipf.Uint64()])
		}
	}
	s := b.String()
	if quoted {
		s = strings.ToUpper(s[:1]) + s[1:] + ","
	}
	return s
}

func (g *gen) headline() string {
	return fmt.Sprintf(g.pick(headlines), g.pick(subjects), g.pick(places))
}

var (
	headlines = []string{
		"%s jailed after attack in %s", "%s freed early from %s jail", "Inspectors criticise %s conditions at %s",
		"%s sentenced at %s Crown Court", "Charity helps %s find work in %s", "%s back behind bars in %s",
		"Calls to cut reoffending as %s leaves %s prison", "%s spared jail by %s magistrates",
	}
	subjects = []string{"Thug", "Prison leaver", "Mother of three", "Former soldier", "Teenager", "Man, 34,",
		"Woman, 52,", "Drug dealer", "Care worker", "Repeat offender", "Father"}
	places = []string{"Leeds", "Cardiff", "Glasgow", "Belfast", "Wandsworth", "Durham", "Swansea", "Aberdeen",
		"Derry", "Birmingham", "Manchester", "Bristol"}
	speakers = []string{"she said", "he said", "a spokesperson said", "the judge said", "Jo Bloggs told the court",
		"the charity's director said", "a Prison Service spokesman said", "his mother said"}
	verbs = []string{"on Tuesday", "after the hearing", "in a statement", "outside court", "last week"}
	// Terms the shipped language rules flag, at news rates.
	stigmatising = []string{"offender", "offenders", "inmate", "inmates", "convict", "lag", "ex-con", "thug",
		"junkie", "addict", "prisoner", "criminal", "illegal immigrant", "schizo", "monster", "evil"}
	personFirst = []string{"person in prison", "people with convictions", "man serving a sentence",
		"woman who uses drugs", "people leaving prison"}
	// Cues of the shipped frames.
	framing = []string{"locked up", "lock them up", "tough on crime", "soft justice", "rehabilitation",
		"reoffending rates", "education in prison", "across the country", "figures show", "research found",
		"systemic", "overcrowding", "a shocking attack", "horror", "lived experience", "second chance",
		"disproportionately", "Black people", "restorative justice", "community sentence"}
)

// general is a news vocabulary in rough frequency order; Zipf ranks pick
// from it, so "the" is common and "magistrates" rare.
var general = strings.Fields(`the of to and a in that is was he for it with as his on be at by
i this had not are but from or have an they which one you were her all she there would their we him
been has when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each just
those people mr how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come since
against go came right used take three police court prison judge jury sentence years months home family
house week council government minister report figures service officers community local council city
town street night morning hearing trial evidence victim witness charge charged appeal release released
probation custody cell wing governor staff inspectors inspection conditions drugs violence assault
attack knife robbery burglary theft fraud murder manslaughter guilty plea admitted denied magistrates
crown hearing adjourned bail remand remanded justice ministry secretary reform charity campaign figures
data rise fall increase decrease percent thousand million pounds cost budget spending school young
children parents mother father son daughter brother sister friend neighbour area road car driver
hospital health mental treatment support help housing work job employment training education course`)
