package tag

import (
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

func loadEngine(t testing.TB, dir string) *Engine {
	t.Helper()
	rs, err := rules.LoadLayers(rules.DirLayer(dir))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(rs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

type wantMatch struct {
	text    string
	voice   string // "" = no match expected for this text
	inQuote bool
	depth   int // 0 = not checked
}

// The 26 tricky examples of quotes.md §5, with the expected voice.
var quoteExamples = []struct {
	n           int
	title, text string
	kind        string
	want        []wantMatch
}{
	{1, "", `"He is a predator who chose vulnerable women," Judge Amanda Reed said.`, "", []wantMatch{{"predator", VoiceQuote, true, 1}}},
	{2, "Prison ‘like a holiday camp’, says former governor", "", "", []wantMatch{{"holiday camp", VoiceHeadline, true, 1}}},
	{3, "‘Monster’ jailed for life over canal killing", "", "", []wantMatch{{"Monster", VoiceHeadline, true, 1}}},
	{4, "", "The so-called ‘soft justice’ row returned to Westminster this week.", "", []wantMatch{{"soft justice", VoiceScare, true, 1}}},
	{5, "", "Police said the junkie had broken into six cars.", "", []wantMatch{{"junkie", VoiceJournalist, false, 0}}},
	{6, "", "Marcus, 41, said: “For eight years I was just a lag to them.\n\n“When I got out, nobody would hire an ex-offender. That label follows you.”\n\nHe now mentors prison leavers in Leeds.", "",
		[]wantMatch{{"lag", VoiceQuote, true, 1}, {"ex-offender", VoiceQuote, true, 1}}},
	{7, "", "The prisoners’ families said the jail’s ‘cushy’ reputation was a myth.", "", []wantMatch{{"cushy", VoiceScare, true, 1}}},
	{8, "", "‘I’ve met lads who’ve been doing bird since the ’90s,’ he said.", "", []wantMatch{{"doing bird", VoiceQuote, true, 1}}},
	{9, "", "“The officer looked at me and said, ‘You’re just another junkie,’ then walked off,” she said.", "", []wantMatch{{"junkie", VoiceQuote, true, 2}}},
	{10, "", "The judge said Smith was a “dangerous predator” who had shown “no remorse”.", "", []wantMatch{{"predator", VoicePartial, true, 1}}},
	{11, "", "The judge described Smith as a dangerous predator.", "", []wantMatch{{"predator", VoiceJournalist, false, 0}}},
	{12, "", "Sentencing, Judge Patel said: “You are a thug. You chose to target a man who could not defend himself.”", "", []wantMatch{{"thug", VoiceQuote, true, 1}}},
	{13, "", `'He's no monster,' his mother said. 'He's a boy who made a terrible mistake.'`, "", []wantMatch{{"monster", VoiceQuote, true, 1}}},
	{14, "Minister: 'We will lock up knife thugs and throw away the key'", "", "", []wantMatch{{"lock up", VoiceHeadline, true, 1}, {"thugs", VoiceHeadline, true, 1}, {"throw away the key", VoiceHeadline, true, 1}}},
	{15, "‘Junkies ruined our estate’ – residents speak out", "", "", []wantMatch{{"Junkies", VoiceHeadline, true, 1}}},
	{16, "", `The BBC documentary "Banged Up" followed six volunteers inside a former prison.`, "", []wantMatch{{"Banged Up", VoiceTitle, true, 0}}},
	{17, "", "“He was a thug, said the victim’s father, who asked not to be named.", "", []wantMatch{{"thug", VoiceQuote, true, 1}}},
	{18, "", "Q: How were you treated on remand?\nA: Like an animal. Nobody called me anything but inmate.", "", []wantMatch{{"animal", VoiceQuote, true, 1}, {"inmate", VoiceQuote, true, 1}}},
	{19, "", "Prosecuting, Sarah Jones told the court the offender had 14 previous convictions.", "", []wantMatch{{"offender", VoiceJournalist, false, 0}}},
	{20, "", "“The offender has shown no insight into his behaviour,” the judge said.", "", []wantMatch{{"offender", VoiceQuote, true, 1}}},
	// 21: extraction keeps an embedded post or blockquote as a paragraph starting "> ".
	{21, "", "Residents were furious.\n\n> Lock them all up!!", "", []wantMatch{{"Lock them all up", VoiceQuote, true, 1}}},
	{22, "", "On my wing we call it bang-up, and it lasts 23 hours.", "opinion", []wantMatch{{"bang-up", VoiceAuthor, false, 0}}},
	{23, "", "Campaigners have asked editors to stop using the word “junkie” in headlines.", "", []wantMatch{{"junkie", VoiceMention, true, 0}}},
	{24, "", "“I didn't choose to be an addict,\nI was twelve when it started,” she said.", "", []wantMatch{{"addict", VoiceQuote, true, 1}}},
	{25, "", "″He is evil,″ she said.", "", []wantMatch{{"evil", VoiceQuote, true, 1}}},
	{26, "", "The “holiday camp” jibe’s origins lie in a 1990s tabloid campaign.", "", []wantMatch{{"holiday camp", VoiceMention, true, 0}}},
}

func TestQuoteExamples(t *testing.T) {
	e := loadEngine(t, "../../rules/testdata/quotes")
	for _, ex := range quoteExamples {
		tg := e.Tag(news.Article{Title: ex.title, Text: ex.text, Kind: ex.kind})
		for _, w := range ex.want {
			var got *news.Match
			for i := range tg.Matches {
				if tg.Matches[i].Text == w.text {
					got = &tg.Matches[i]
				}
			}
			switch {
			case w.voice == "" && got != nil:
				t.Errorf("example %d: %q flagged (voice %s); want no match", ex.n, w.text, got.Voice)
			case w.voice == "":
			case got == nil:
				t.Errorf("example %d: %q not matched; matches: %+v", ex.n, w.text, tg.Matches)
			case got.Voice != w.voice || got.InQuote != w.inQuote || (w.depth > 0 && got.Depth != w.depth):
				t.Errorf("example %d: %q voice %s in_quote %v depth %d; want %s %v %d", ex.n, w.text, got.Voice, got.InQuote, got.Depth, w.voice, w.inQuote, w.depth)
			}
		}
	}
}

// Extra details the examples state: speakers, attribution, unbalanced
// recovery, self-description.
func TestQuoteDetails(t *testing.T) {
	e := loadEngine(t, "../../rules/testdata/quotes")
	find := func(tg news.Tagging, text string) news.Match {
		for _, m := range tg.Matches {
			if m.Text == text {
				return m
			}
		}
		t.Fatalf("%q not matched in %+v", text, tg.Matches)
		return news.Match{}
	}
	tg := e.Tag(news.Article{Text: quoteExamples[0].text})
	if m := find(tg, "predator"); m.Speaker != "Judge Amanda Reed" {
		t.Errorf("speaker = %q, want Judge Amanda Reed", m.Speaker)
	}
	tg = e.Tag(news.Article{Title: "Minister: 'We will lock up knife thugs and throw away the key'"})
	if m := find(tg, "thugs"); m.Speaker != "Minister" || !m.Amplified {
		t.Errorf("headline colon: speaker %q amplified %v", m.Speaker, m.Amplified)
	}
	tg = e.Tag(news.Article{Title: "‘Junkies ruined our estate’ – residents speak out"})
	if m := find(tg, "Junkies"); m.Speaker != "residents" {
		t.Errorf("headline dash: speaker %q, want residents", m.Speaker)
	}
	tg = e.Tag(news.Article{Text: "“He was a thug, said the victim’s father, who asked not to be named. The offender was jailed."})
	if len(tg.Quotes) != 1 || !tg.Quotes[0].Unbalanced {
		t.Fatalf("quotes = %+v, want one unbalanced", tg.Quotes)
	}
	if q := tg.Quotes[0]; strings.Contains("“He was a thug, said the victim’s father, who asked not to be named. The offender was jailed."[q.Start:q.End], "offender") {
		t.Errorf("unbalanced quote ran on past the attribution")
	}
	tg = e.Tag(news.Article{Text: quoteExamples[5].text})
	if m := find(tg, "lag"); !m.SelfDescription {
		t.Errorf("lag: self_description not set")
	}
	tg = e.Tag(news.Article{Text: "Police said the junkie had broken into six cars."})
	if m := find(tg, "junkie"); !m.Attributed {
		t.Errorf("reported speech: attributed not set")
	}
}

// A word discussed as a word without quote marks is kept as a mention
// (language.md G4): visible in the output, counted nowhere.
func TestUnquotedMention(t *testing.T) {
	lib, err := rules.Load("")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text, word, voice string
	}{
		{"Campaigners want papers to stop using the word offender.", "offender", VoiceMention},
		{"The label ex-offender follows you for life, she said.", "ex-offender", VoiceMention},
		{"Words like junkie, addict and crackhead deter people from treatment.", "addict", VoiceMention},
		{"Terms such as junkie are still common.", "junkie", VoiceMention},
		{"Her words offended the junkie next door.", "junkie", VoiceJournalist},
		{"He served a prison term for the burglar's crimes, and the offender was moved.", "offender", VoiceJournalist},
		{"The ITV drama Old Lags follows two men.", "Old Lags", VoiceTitle},
		{"He read the book Junkie by William Burroughs.", "Junkie", VoiceTitle},
		{"The old lag walked free.", "old lag", VoiceJournalist},
		{"He watched ‘Old Lags’, the BBC documentary, last night.", "Old Lags’", VoiceTitle},
		{"Old lags, the governor said, run the wing.", "Old lags", VoiceJournalist},
		{"We used to talk about young offenders.", "young offenders", VoiceMention},
		{"When a British paper calls someone a felon it imports an American idea.", "felon", VoiceMention},
		{"Offender, convict and felon are all labels that stick.", "Offender", VoiceMention},
		{"Lag is prison slang for someone serving a long sentence.", "Lag", VoiceMention},
		{"The offender is a man whose words frightened the jury.", "offender", VoiceJournalist},
		{"The offender was given a prison term of six years.", "offender", VoiceJournalist},
		{"Since the celebrity experiment Banged Up sent volunteers into a jail, viewers expect drama.", "Banged Up", VoiceTitle},
		{"Fans of Netflix's Monster will find the book about the killer darker.", "Monster", VoiceTitle},
		{"She binged ‘Monster’ on Netflix, and the killer haunted her.", "Monster", VoiceTitle},
		{"The paper ran the headline ‘Lags living it up in luxury’ on its front page.", "Lags", VoiceMention},
		{"The MP called people animals and refused to apologise.", "animals", VoiceJournalist},
		{"Police said the monster had attacked three women.", "monster", VoiceJournalist},
		{"Police say BAME officers face more complaints.", "BAME", VoiceJournalist},
		{"Unlock has argued against ex-offender for the same reason.", "ex-offender", VoiceMention},
		{"It is more accurate than scumbag, a word a colleague once used.", "scumbag", VoiceMention},
		{"The gang used junkies to carry the drugs.", "junkies", VoiceJournalist},
		{"She was jailed for longer than junkie Mark Hill, who ran the flat.", "junkie", VoiceJournalist},
		{"Among the words the guide wants dropped: offender, convict and inmate.", "inmate", VoiceMention},
		{"Among the words the guide wants dropped: offender, convict and inmate.", "convict", VoiceMention},
		{"The judge's words were stark: the offender had shown no remorse.", "offender", VoiceJournalist},
		{"In his words: offenders must pay.", "offenders", VoiceJournalist},
		{"The guide prefers person in prison instead of inmate.", "inmate", VoiceMention},
		{"The government's Tackling Young Offenders plan was dropped in 2010.", "Young Offenders", VoiceTitle},
		{"Ministers revived the ‘Lock Them Up’ campaign this week.", "Lock Them Up", VoiceTitle},
		{"Junkie and addict are listed as terms to avoid.", "addict", VoiceMention},
		{"It was written up as a ‘domestic’ and nothing happened.", "a ‘domestic", VoiceScare},
		{"Please stop calling us ex-offenders.", "ex-offenders", VoiceJournalist},
		{"The offenders are described as a gang by police.", "offenders", VoiceJournalist},
		{"Youth Justice Chief Criminal Jones resigned.", "Criminal", VoiceJournalist},
		{"‘Lag’ has no place in a court report.", "Lag", VoiceMention},
		{"‘Inmate’, meaning someone held in an institution, came from America.", "Inmate", VoiceMention},
		{"One reader wrote that ‘criminal’ is simply accurate.", "criminal", VoiceMention},
		{"The editor accepts that ‘junkie’ should not have been used.", "junkie", VoiceMention},
		{"Police said that ‘youths’ would be moved on from the park.", "youths", VoiceScare},
		{"The board asks for ‘children’, not ‘young offenders’.", "young offenders’", VoiceMention},
		{"A search of our archive for ‘thug’ returned 318 stories.", "thug", VoiceMention},
		{"Staff will no longer refer to the people they supervise as ‘offenders’.", "offenders’", VoiceMention},
		{"Subs must check any use of ‘junkie’ about a named person.", "junkie", VoiceMention},
		{"The briefing warns staff against the acronym POP in letters.", "POP", VoiceMention},
		{"There is no need for anyone to be called a junkie.", "junkie", VoiceMention},
		{"Headlines calling people psychos make it harder to seek help.", "psychos", VoiceMention},
		{"No one should be called a junkie in a newspaper.", "junkie", VoiceMention},
		{"He hates being called an addict, his mother says.", "addict", VoiceMention},
		{"He was called an addict by the prosecutor.", "addict", VoiceJournalist},
		{"She condemned people who call asylum seekers invaders.", "invaders", VoiceMention},
		{"“Calling them animals will not stop the next one,” he said.", "animals", VoiceMention},
		{"“Whether I call them POPs is not what's keeping the public safe,” she said.", "POPs", VoiceMention},
		{"When the MP called them animals, the room fell silent.", "animals", VoiceJournalist},
		{"Calling them animals, the MP demanded the full force of the law.", "animals", VoiceJournalist},
		{"A pervert dubbed the Beast of the Bridleway who stalked women was jailed.", "Beast", VoiceJournalist},
		{"The MP who called asylum seekers invaders apologised.", "invaders", VoiceJournalist},
		{"Channel 5's Inside Britain's Toughest Jails: Lifers returns tonight.", "Lifers", VoiceTitle},
		{"The inspectors found one thing: Lifers were held too long.", "Lifers", VoiceJournalist},
		{"Among those freed will be hardened lags and repeat cons.", "lags", VoiceJournalist},
		{"The list also includes crackhead, nutter and paedo.", "nutter", VoiceMention},
		{"The list also includes crackhead, nutter and paedo.", "paedo", VoiceMention},
		{"The list also includes crackhead, nutter and paedo.", "crackhead", VoiceMention},
		{"The gang's customers included crackheads from the estate.", "crackheads", VoiceJournalist},
		{"The briefing says offender ‘defines a person by the worst thing they did’.", "offender", VoiceMention},
		{"“In the US, ‘felon’ is a legal status,” she said.", "felon", VoiceMention},
		{"“In the US, the felon is a figure of fear,” she said.", "felon", VoiceQuote},
		// Words held up again: dropped, filed under a heading, invited as a
		// choice, listed before a colon that names words, a headline quoted
		// in capitals; a refusal in an article that discusses words.
		{"I also want us to drop BAME.", "BAME", VoiceMention},
		{"The figures no longer group people under the heading BAME.", "BAME", VoiceMention},
		{"“Call them thugs or yobs if you like, but these are 13-year-olds,” she said.", "yobs", VoiceMention},
		{"Thug, lout and yob: the words that follow these boys around.", "lout", VoiceMention},
		{"The headlines run back twenty years. PSYCHO KILLER TO GO FREE.", "PSYCHO KILLER", VoiceMention},
		{"The label ex-offender follows you around.\n\nI am not an ex-offender. I am a plumber.", "ex-offender", VoiceMention},
		{"Thugs wrecked the bus shelter. The police said: “These are thugs, not kids.”", "Thugs", VoiceJournalist},
		{"PSYCHO KILLER TO GO FREE. The headline was printed in 2004.", "PSYCHO KILLER", VoiceJournalist},
		// A refused label is a mention only in an article that discusses
		// words (the last match of the word is the one checked).
		{"“I'm not a maniac,” he told the court.", "maniac", VoiceQuote},
		{"Editors were asked to drop words like psycho and maniac.\n\n“I'm not a maniac,” he says.", "maniac", VoiceMention},
		{"The label ex-offender follows you.\n\nIt's a joke that she's not behind bars.", "behind bars", VoiceJournalist},
	} {
		var got *news.Match
		tg := e.Tag(news.Article{Text: c.text})
		for i := range tg.Matches {
			if tg.Matches[i].Text == c.word {
				got = &tg.Matches[i]
			}
		}
		if got == nil || got.Voice != c.voice {
			t.Errorf("%q in %q: %+v, want voice %s", c.word, c.text, got, c.voice)
		}
		for _, fs := range tg.Frames {
			for _, ev := range fs.Evidence {
				if c.voice == VoiceMention && strings.Contains(ev, c.word) {
					t.Errorf("%q: mention counted as frame evidence: %s", c.text, ev)
				}
			}
		}
	}
}

// Headlines drop articles, so a bare singular after "says" is a use there
// ("Judge says offender lied"), though in the body it quotes a word.
func TestBareSayingHeadline(t *testing.T) {
	tg := libraryEngine(t, Options{}).Tag(news.Article{Title: "Judge says offender lied to probation", Text: "The hearing was adjourned."})
	var got *news.Match
	for i := range tg.Matches {
		if tg.Matches[i].Text == "offender" {
			got = &tg.Matches[i]
		}
	}
	if got == nil || got.Voice == VoiceMention {
		t.Errorf("headline 'says offender': %+v, want a use", got)
	}
}

// A review's colon names the work after it ("TV review: Lock-Up Nation"),
// where a bare colon does not ("Minister: lock up knife thugs").
func TestReviewColonTitle(t *testing.T) {
	e := libraryEngine(t, Options{})
	for _, c := range []struct {
		title, word, voice string
	}{
		{"TV review: Lock-Up Nation is prison television at its laziest", "Lock-Up", VoiceTitle},
		{"Minister: Lock up knife thugs for longer in prison", "Lock up", VoiceJournalist},
	} {
		var got *news.Match
		tg := e.Tag(news.Article{Title: c.title, Text: "The hearing was adjourned."})
		for i := range tg.Matches {
			if tg.Matches[i].Text == c.word {
				got = &tg.Matches[i]
			}
		}
		if got == nil || got.Voice != c.voice {
			t.Errorf("%q in %q: %+v, want voice %s", c.word, c.title, got, c.voice)
		}
	}
}
