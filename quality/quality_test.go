package quality

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
)

// fakeTagger returns fixed taggings, so the scores below can be worked out
// by hand from testdata/small without depending on the rule library.
type fakeTagger map[string]news.Tagging

func (f fakeTagger) Tag(a news.Article) news.Tagging { return f[a.Title] }
func (f fakeTagger) Ruleset() string                 { return "fake" }

func at(text, sub string, nth int) int {
	i := -1
	for k := 0; k < nth; k++ {
		j := strings.Index(text[i+1:], sub)
		if j < 0 {
			panic(sub)
		}
		i += 1 + j
	}
	return i
}

func match(rule, cat, text string, start int, loc, voice string, inQuote bool) news.Match {
	return news.Match{Rule: rule, Category: cat, Text: text, Start: start, End: start + len(text), Location: loc, Voice: voice, InQuote: inQuote}
}

func frames(fired ...string) []news.FrameScore {
	var out []news.FrameScore
	for _, f := range CoreFrames {
		out = append(out, news.FrameScore{Frame: f, Fired: contains(fired, f)})
	}
	return out
}

func smallTagger(arts []Article) fakeTagger {
	a := arts[0].Text
	return fakeTagger{
		"Old lag freed": {Matches: []news.Match{
			match("people.lag", "people", "lag", 4, news.Headline, "journalist", false),                            // Old lag: right
			match("people.lag", "people", "lags", at(a, "lags", 1), news.Lead, "quote", true),                      // lags: right, wrong voice
			match("drugs.junkie", "drugs", "junkie", at(a, "junkie", 1), news.Body, "journalist", false),           // a mention counted as usage
			match("people.offender", "people", "Offending", at(a, "Offending", 1), news.Body, "journalist", false), // inside an official name
			match("drugs.junkie", "drugs", "junkie", at(a, "junkie", 1), news.Body, VoiceMention, true),            // the same mention, kept out
		}, Frames: frames("punitive", "episodic")},
		"Inmates wait for courses": {Frames: frames()},
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestScoreKnownFolder checks every figure against values worked out by
// hand (see the comments on each match in smallTagger).
func TestScoreKnownFolder(t *testing.T) {
	arts, err := Load("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].ID != "a-lags" {
		t.Fatalf("loaded %d articles (%v)", len(arts), arts)
	}
	r := Score(smallTagger(arts), arts, Options{Worst: 5})
	tr := r.Terms
	// Usage: 3 labelled (Old lag, lags, Inmates; the mention is left
	// out), 4 found (the mention-voice junkie is left out), 2 right.
	if tr.All.Labelled != 3 || tr.All.Found != 4 || tr.All.Recalled != 2 || tr.All.Correct != 2 {
		t.Errorf("all = %+v", tr.All)
	}
	if !near(tr.All.Recall, 2.0/3) || !near(tr.All.Precision, 0.5) || !near(tr.All.F1, 2*0.5*(2.0/3)/(0.5+2.0/3)) {
		t.Errorf("recall %v precision %v f1 %v", tr.All.Recall, tr.All.Precision, tr.All.F1)
	}
	if tr.Voice.Checked != 2 || tr.Voice.Right != 1 || !near(tr.Voice.Accuracy, 0.5) {
		t.Errorf("voice = %+v", tr.Voice)
	}
	if len(tr.MustNot) != 1 || tr.MustNot[0].Text != "Offending" {
		t.Errorf("must-not = %+v", tr.MustNot)
	}
	if tr.Mentions.Labelled != 1 || tr.Mentions.KeptOut != 0 || len(tr.Mentions.CountedAsUsage) != 1 {
		t.Errorf("mentions = %+v", tr.Mentions)
	}
	if tr.LookAlikes != 2 {
		t.Errorf("look-alikes = %d, want 2", tr.LookAlikes)
	}
	people, drugs := tr.ByCategory["people"], tr.ByCategory["drugs"]
	if people.Labelled != 3 || people.Found != 3 || people.Recalled != 2 || people.Correct != 2 {
		t.Errorf("people = %+v", people)
	}
	if drugs.Labelled != 0 || drugs.Found != 1 || drugs.Correct != 0 || drugs.Precision != 0 || drugs.Recall != 1 {
		t.Errorf("drugs = %+v", drugs)
	}
	if c := tr.ByRule["people.inmate"]; c.Labelled != 1 || c.Recalled != 0 || c.Recall != 0 {
		t.Errorf("people.inmate = %+v", c)
	}
	if c := tr.ByRule["people.lag"]; c.Labelled != 2 || c.Found != 2 || c.Recall != 1 || c.Precision != 1 {
		t.Errorf("people.lag = %+v", c)
	}
	if len(tr.Missed) != 1 || tr.Missed[0].Text != "Inmates" || len(tr.FalseFlags) != 2 {
		t.Errorf("missed %+v, false flags %+v", tr.Missed, tr.FalseFlags)
	}

	// Frames: 16 decisions; episodic fired wrongly in a, rehabilitative
	// missed in b.
	fr := r.Frames
	if fr.Accuracy.Checked != 16 || fr.Accuracy.Right != 14 || !near(fr.Accuracy.Accuracy, 0.875) {
		t.Errorf("frame accuracy = %+v", fr.Accuracy)
	}
	byID := map[string]*FrameCount{}
	for _, c := range fr.Frames {
		byID[c.Frame] = c
	}
	if c := byID["punitive"]; c.TP != 1 || c.TN != 1 || c.F1 != 1 || c.Accuracy != 1 {
		t.Errorf("punitive = %+v", c)
	}
	if c := byID["episodic"]; c.FP != 1 || c.Precision != 0 || c.F1 != 0 || c.Accuracy != 0.5 {
		t.Errorf("episodic = %+v", c)
	}
	if c := byID["rehabilitative"]; c.FN != 1 || c.Recall != 0 || c.Present != 1 || c.Accuracy != 0.5 {
		t.Errorf("rehabilitative = %+v", c)
	}

	// Worst: a has 5 errors (wrong voice, mention as usage, a false flag
	// that is also a must-not violation, episodic), b has 2.
	if len(r.Worst) != 2 || r.Worst[0].ID != "a-lags" || r.Worst[0].Errors != 5 || r.Worst[1].Errors != 2 {
		t.Errorf("worst = %+v", r.Worst)
	}

	// The JSON shape carries the same figures.
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Terms struct {
			All struct{ Precision, Recall float64 } `json:"all"`
		} `json:"terms"`
		Frames struct {
			Accuracy struct{ Accuracy float64 } `json:"accuracy"`
		} `json:"frames"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Terms.All.Precision != 0.5 || back.Frames.Accuracy.Accuracy != 0.875 {
		t.Errorf("json: %s", buf.String())
	}
	buf.Reset()
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"recall", "0.667", "precision", "0.500", "look-alikes flagged", "people.inmate", "episodic", "WORST ARTICLES", "a-lags"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestLoadArray reads the same articles from one labels.json.
func TestLoadArray(t *testing.T) {
	one, err := Load("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	arr, err := Load("testdata/array")
	if err != nil {
		t.Fatal(err)
	}
	if len(arr) != len(one) {
		t.Fatalf("array: %d articles, folder: %d", len(arr), len(one))
	}
	for i := range arr {
		arr[i].File, one[i].File = "", ""
		if !reflect.DeepEqual(arr[i].Terms, one[i].Terms) || arr[i].Text != one[i].Text || !reflect.DeepEqual(arr[i].Frames, one[i].Frames) {
			t.Errorf("article %d differs between labels.json and its own file", i)
		}
	}
}

// TestLoadErrors: every problem is reported with its file and field.
func TestLoadErrors(t *testing.T) {
	_, err := Load("testdata/bad")
	if err == nil {
		t.Fatal("bad labels loaded")
	}
	msg := err.Error()
	for _, want := range []string{
		`one.json: terms[0].occurrence: 2, but "lags" occurs 1 time(s) in the body`,
		`one.json: terms[1].text: "Lags" does not occur in the body`,
		`one.json: terms[1].category: "prisons" is not one of`,
		`one.json: terms[1].in_quote: true, but voice is journalist`,
		`one.json: frames: no label for rehabilitative, episodic,`,
		`two.json: json: unknown field "occurence"`,
		`three.json: line 5 col`,
		`frames is string, want bool`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

// Calibration finds a threshold that separates the labelled frames: here
// every present article scores 4 or more with two cues, every absent one
// at most 2.
func TestCalibrate(t *testing.T) {
	ps := []framePoint{{6, 3, true}, {4, 2, true}, {5, 2, true}, {2, 2, false}, {1, 1, false}, {0, 0, false}, {2, 1, false}}
	c := calibrate("punitive", ps)
	if c.Threshold <= 2 || c.Threshold > 4 || c.F1 != 1 || c.Accuracy != 1 || c.Labelled != 7 {
		t.Errorf("calibration %+v, want a threshold in (2, 4] with F1 and accuracy 1", c)
	}
	// A single cue never makes the frame when the labels say two are needed.
	ps = []framePoint{{5, 1, false}, {5, 2, true}, {6, 3, true}, {0, 0, false}}
	if c := calibrate("punitive", ps); c.MinCues != 2 || c.F1 != 1 {
		t.Errorf("calibration %+v, want min_cues 2", c)
	}
}

// FuzzParseArticle: any bytes give an article or an error naming the file,
// never a panic (label files come from users).
func FuzzParseArticle(f *testing.F) {
	for _, p := range []string{"testdata/small/a-lags.json", "testdata/small/b-inmates.json", "testdata/bad/one.json", "testdata/bad/three.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		a, err := parseArticle("f.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		// A loaded article's spans resolve, and scoring it cannot fail.
		for _, term := range a.Terms {
			if _, ok := a.spanOf(term.Text, term.Occurrence, term.Location); !ok {
				t.Fatalf("term %q occurrence %d does not resolve", term.Text, term.Occurrence)
			}
		}
		Score(fakeTagger{}, []Article{a}, Options{Worst: -1})
	})
}
