package digest

import (
	"context"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
)

// seedVoices writes quotes whose shares are worked out by hand:
//
//	W47  Gazette: lived_experience 10 words, police 30, a scare quote (not counted)
//	     Courier: police 20 words, judge 40 (reported speech)
//	W46  Gazette: police 10 words
//
// W47: 4 quotes, 100 words; police 50 words (0.5) in 2 quotes (0.5), judge
// 40 (0.4) in 1 (0.25), lived experience 10 (0.1) in 1 (0.25). The police
// baseline is (0+0+0+1)/4 = 0.25 of words and of quotes.
func seedVoices(t *testing.T, be reporttest.Backend) *Digest {
	st := be.Open(t)
	w47, w46 := reporttest.Week47.Add(26*3600e9), reporttest.Week47.Add(-3*24*3600e9)
	q := func(role, kind, voice string, words int) news.QuoteSpan {
		return news.QuoteSpan{Location: news.Body, Start: 0, End: 10, Voice: voice, Speaker: "x", Role: role, Kind: kind, Words: words}
	}
	a1 := reporttest.Article("https://gazette.example/a1", "gazette", "Gazette", "s1", "Prison leavers speak", "Text.", w47, "rs1")
	a1.Quotes = []news.QuoteSpan{q("lived_experience", "direct", "quote", 10), q("police", "direct", "quote", 30), q("", "", "scare", 2)}
	a2 := reporttest.Article("https://courier.example/a2", "courier", "Courier", "s2", "Judge jails man", "Text.", w47, "rs1")
	a2.Quotes = []news.QuoteSpan{q("police", "direct", "quote", 20), q("judge", "reported", "journalist", 40)}
	a3 := reporttest.Article("https://gazette.example/a3", "gazette", "Gazette", "s3", "Earlier", "Text.", w46, "rs1")
	a3.Quotes = []news.QuoteSpan{q("police", "direct", "quote", 10)}
	if err := st.SaveArticles(context.Background(), []news.TaggedArticle{a1, a2, a3}); err != nil {
		t.Fatal(err)
	}
	d, err := Build(context.Background(), st, week(t, "2026-W47", london), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWhoseVoices(t *testing.T) {
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			d := seedVoices(t, be)
			v := d.Voices
			if v.Quotes != 4 || v.Words != 100 {
				t.Fatalf("totals %d quotes %d words, want 4 and 100", v.Quotes, v.Words)
			}
			byRole := map[string]VoiceRow{}
			var order []string
			for _, r := range v.Roles {
				byRole[r.Role] = r
				order = append(order, r.Role)
			}
			if strings.Join(order, ",") != "police,judge,lived_experience" {
				t.Errorf("roles in order %v, want police, judge, lived_experience (most quoted words first)", order)
			}
			checkChange(t, "police words", byRole["police"].WordShare, 0.5, 0.25)
			checkChange(t, "police quotes", byRole["police"].QuoteShare, 0.5, 0.25)
			checkChange(t, "judge words", byRole["judge"].WordShare, 0.4, 0)
			checkChange(t, "judge quotes", byRole["judge"].QuoteShare, 0.25, 0)
			checkChange(t, "lived words", byRole["lived_experience"].WordShare, 0.1, 0)
			if len(v.Outlets) != 2 || v.Outlets[0].Outlet != "Gazette" {
				t.Fatalf("outlets %+v, want Gazette ranked first", v.Outlets)
			}
			g, c := v.Outlets[0], v.Outlets[1]
			if g.Quotes != 2 || g.LivedQuotes != 1 || !near(g.LivedShare, 0.5) || !near(g.LivedWordShare, 0.25) {
				t.Errorf("Gazette %+v, want 1 of 2 quotes (0.5), 0.25 of words", g)
			}
			if c.Quotes != 2 || c.LivedQuotes != 0 || c.LivedShare != 0 {
				t.Errorf("Courier %+v, want no lived-experience voice", c)
			}
			for _, f := range []string{"md", "html", "json"} {
				out, err := Render(d, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range []string{"Whose voices", "Police", "50%"} {
					if f == "json" {
						want = map[string]string{"Whose voices": "whose_voices", "Police": "police", "50%": `"value": 0.5`}[want]
					}
					if !strings.Contains(string(out), want) {
						t.Errorf("%s digest lacks %q", f, want)
					}
				}
			}
		})
	}
}
