package tag

import (
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

type hitWant struct{ rule, text, loc string }

func TestTrickyText(t *testing.T) {
	e := loadEngine(t, "../../rules/testdata/good")
	tests := []struct {
		name        string
		title, text string
		want        []hitWant
	}{
		{"inflections and possessives", "", "Three offenders and an offender’s brother met the offenders' lawyer and the offender's mother.",
			[]hitWant{{"people.offender", "offenders", "lead"}, {"people.offender", "offender’s", "lead"}, {"people.offender", "offenders'", "lead"}, {"people.offender", "offender's", "lead"}}},
		{"hyphen, dash, space and no separator", "", "Ex-offenders, ex offenders, an exoffender, an ex–offender, an ex‑offender and an ex\u00adoffender.",
			[]hitWant{{"people.ex_offender", "Ex-offenders", "lead"}, {"people.ex_offender", "ex offenders", "lead"}, {"people.ex_offender", "exoffender", "lead"}, {"people.ex_offender", "ex–offender", "lead"}, {"people.ex_offender", "ex‑offender", "lead"}, {"people.ex_offender", "ex\u00adoffender", "lead"}}},
		{"line break inside a phrase", "", "Few firms hire an ex-\noffender or a former\noffender.",
			[]hitWant{{"people.ex_offender", "ex-\noffender", "lead"}, {"people.ex_offender", "former\noffender", "lead"}}},
		{"HTML entities", "", "An ex&#8209;offender met the offender&rsquo;s family and the&nbsp;offender.",
			[]hitWant{{"people.ex_offender", "ex&#8209;offender", "lead"}, {"people.offender", "offender&rsquo;s", "lead"}, {"people.offender", "offender", "lead"}}},
		{"official names are not flagged", "", "The Rehabilitation of Offenders Act 1974 applies. He went to a Young Offender Institution. A sex offender was named. The Offender Health Trust said so.",
			nil},
		{"convict the verb is not flagged, the noun is", "", "Juries rarely convict on thin evidence. The convict escaped.",
			[]hitWant{{"people.convict", "convict", "lead"}}},
		{"criminal the adjective is not flagged", "", "The criminal justice system and his criminal record. The Criminal Cases Review Commission met. The criminals fled.",
			[]hitWant{{"people.criminal", "criminals", "lead"}}},
		{"whole words only", "", "The flag and the laggard; wages lag behind. An offenderish mood.",
			nil},
		{"conditions: lag needs a determiner, not lag behind", "", "The old lag smiled. Wages lag behind prices.",
			[]hitWant{{"people.lag", "old lag", "lead"}}},
		{"near condition", "", "She has a cushy job in the City.\n\nCritics said the jail had a cushy regime.",
			[]hitWant{{"prison.cushy", "cushy", "body"}}},
		{"headline versus lead versus body", "Old lag walks free", "The offender was freed.\n\nAnother offender stayed.",
			[]hitWant{{"people.lag", "Old lag", "headline"}, {"people.offender", "offender", "lead"}, {"people.offender", "offender", "body"}}},
		{"Unicode punctuation around a match", "", "“Offenders…” — he paused — «offender»; (offender) [offenders]!",
			[]hitWant{{"people.offender", "Offenders", "lead"}, {"people.offender", "offender", "lead"}, {"people.offender", "offender", "lead"}, {"people.offender", "offenders", "lead"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := e.Tag(news.Article{Title: tt.title, Text: tt.text})
			if len(tg.Matches) != len(tt.want) {
				t.Fatalf("got %d matches, want %d: %+v", len(tg.Matches), len(tt.want), tg.Matches)
			}
			for i, w := range tt.want {
				m := tg.Matches[i]
				if m.Rule != w.rule || m.Text != w.text || m.Location != w.loc {
					t.Errorf("match %d = %s %q %s, want %s %q %s", i, m.Rule, m.Text, m.Location, w.rule, w.text, w.loc)
				}
				src := tt.text
				if m.Location == news.Headline {
					src = tt.title
				}
				if src[m.Start:m.End] != m.Text {
					t.Errorf("match %d: offsets %d-%d give %q, not %q", i, m.Start, m.End, src[m.Start:m.End], m.Text)
				}
				if m.Sentence == "" || m.Kind != "term" || m.Category == "" || m.Severity == "" {
					t.Errorf("match %d lacks context: %+v", i, m)
				}
			}
		})
	}
}

func TestQuoteStructure(t *testing.T) {
	e := loadEngine(t, "../../rules/testdata/good")
	voiceOf := func(text, word string, nth int) (string, bool) {
		tg := e.Tag(news.Article{Text: text})
		for _, m := range tg.Matches {
			if strings.EqualFold(m.Text, word) {
				if nth == 0 {
					return m.Voice, m.InQuote
				}
				nth--
			}
		}
		t.Fatalf("%q: no %dth %q in %+v", text, nth, word, tg.Matches)
		return "", false
	}
	tests := []struct {
		name  string
		text  string
		word  string
		nth   int
		voice string
	}{
		{"continued over three paragraphs", "He said: “I was inside for years.\n\n“Nobody hires you.\n\n“Every offender knows it.”\n\nThe offender now works.", "offender", 0, VoiceQuote},
		{"after the continued quote ends", "He said: “I was inside for years.\n\n“Nobody hires you.\n\n“Every offender knows it.”\n\nThe offender now works.", "offender", 1, VoiceJournalist},
		{"closes mid-paragraph and reopens", "“It is hard,” he said. “Every offender knows it.” The offender agreed.", "offender", 0, VoiceQuote},
		{"text between two quotes", "“It is hard,” he said. “Every offender knows it.” The offender agreed.", "offender", 1, VoiceJournalist},
		{"single inside double", "“He called me ‘an offender’ in court,” she said.", "offender", 0, VoiceQuote},
		{"double inside single", "‘He called me “an offender” in court,’ she said.", "offender", 0, VoiceQuote},
		{"mixed styles", "“Nobody cares,” he said.\n\n\"The offender is forgotten,\" the pull quote read.", "offender", 0, VoiceQuote},
		{"unbalanced quote stops at the paragraph", "“It was all lies and nobody listened to us\n\nThe offender was jailed.", "offender", 0, VoiceJournalist},
		{"apostrophes do not open quotes", "Rock ’n’ roll, O’Neill’s y’all and the ’90s: the offender's case.", "offender's", 0, VoiceJournalist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v, _ := voiceOf(tt.text, tt.word, tt.nth); v != tt.voice {
				t.Errorf("voice %s, want %s", v, tt.voice)
			}
		})
	}
	// A missing closing mark never turns a long article into quotation.
	long := "“It began " + strings.Repeat("and went on ", 250) + "for ever.\n\n" + strings.Repeat("More words here. ", 10) + "The offender was jailed."
	tg := e.Tag(news.Article{Text: long})
	if len(tg.Matches) != 1 || tg.Matches[0].InQuote {
		t.Errorf("runaway quote: %+v", tg.Matches)
	}
	if len(tg.Quotes) == 0 || !tg.Quotes[0].Unbalanced {
		t.Errorf("quotes = %+v, want the first unbalanced", tg.Quotes)
	}
}

func frameEngine(t *testing.T, frame string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{"f.yaml": {Data: []byte(frame)}}
	rs, err := rules.LoadLayers(rules.Layer{FS: fsys, Prefix: "mem/"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(rs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestFrameScoring(t *testing.T) {
	e := frameEngine(t, `
rules:
  - {id: prison.behind_bars, category: prison, severity: low, match: [behind bars]}
frames:
  - id: punitive
    threshold: 5
    cues:
      - {id: key, phrase: [throw away the key], weight: 3}
      - {id: tough, near: {a: [tough], b: [crime], within: 3}, weight: 2}
      - {id: bars, rule: "prison.*", weight: 1}
      - {id: capped, phrase: [crackdown], weight: 2, cap: 2}
      - {id: rehab, phrase: [reduce reoffending], weight: -1}
      - {id: bang, pattern: "!", in: headline, weight: 1}
`)
	body := func(paras ...string) news.Article {
		return news.Article{Text: "Intro paragraph here.\n\n" + strings.Join(paras, "\n\n")}
	}
	tests := []struct {
		name   string
		a      news.Article
		score  float64
		fired  bool
		strong bool
	}{
		{"one cue, body", body("They will throw away the key."), 3, false, false},
		{"second hit of a cue counts half", body("Throw away the key. Throw away the key."), 4.5, false, false},
		{"third hit counts nothing", body("Throw away the key. Throw away the key. Throw away the key."), 4.5, false, false},
		{"headline doubles", news.Article{Title: "Throw away the key", Text: "Nothing."}, 6, false, false},
		{"lead is one and a half", news.Article{Text: "Throw away the key.\n\nMore."}, 4.5, false, false},
		{"quoted speech counts half", body("“Throw away the key,” he said."), 1.5, false, false},
		{"two cues reach the threshold", body("Get tough on crime and throw away the key."), 5, true, false},
		{"near is within one sentence", body("Get tough. Crime is up. Throw away the key."), 3, false, false},
		{"rule cue", body("Behind bars, get tough on crime, throw away the key."), 6, true, false},
		{"cap", body("A crackdown. A crackdown."), 2, false, false},
		{"counter-cue", body("Get tough on crime and throw away the key, to reduce reoffending."), 4, false, false},
		{"strong at twice the threshold", news.Article{Title: "Throw away the key!", Text: "Get tough on crime."}, 6 + 2 + 3, true, true},
		{"long articles need 1.3 T", body("Get tough on crime and throw away the key. " + strings.Repeat("word ", 1500)), 5, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := e.Tag(tt.a).Frames[0]
			if fs.Score != tt.score || fs.Fired != tt.fired || fs.Strong != tt.strong {
				t.Errorf("score %.2f fired %v strong %v, want %.2f %v %v (evidence %v)", fs.Score, fs.Fired, fs.Strong, tt.score, tt.fired, tt.strong, fs.Evidence)
			}
		})
	}
}

// Two cue flags change how many distinct cues a frame counts towards
// min_cues, not its score: an echo cue heard in the headline and again
// below it counts twice; supporting cues count only beside a cue that is
// not supporting; a per_rule cue whose hits came from two different
// language rules counts twice, one rule matched twice once. And kinds: a
// frame kept to news does not fire on an opinion piece or a letter, but
// keeps its score.
func TestFrameEchoAndSupporting(t *testing.T) {
	e := frameEngine(t, `
rules:
  - {id: mh.deranged, category: mental_health, severity: high, match: [deranged]}
  - {id: mh.psycho, category: mental_health, severity: high, match: [psycho]}
frames:
  - id: punitive
    threshold: 2
    cues:
      - {id: crackdown, phrase: [crackdown], echo: true, weight: 1.5}
      - {id: raids, phrase: [dawn raids], weight: 1.5}
  - id: episodic
    threshold: 2
    cues:
      - {id: name_age, pattern: "[A-Z][a-z]+, \\d\\d?,", supporting: true, weight: 2}
      - {id: weekday, phrase: [on Monday], supporting: true, weight: 0.5}
      - {id: court_heard, phrase: [the court heard], weight: 1}
  - id: sensationalist
    threshold: 1
    cues:
      - {id: mh, rule: "mh.*", per_rule: true, weight: 1.5}
  - id: thematic
    threshold: 1
    kinds: [news]
    cues:
      - {id: policy, phrase: [policy], weight: 1}
      - {id: figures, phrase: [figures show], weight: 1}
`)
	tests := []struct {
		name  string
		frame int
		a     news.Article
		score float64
		cues  int
		fired bool
	}{
		{"echo: headline and lead", 0, news.Article{Title: "Police crackdown on gangs", Text: "A crackdown on gangs began.\n\nMore."}, 3 + 2.25/2, 2, true},
		{"echo: headline and body", 0, news.Article{Title: "Police crackdown on gangs", Text: "Intro.\n\nThe crackdown began."}, 3 + 0.75, 2, true},
		{"echo: headline only", 0, news.Article{Title: "Police crackdown on gangs", Text: "Intro.\n\nMore."}, 3, 1, false},
		{"echo: twice below the headline is not an echo", 0, news.Article{Text: "A crackdown began.\n\nThe crackdown went on."}, 2.25 + 0.75, 1, false},
		{"echo: a cue without echo: does not", 0, news.Article{Title: "Dawn raids in town", Text: "Dawn raids began.\n\nMore."}, 3 + 2.25/2, 1, false},
		{"supporting cues alone", 1, news.Article{Text: "Intro.\n\nJordan Price, 29, coaches boxing on Monday."}, 2.5, 0, false},
		{"supporting beside a cue that is not", 1, news.Article{Text: "Intro.\n\nJordan Price, 29, was robbed on Monday, the court heard."}, 3.5, 3, true},
		{"one ordinary cue, one supporting", 1, news.Article{Text: "Intro.\n\nJordan Price, 29, was robbed, the court heard."}, 3, 2, true},
		{"per_rule: two rules, two cues", 2, news.Article{Text: "Intro.\n\nThe deranged psycho ran off."}, 2.25, 2, true},
		{"per_rule: one rule twice is one cue", 2, news.Article{Text: "Intro.\n\nThe deranged man, deranged again."}, 2.25, 1, false},
		{"kinds: news fires", 3, news.Article{Kind: "news", Text: "Intro.\n\nThe policy failed, figures show."}, 2, 2, true},
		{"kinds: no kind is news", 3, news.Article{Text: "Intro.\n\nThe policy failed, figures show."}, 2, 2, true},
		{"kinds: an opinion piece keeps the score, not the frame", 3, news.Article{Kind: "opinion", Text: "Intro.\n\nThe policy failed, figures show."}, 2, 2, false},
		{"kinds: a letter", 3, news.Article{Kind: "letter", Text: "Intro.\n\nThe policy failed, figures show."}, 2, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := e.Tag(tt.a).Frames[tt.frame]
			if fs.Score != math.Round(tt.score*100)/100 || fs.Cues != tt.cues || fs.Fired != tt.fired {
				t.Errorf("score %.2f cues %d fired %v, want %.2f %d %v (evidence %v)", fs.Score, fs.Cues, fs.Fired, tt.score, tt.cues, tt.fired, fs.Evidence)
			}
		})
	}
}

// A role cue counts each quote whose speaker has the role, at the frame's
// quote weight, with the speaker as its evidence.
func TestFrameRoleCue(t *testing.T) {
	e := frameEngine(t, `
roles:
  - {id: lived_experience, words: [who served]}
  - {id: police, titles: [Det Insp]}
frames:
  - id: lived_experience
    threshold: 1
    min_cues: 1
    quote_weight: 1
    cues:
      - {id: speaks, role: lived_experience, weight: 1}
`)
	tests := []struct {
		name, text string
		score      float64
		evidence   string
	}{
		{"a quote by the role", "Intro.\n\n“It changed me,” said Dean Cole, who served six years.", 1, `speaks: "Dean Cole" (body)`},
		{"two quotes count in full and at half", "Intro.\n\n“It changed me,” said Dean Cole, who served six years.\n\n“I work now,” Cole said.", 1.5, `speaks: "Dean Cole" (body)`},
		{"another role", "Intro.\n\n“We made arrests,” said Det Insp Sarah Khan.", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := e.Tag(news.Article{Text: tt.text}).Frames[0]
			ev := ""
			if len(fs.Evidence) > 0 {
				ev = fs.Evidence[0]
			}
			if fs.Score != tt.score || ev != tt.evidence {
				t.Errorf("score %.2f evidence %q, want %.2f %q", fs.Score, fs.Evidence, tt.score, tt.evidence)
			}
		})
	}
}

// Every frame of the ruleset gets a score, fired or not.
func TestEveryFrameScored(t *testing.T) {
	e := loadEngine(t, "../../rules/testdata/good")
	tg := e.Tag(news.Article{Text: "Nothing to see."})
	if len(tg.Frames) != len(e.Rules().Frames) || tg.Frames[0].Evidence == nil || tg.Ruleset != e.Ruleset() {
		t.Errorf("frames = %+v", tg.Frames)
	}
}

func TestRuleTestsOfFixtures(t *testing.T) {
	for _, dir := range []string{"../../rules/testdata/good", "../../rules/testdata/quotes"} {
		e := loadEngine(t, dir)
		res := e.Check()
		for _, f := range res.Failures {
			t.Error(f)
		}
		if dir == "../../rules/testdata/good" && res.Tests < 10 {
			t.Errorf("%s: only %d tests ran", dir, res.Tests)
		}
	}
}

func TestAutomatonAgainstNaiveSearch(t *testing.T) {
	pats := []string{"he", "she", "his", "hers", "offender", "ex offender", "fender", "a", "aa"}
	text := "ushers and his ex offender offenders aaa she"
	a := buildAutomaton(pats)
	var got []hit
	got = a.scan([]byte(text), got)
	var want int
	for _, p := range pats {
		for i := 0; i+len(p) <= len(text); i++ {
			if text[i:i+len(p)] == p {
				want++
			}
		}
	}
	if len(got) != want {
		t.Fatalf("automaton found %d hits, naive search %d", len(got), want)
	}
	for _, h := range got {
		if text[h.start:h.end] != pats[h.pat] {
			t.Errorf("hit %v = %q, pattern %q", h, text[h.start:h.end], pats[h.pat])
		}
	}
}

func TestFiniteForms(t *testing.T) {
	tests := []struct {
		expr string
		n    int      // forms; 0 = not finite
		has  []string // some expected forms
	}{
		{`(?i)\bpay(s|ing)? for (his|her) crimes?\b`, 12, []string{"pay for his crime", "paying for her crimes"}},
		{`(?i)\bvictim[-–— ]offender (mediation|conference)s?\b`, 4, []string{"victim offender mediation", "victim offender conferences"}},
		{`(?i)\bcost(s|ing)? (the )?taxpayers?\b`, 12, []string{"costing taxpayer"}},
		{`\bon (Monday|Tuesday)\b`, 0, nil},           // case-sensitive: stays a regexp
		{`\b\d+(\.\d+)?( per cent|%)`, 0, nil},        // unbounded
		{`(?i)\bI was\b[^.]{0,40}\bprison\b`, 0, nil}, // any character
	}
	for _, tt := range tests {
		forms, ok := finiteForms(tt.expr)
		if tt.n == 0 {
			if ok {
				t.Errorf("%s: expanded to %v, want a regexp", tt.expr, forms)
			}
			continue
		}
		if len(forms) != tt.n {
			t.Errorf("%s: %d forms %v, want %d", tt.expr, len(forms), forms, tt.n)
		}
		for _, h := range tt.has {
			found := false
			for _, f := range forms {
				found = found || f == h
			}
			if !found {
				t.Errorf("%s: %q missing from %v", tt.expr, h, forms)
			}
		}
	}
	if lits, ok := requiredLiterals(`\b(appeared|jailed) at [A-Z][a-z]+ Crown Court`); !ok || len(lits) != 1 || lits[0] != " crown court" {
		t.Errorf("requiredLiterals = %q %v", lits, ok)
	}
	if _, ok := requiredLiterals(`\b[A-Z][a-z]+, `); ok {
		t.Errorf("a comma must not become a trigger")
	}
	// Neighbouring parts are crossed into longer, rarer triggers.
	if lits, ok := requiredLiterals(`[A-Z][a-z'’-]+, \d\d?,`); !ok || !slices.Contains(lits, ", 34,") || !slices.Contains(lits, ", 7,") || len(lits) != 110 {
		t.Errorf("name, age: requiredLiterals = %d %q %v", len(lits), lits, ok)
	}
	if lits, ok := requiredLiterals(`\d+(?: per cent|%)`); !ok || !slices.Contains(lits, "4 per cent") || !slices.Contains(lits, "9%") || len(lits) != 20 {
		t.Errorf("percent: requiredLiterals = %q %v", lits, ok)
	}
	// "am" is in half the words of English: the digit before it is
	// always there.
	if lits, ok := requiredLiterals(`\b\d\d?(?:[.:]\d\d)? ?[ap]m\b`); !ok || len(lits) != 40 || !slices.Contains(lits, "0am") || !slices.Contains(lits, "9 pm") {
		t.Errorf("clock time: requiredLiterals = %q %v", lits, ok)
	}
	// Two parts far apart: a sentence needs one string of each.
	sets := requiredLiteralSets(`(?i)\bI(['’]d| was| spent)\b[^.!?]{0,40}\b(prisons?|jail)\b`)
	if len(sets) != 2 || !slices.Contains(sets[0].lits, "jail") || !slices.Contains(sets[1].lits, "i was") {
		t.Errorf("requiredLiteralSets = %+v", sets)
	}
}

// The crawler tags from several goroutines with one engine; run with -race.
func TestConcurrentTag(t *testing.T) {
	rs, err := rules.LoadLayers(rules.DirLayer("../../rules/testdata/good"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(rs, Options{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	a := news.Article{Title: "Old lag freed from HMP Leeds", Text: "The convict left HMP Leeds.\n\n“Every offender knows it,” said West Yorkshire Police."}
	want := e.Tag(a)
	done := make(chan news.Tagging)
	for g := 0; g < 4; g++ {
		go func() { done <- e.Tag(a) }()
	}
	for g := 0; g < 4; g++ {
		got := <-done
		if len(got.Matches) != len(want.Matches) || len(got.Entities) != len(want.Entities) {
			t.Errorf("concurrent result differs: %+v vs %+v", got, want)
		}
	}
	types := map[string]string{}
	for _, en := range want.Entities {
		types[en.Name] = en.Type
	}
	if types["HMP Leeds"] != "PRISON" || types["West Yorkshire Police"] != "POLICE" {
		t.Errorf("gazetteer types not applied: %+v", want.Entities)
	}
	for _, en := range want.Entities {
		if en.Name == "HMP Leeds" && en.Count != 2 {
			t.Errorf("HMP Leeds counted %d times, want 2", en.Count)
		}
	}
}

// squash must give exactly what strings.Fields and Join give.
func TestSquash(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\nb", "a\tb", "a\u00a0b", "a\u2009b", "café au lait", "“quoted” — text", "a\u3000b", "x\u0085y", "end\r"} {
		if got, want := squash(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squash(%q) = %q, want %q", s, got, want)
		}
	}
}

// attributed reads words and phrases case-insensitively in place; it must
// agree with lower-casing and splitting the sentence.
func TestAttributed(t *testing.T) {
	ref := func(s string) bool {
		l := strings.ToLower(s)
		if strings.Contains(l, "court heard") || strings.Contains(l, "was told") || strings.Contains(l, "were told") {
			return true
		}
		for _, w := range strings.FieldsFunc(l, notLetter) {
			if attributionVerbs[w] {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"", "He SAID so.", "the Court Heard that", "she was\ttold", "It was TOLD to me", "Ünïcode Said", "says…", "unsaid words", "Prosecutors CLAIMED it", "a verylongwordthatisnotaverbatallreally said", "ÉCRIT"} {
		if got, want := attributed(s), ref(s); got != want {
			t.Errorf("attributed(%q) = %v, want %v", s, got, want)
		}
	}
}

// A pattern with no literal can still need a run of one character class.
func TestRequiredRun(t *testing.T) {
	r := requiredRun(`\b[A-Z]{3,}['’]?[A-Z]* [A-Z]{3,}\b`)
	if r.n != 3 || !r.class['Q'] || r.class['q'] {
		t.Fatalf("requiredRun = %d", r.n)
	}
	for s, want := range map[string]bool{"JAILED FOR LIFE": true, "Jailed for life": false, "AB CD": false, "x THE y": true} {
		if got := r.in(s); got != want {
			t.Errorf("in(%q) = %v, want %v", s, got, want)
		}
	}
	if r := requiredRun(`(?i)\b[a-z]{3,} x`); r.n != 0 {
		t.Errorf("case-insensitive class gave a run of %d", r.n)
	}
}

// Article-level conditions read the headline and the whole body, and a
// headline's paragraph is the headline and the lead.
func TestArticleConditions(t *testing.T) {
	const lib = `rules:
  - id: vawg.tragedy
    category: vawg
    severity: medium
    match: [tragedy]
    in_article: {words: [murdering, killed], with: [wife, partner], within: 3}
    not_in_article: {words: [crash]}
  - id: people.lifer
    category: people
    severity: medium
    match: [lifer]
    in_article: {words: [prison]}
  - id: vawg.love_rat
    category: vawg
    severity: medium
    match: [love rat]
    para_near: {words: [jailed], within: 10}
`
	e := frameEngine(t, lib) // any rule file: the helper loads whatever it is given
	tests := []struct {
		name, title, text string
		want              []string // rule ids, in order
	}{
		{"with: word in the same sentence, paragraphs away", "Tragedy in quiet street", "Police were called at 2am.\n\nA man has been charged with murdering his wife.", []string{"vawg.tragedy"}},
		{"with: word too far", "Tragedy in quiet street", "A man was killed in the street. Police said they had spoken to his wife and to a neighbour.", nil},
		{"with: word in another sentence", "Tragedy in quiet street", "A man was killed. His wife was away.", nil},
		{"not_in_article vetoes", "Tragedy on the A1", "A man killed his wife in a crash on the A1.", nil},
		{"a word in the headline counts for the body", "Inside the prison garden", "Tom has been a lifer since 1988.", []string{"people.lifer"}},
		{"no word anywhere", "A life at the bank", "She was a 30-year lifer at the branch.", nil},
		{"each article asks again (the cache is per article)", "", "She was a lifer.", nil},
		{"a headline's paragraph is the headline and the lead", "Love rat's web of lies", "A man who conned three women was jailed at Preston Crown Court.\n\nHe met them online.", []string{"vawg.love_rat"}},
		{"the second paragraph is not the lead", "Love rat's web of lies", "He met the women online.\n\nHe was jailed at Preston Crown Court.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range e.Tag(news.Article{Title: tt.title, Text: tt.text}).Matches {
				got = append(got, m.Rule)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules = %v, want %v", got, tt.want)
			}
		})
	}
}
