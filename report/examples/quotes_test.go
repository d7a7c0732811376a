package examples

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
)

// Two copies of one story quote a former prisoner (the longer quote wins
// the story); another story quotes the police and, later, another person
// with lived experience.
func TestSpeakerRoleExamples(t *testing.T) {
	w := reporttest.Week47.Add(30 * time.Hour)
	text1 := `"Nobody would hire me," said Marcus Bell, who served 12 years. "I had to start again."`
	text2 := `"Nobody would hire me when I came out," said Marcus Bell, who served 12 years.`
	text3 := `Police said the man was arrested. "It changed my life," said Dee Walsh, a former prisoner.`
	q := func(text, piece, role, speaker string) news.QuoteSpan {
		i := strings.Index(text, piece)
		return news.QuoteSpan{Location: news.Body, Start: i, End: i + len(piece), Voice: "quote", Cue: "said",
			Speaker: speaker, Role: role, Kind: "direct", Words: len(strings.Fields(piece))}
	}
	a1 := reporttest.Article("https://a.example/1", "a", "Alpha", "s1", "Jobs after prison", text1, w, "rs1")
	a1.Quotes = []news.QuoteSpan{q(text1, `"Nobody would hire me,"`, "lived_experience", "Marcus Bell")}
	a2 := reporttest.Article("https://b.example/1", "b", "Beta", "s1", "Jobs after prison", text2, w.Add(time.Hour), "rs1")
	a2.Quotes = []news.QuoteSpan{q(text2, `"Nobody would hire me when I came out,"`, "lived_experience", "Marcus Bell")}
	a3 := reporttest.Article("https://a.example/2", "a", "Alpha", "s2", "Arrest", text3, w.Add(2*time.Hour), "rs1")
	a3.Quotes = []news.QuoteSpan{q(text3, "the man was arrested", "police", "Police"),
		q(text3, `"It changed my life,"`, "lived_experience", "Dee Walsh")}
	reporttest.Frames(&a3, "rehabilitative")
	for _, be := range reporttest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			if err := st.SaveArticles(context.Background(), []news.TaggedArticle{a1, a2, a3}); err != nil {
				t.Fatal(err)
			}
			ex, err := Find(context.Background(), st, Filter{SpeakerRole: "lived_experience"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(ex) != 2 {
				t.Fatalf("%d examples, want 2 (one per story): %+v", len(ex), ex)
			}
			if ex[0].Speaker != "Dee Walsh" || ex[0].Matched != `"It changed my life,"` || ex[0].Pre != "" {
				t.Errorf("newest = %+v, want Dee Walsh's quote", ex[0])
			}
			if ex[1].URL != a2.URL || ex[1].SpeakerRole != "lived_experience" {
				t.Errorf("story s1 gave %s, want the copy with the longer quote %s", ex[1].URL, a2.URL)
			}
			if next, err := Find(context.Background(), st, Filter{SpeakerRole: "lived_experience", Offset: 1}, nil); err != nil || len(next) != 1 || next[0].URL != a2.URL {
				t.Errorf("offset 1: %v %+v, want the older story only", err, next)
			}
			if none, err := Find(context.Background(), st, Filter{SpeakerRole: "lived_experience", OutletType: "national"}, nil); err != nil || len(none) != 0 {
				t.Errorf("outlet type national (no source has it): %v %d examples", err, len(none))
			}
			// Search looks in what was said and in the speaker, never in the
			// rest of the article; the frame filter keeps its articles.
			for _, c := range []struct {
				f    Filter
				want []string
			}{
				{Filter{Search: "HIRE"}, []string{a2.URL}},
				{Filter{Search: "came out"}, []string{a2.URL}},
				{Filter{Search: "walsh"}, []string{a3.URL}},
				{Filter{Search: "arrested"}, nil},
				{Filter{Search: "hire", AllCopies: true}, []string{a2.URL, a1.URL}},
				{Filter{Frame: "rehabilitative"}, []string{a3.URL}},
				{Filter{Frame: "punitive"}, nil},
			} {
				c.f.SpeakerRole = "lived_experience"
				got, err := Find(context.Background(), st, c.f, nil)
				if err != nil {
					t.Fatal(err)
				}
				if u := urls(got); !reflect.DeepEqual(u, c.want) {
					t.Errorf("%+v: %v, want %v", c.f, u, c.want)
				}
			}
			var b bytes.Buffer
			if err := Write(&b, Handout{Examples: ex}, "md"); err != nil || !strings.Contains(b.String(), "Speaker: Dee Walsh (lived\\_experience)") {
				t.Errorf("markdown: %v\n%s", err, b.String())
			}
			if _, err := (Filter{SpeakerRole: "lived-experience"}).Params(); err == nil {
				t.Error("an unknown role was accepted")
			}
			if _, err := (Filter{SpeakerRole: "police", Rule: "people.offender"}).Params(); err == nil {
				t.Error("--speaker-role with --rule was accepted")
			}
		})
	}
}
