package tag

import (
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

type wantQuote struct {
	text    string // a piece of the quote (marks excluded)
	speaker string
	role    string
	kind    string // "" = not checked
}

// One case per attribution pattern news uses (issue 14), hard ones included.
var attributionCases = []struct {
	name, title, text string
	want              []wantQuote
}{
	{"X said", "", `"He is a predator who chose vulnerable women," Judge Amanda Reed said.`,
		[]wantQuote{{"He is a predator", "Judge Amanda Reed", "judge", KindDirect}}},
	{"said X, the …", "", `"Staff are at breaking point," said Mark Fairhurst, the national chair of the Prison Officers' Association.`,
		[]wantQuote{{"breaking point", "Mark Fairhurst", "justice_staff", KindDirect}}},
	{"according to X", "", `According to the Prison Reform Trust, the jail was holding 40% more men than it was built for.`,
		[]wantQuote{{"the jail was holding", "the Prison Reform Trust", "charity", KindReported}}},
	{"X told the BBC", "", `Mary Quinn's son Daniel died at HMP Forest Bank in 2023.` + "\n\n" +
		`"Nobody listened to us," she told the BBC, speaking from her home in Salford.`,
		[]wantQuote{{"Nobody listened", "Mary Quinn", "victim_family", KindDirect}}},
	{"colon headline", "Judge: ‘You are a coward’", `A man who attacked a pensioner was jailed yesterday.`,
		[]wantQuote{{"You are a coward", "Judge", "judge", KindDirect}}},
	{"leading colon", "", `Sentencing, Judge Patel said: “You are a danger to women. You chose a man who could not defend himself.”`,
		[]wantQuote{{"danger to women", "Judge Patel", "judge", KindDirect}}},
	{"pronoun continuation", "", `Det Supt Helen Marsh, who led the inquiry, said: "This was a complex case."` + "\n\n" +
		`"We are grateful to the public," she added.`,
		[]wantQuote{{"complex case", "Det Supt Helen Marsh", "police", ""}, {"grateful", "Det Supt Helen Marsh", "police", KindDirect}}},
	{"pronoun for the person the paragraph is about", "", `Prosecuting, Nadia Karim said the woman had been brave. "She still came to court," Ms Karim said.` + "\n\n" +
		`Judge Helen Burke remanded Pennock in custody. "Offences like this must be met with a sentence that deters others," she said.`,
		[]wantQuote{{"still came to court", "Nadia Karim", "prosecutor", ""}, {"Offences like this", "Judge Helen Burke", "judge", ""}}},
	{"resumed after he said", "", `"I was 19 when I went in," said Leon Grant, who served eight years. "Nobody taught me anything."`,
		[]wantQuote{{"I was 19", "Leon Grant", "lived_experience", ""}, {"Nobody taught", "Leon Grant", "lived_experience", ""}}},
	{"resumed in the next paragraph", "", `Leon Grant, 34, a former prisoner who now runs a mentoring project, said: "Nobody taught me anything inside."` + "\n\n" +
		`"I had to learn to read when I came out."`,
		[]wantQuote{{"Nobody taught", "Leon Grant", "lived_experience", ""}, {"learn to read", "Leon Grant", "lived_experience", ""}}},
	{"description before name", "", `Prison reform campaigner Frances Crook said: "Short sentences simply do not work."`,
		[]wantQuote{{"Short sentences", "Frances Crook", "charity", ""}}},
	{"description then name", "", `The victim's mother, Angela Price, said: "We will never get over this."`,
		[]wantQuote{{"never get over", "Angela Price", "victim_family", ""}}},
	{"Mr Justice", "", `Mr Justice Harlow told him: "You will serve at least 18 years."`,
		[]wantQuote{{"at least 18 years", "Mr Justice Harlow", "judge", ""}}},
	{"HHJ", "", `HHJ Susan Blake said the defendant had shown "not a shred of remorse".`,
		[]wantQuote{{"not a shred", "HHJ Susan Blake", "judge", KindPartial}}},
	{"Lord and Baroness", "", `"Prisons are at breaking point," said Baroness Jones of Moulsecoomb.`,
		[]wantQuote{{"breaking point", "Baroness Jones of Moulsecoomb", "politician", ""}}},
	{"MP and MSP", "", `Jane Roe MP said: "This is a national scandal." Her colleague Alan Finch MSP said: "Scotland is no better."`,
		[]wantQuote{{"national scandal", "Jane Roe MP", "politician", ""}, {"no better", "Alan Finch MSP", "politician", ""}}},
	{"KC defending", "", `Defending, Sarah Lowe KC said: "He has shown genuine remorse."`,
		[]wantQuote{{"genuine remorse", "Sarah Lowe KC", "defence", ""}}},
	{"Chief Constable", "", `"Violence against women is a national emergency," Chief Constable Mark Ellis told reporters.`,
		[]wantQuote{{"national emergency", "Chief Constable Mark Ellis", "police", ""}}},
	{"DCI and surname later", "", `DCI Ruth Okafor said the search had been exhaustive.` + "\n\n" + `"We never gave up," Okafor said.`,
		[]wantQuote{{"search had been exhaustive", "DCI Ruth Okafor", "police", KindReported}, {"never gave up", "DCI Ruth Okafor", "police", KindDirect}}},
	{"role kept across the article", "", `Dee Walsh spent six years in prison and now mentors women at HMP Styal.` + "\n\n" +
		`"Prison saved my life and nearly ended it," Walsh said.`,
		[]wantQuote{{"Prison saved my life", "Dee Walsh", "lived_experience", ""}}},
	{"two speakers in one paragraph", "", `"We want answers," said his sister, Kerry Moss. But a Ministry of Justice spokesperson said: "The death is being investigated by the ombudsman."`,
		[]wantQuote{{"We want answers", "Kerry Moss", "victim_family", ""}, {"being investigated", "a Ministry of Justice spokesperson", "official", ""}}},
	{"speaker named only in the next paragraph", "", `“They treated him like an animal, not a boy.”` + "\n\n" +
		`Those were the words of Grace Adeyemi, whose 17-year-old son was held at Feltham for nine months.`,
		[]wantQuote{{"like an animal", "Grace Adeyemi", "victim_family", ""}}},
	{"live blog time before the speaker", "", `11.35 Det Supt Helen Armitage, of West Yorkshire Police, said: "We failed these girls."` + "\n\n" +
		`12:15 — The local MP, Graham Sutcliffe, said: "Communities deserve honesty."`,
		[]wantQuote{{"failed these girls", "Det Supt Helen Armitage", "police", ""}, {"deserve honesty", "Graham Sutcliffe", "politician", ""}}},
	{"first name after the full name", "", `Sue Harding, 58, has visited her son at HMP Oakwell every fortnight for five years.` + "\n\n" +
		`Families can call a helpline. "Ring them. I wish I'd known," Sue said.`,
		[]wantQuote{{"Ring them", "Sue Harding", "lived_experience", ""}}},
	{"his mother is she", "", `His mother, Tracey Lister, said: "Nobody called me back."` + "\n\n" +
		`The coroner, Joanna Fairbairn, said: "There were clear opportunities."` + "\n\n" +
		`Mrs Lister said she wanted an apology. "He should have come home," she said.`,
		[]wantQuote{{"called me back", "Tracey Lister", "victim_family", ""}, {"clear opportunities", "Joanna Fairbairn", "judge", ""}, {"come home", "Tracey Lister", "victim_family", ""}}},
	{"first name and age", "", `"It works," said the owner, Angela Crabtree.` + "\n\n" +
		`Nadia, 28, who served a community sentence for fraud, is now a supervisor. "My boy tells his friends," she said.`,
		[]wantQuote{{"My boy", "Nadia", "lived_experience", ""}}},
	{"a bare spokesperson speaks for the body before", "", `The Home Office said it was saddened by the death. "Our thoughts are with his family," a spokesperson said.`,
		[]wantQuote{{"Our thoughts", "a spokesperson", "official", ""}}},
	{"a service's spokesperson is she", "", `Chair Terry Walsh said: "Lock them up."` + "\n\n" +
		`A spokesperson for Leeds Youth Justice Service said the orders included repair work. "Most children do not come back," she said.`,
		[]wantQuote{{"Most children", "A spokesperson for Leeds Youth Justice Service", "official", ""}}},
	{"a few words someone is said to call it", "", `The Howard League calls the plan "a costly illusion". Ministers disagree.`,
		[]wantQuote{{"a costly illusion", "The Howard League", "charity", KindPartial}}},
	{"its director speaks for the body before", "", `Shelter Cymru, the housing charity, said councils were failing prison leavers.` + "\n\n" +
		`Its director, Rhodri Evans, said: "This is a false economy."`,
		[]wantQuote{{"false economy", "Rhodri Evans", "charity", ""}}},
	{"said in a statement that", "", `The Parole Board said in a statement that his risk could now be managed in the community.`,
		[]wantQuote{{"his risk could now be managed", "The Parole Board", "official", KindReported}}},
	{"a sentence inside a quote is not reported speech", "", `Gareth Lewis, 44, who spent six years in prison, said: "They gave me a tent. I'm not joking, a tent," he said.`,
		[]wantQuote{{"They gave me a tent", "Gareth Lewis", "lived_experience", KindDirect}}},
	{"an officer in a prison story is prison staff", "", `I have been on remand at HMP Elmgrove for a year. On our wing bang-up is 22 hours. The prison has no education and the cells are cold.` + "\n\n" +
		`When a lad complained, an officer told him: "If you don't like it, don't come to prison."`,
		[]wantQuote{{"don't come to prison", "an officer", "justice_staff", ""}}},
	{"an officer in a police story is police", "", `Police arrested two men after the attack. Detectives said the force would not rest.` + "\n\n" +
		`"We will find whoever did this," an officer said.`,
		[]wantQuote{{"whoever did this", "an officer", "police", ""}}},
	{"headline: a few quoted words after the speaker", "Victim’s mother ‘devastated’ as killer freed on licence", `The mother of a teenager stabbed in 2009 has spoken of her anger.`,
		[]wantQuote{{"devastated", "Victim’s mother", "victim_family", ""}}},
	{"headline: a scare quote after no speaker", "Inside the ‘hellhole’ jail", `The prison holds 900 men.`,
		[]wantQuote{{"hellhole", "", "unknown", ""}}},
	{"a speaker with a relative clause before the verb", "", `The mother of a teenager who was stabbed to death in 2009 has said she is devastated that his killer has been freed.`,
		[]wantQuote{{"she is devastated", "The mother of a teenager", "victim_family", KindReported}}},
	{"no speaker", "", `The report was published on Tuesday.` + "\n\n" + `“Enough is enough.”` + "\n\n" + `The prison holds 1,200 men.`,
		[]wantQuote{{"Enough is enough", "", "unknown", ""}}},
	{"mid-quote split", "", `"I was scared," his mother said, "and nobody came."`,
		[]wantQuote{{"I was scared", "his mother", "victim_family", ""}, {"nobody came", "his mother", "victim_family", ""}}},
	{"prosecuting reported", "", `Prosecuting, Emma Clarke told the court the defendant had 14 previous convictions.`,
		[]wantQuote{{"the defendant had 14", "Emma Clarke", "prosecutor", KindReported}}},
	{"police said reported", "", `Police said a 34-year-old man had been arrested on suspicion of murder.`,
		[]wantQuote{{"a 34-year-old man", "Police", "police", KindReported}}},
	{"trailing reported", "", `The man had been released on licence three weeks earlier, the Probation Service said.`,
		[]wantQuote{{"released on licence", "the Probation Service", "justice_staff", KindReported}}},
	{"expert", "", `"The evidence is overwhelming," said Dr Priya Nair, a criminologist at the University of Leeds.`,
		[]wantQuote{{"overwhelming", "Dr Priya Nair", "expert", ""}}},
	{"a bare name is other: the reporter chose to quote them", "", `"I just want it to stop," said Tom Hayes.`,
		[]wantQuote{{"want it to stop", "Tom Hayes", "other", ""}}},
	{"description with no role is other", "", `"It was terrifying," said a neighbour.`,
		[]wantQuote{{"terrifying", "a neighbour", "other", ""}}},
	{"a claim carried by the reporter's words keeps its partial quote", "", `His solicitor, Ben Hale, said his client was “deeply sorry” and had used his time on remand to train as a plumber.`,
		[]wantQuote{{"his client was", "Ben Hale", "defence", KindReported}}},
	{"a claim that is mostly the quoted words is the partial alone", "", `Judge Martin Cross said Carrow was “a very ill man, not a wicked one”.`,
		[]wantQuote{{"a very ill man", "Judge Martin Cross", "judge", KindPartial}}},
	{"the board is the body named before", "", `The Parole Board ruled that Walsh could be released.` + "\n\n" +
		`In its decision, the board said Walsh had completed courses in prison and his risk could be managed.`,
		[]wantQuote{{"Walsh had completed courses", "Parole Board", "official", KindReported}}},
	{"the spokesperson is the last spokesperson", "", `An HM Prison and Probation Service spokesperson said: “We are recruiting record numbers of probation officers.”` + "\n\n" +
		`The spokesperson said 1,000 new trainees would start this year.`,
		[]wantQuote{{"1,000 new trainees", "An HM Prison and Probation Service spokesperson", "official", KindReported}}},
	{"a possessive description is not a name", "", `Mr Bevan's sister, Carys Bevan, said outside the court: “Rhys asked for help and nobody listened.”`,
		[]wantQuote{{"nobody listened", "Carys Bevan", "victim_family", ""}}},
	{"a solicitor with no side is the defence", "", `Walsh's solicitor, Ben Adeyemi, said: “He knows nothing he says will bring Sam back.”`,
		[]wantQuote{{"bring Sam back", "Ben Adeyemi", "defence", ""}}},
	{"a paragraph that opens with the quote is the person the paragraph before is about", "", `Conservative spokesman Graham Reid MSP said: “Ministers have lost control.”` + "\n\n" +
		`In Paisley, a squad were clearing a path. Their supervisor, Gordon McCall, has run squads for the council's justice social work team for 11 years.` + "\n\n" +
		`“Most of them finish it,” he said.`,
		[]wantQuote{{"Most of them finish", "Gordon McCall", "justice_staff", ""}}},
	{"a first name and an age mid-sentence", "", `“They work hard,” said Jess Whitlow, who owns a bakery.` + "\n\n" +
		`One of her bakers, Tasha, 26, spent 18 months at HMP Eastwood Park. She said: “Nobody treats me like a prisoner here.”`,
		[]wantQuote{{"Nobody treats me", "Tasha", "lived_experience", ""}}},
	{"a name given", "", `One man on the squad, who gave his name as Stevie, is doing a 200-hour order. “I'd rather do this than sit in a cell,” he said.`,
		[]wantQuote{{"rather do this", "Stevie", "lived_experience", ""}}},
	{"whose son does not make the speaker a man", "", `Yvonne Clarke, whose son was stabbed in 2021, said: “Nobody told us.”` + "\n\n" +
		`Councillor Mark Dyer said: “We need more police.”` + "\n\n" +
		`Ms Clarke said she had waited three years for the trial. “I want something good to come of it,” she said.`,
		[]wantQuote{{"something good", "Yvonne Clarke", "victim_family", ""}}},
	{"reading a victim personal statement", "", `10.48 The children's grandfather, Abdul Rahman, is reading a victim personal statement. “I lost my daughter and both of my grandchildren in one night.”`,
		[]wantQuote{{"I lost my daughter", "Abdul Rahman", "victim_family", ""}}},
	{"a statement read on behalf of the family", "", `West Midlands Police read a statement outside court on behalf of the family. It said: “Today justice has been done.”`,
		[]wantQuote{{"justice has been done", "the family", "victim_family", ""}}},
	{"a colon after a sentence about the speaker", "", `Defending, Mark Dowd KC said his client was sorry.` + "\n\n" +
		`Mr Rahman ended his statement by addressing Pike directly: “You did not know them.”`,
		[]wantQuote{{"You did not know them", "Mr Rahman", "other", ""}}},
	{"a verb after and", "", `A spokesman for the group said it was pleased.` + "\n\n" +
		`Judge Kamala Rao jailed him for 20 months and told him: "You intended to abuse a child."`,
		[]wantQuote{{"intended to abuse", "Judge Kamala Rao", "judge", ""}}},
	{"figures published by a body", "", `Scotland's prison population has reached 8,300, the highest in a decade, according to figures published by the Scottish Government.`,
		[]wantQuote{{"prison population has reached", "figures published by the Scottish Government", "official", KindReported}}},
	{"an age for the person last quoted", "", `Paul Gregson, whose daughter was attacked, said the family found out from a neighbour who had seen Doherty in the street.` + "\n\n" +
		`"Nobody rang us," the 61-year-old said.`,
		[]wantQuote{{"Nobody rang us", "Paul Gregson", "victim_family", ""}}},
	{"a phrase set off before the name is not the speaker", "", `Kyle Brennan, 29, admitted robbery.` + "\n\n" +
		`Representing Brennan, Owen Pritchard said his client had lost his job. "He is ashamed," Mr Pritchard said.`,
		[]wantQuote{{"He is ashamed", "Owen Pritchard", "defence", ""}}},
	{"a name of a body is the person with the body beside them", "", `Jailing him, the judge said the offence was planned.` + "\n\n" +
		`After the case, Det Con Lee Marsh of West Midlands Police said the worker had been brave.` + "\n\n" +
		`"Robberies like this are rare," he said.`,
		[]wantQuote{{"Robberies like this", "Det Con Lee Marsh", "police", ""}}},
	{"the sentence after a name opening with he", "", `Marcus Lyle runs a boxing club on Princess Road. He spent seven years in prison in his twenties.` + "\n\n" +
		`"I was that kid," he said.`,
		[]wantQuote{{"I was that kid", "Marcus Lyle", "lived_experience", ""}}},
	{"a set-off place before the speaker", "", `Sunil Kapoor runs a newsagent. "My window went in," he said.` + "\n\n" +
		`Two doors down, the manager of a charity shop said volunteers had stopped working late. "They are pensioners," she said.`,
		[]wantQuote{{"volunteers had stopped", "the manager of a charity shop", "charity", KindReported}, {"They are pensioners", "the manager of a charity shop", "charity", ""}}},
	{"a name given after a street", "", `A taxi driver waiting at the rank on Corporation Street, who gave his name as Imran, said the trouble came late. "It's the same faces," he said.`,
		[]wantQuote{{"same faces", "Imran", "other", ""}}},
	{"a passive finding verb before the speech verb", "", `One mother, whose son was found with cocaine in Southend, said she had called the council seven times.`,
		[]wantQuote{{"she had called the council", "One mother", "victim_family", KindReported}}},
	{"a body's spokesperson named by its noun", "", `The Parole Board ruled last month that he could be released.` + "\n\n" +
		`A spokesperson for the board said: "Decisions are focused on risk."`,
		[]wantQuote{{"focused on risk", "A spokesperson for the board", "official", ""}}},
	{"the person a paragraph opens by describing", "", `Assaults at HMP Hewell have doubled, figures show. The prison holds 1,000 prisoners and the jail's wings are short of staff.` + "\n\n" +
		`An officer who has worked at the jail for 11 years described a typical shift. "You run from one alarm bell to the next," he said.`,
		[]wantQuote{{"alarm bell", "An officer", "justice_staff", ""}}},
	{"a name's possessive opens a description", "", `Aaron Khan, 24, was jailed for six years.` + "\n\n" +
		`"He is deeply sorry," said Khan's barrister, Tom Reid.` + "\n\n" +
		`"We are heartbroken," said Mr Smith's father, Paul.` + "\n\n" +
		`"He let us down," said Jones's lawyer.`,
		[]wantQuote{{"deeply sorry", "Tom Reid", "defence", ""}, {"heartbroken", "Paul", "victim_family", ""}, {"let us down", "Jones's lawyer", "defence", ""}}},
}

func TestAttribution(t *testing.T) {
	e := shippedEngine(t)
	for _, c := range attributionCases {
		t.Run(c.name, func(t *testing.T) {
			tg := e.Tag(news.Article{Title: c.title, Text: c.text})
			for _, w := range c.want {
				q, ok := findQuote(tg.Quotes, c.title, c.text, w.text)
				if !ok {
					t.Errorf("no quote holding %q; quotes %s", w.text, dumpQuotes(tg.Quotes, c.title, c.text))
					continue
				}
				if q.Speaker != w.speaker || q.Role != w.role || w.kind != "" && q.Kind != w.kind {
					t.Errorf("%q: speaker %q role %s kind %s, want %q %s %s", w.text, q.Speaker, q.Role, q.Kind, w.speaker, w.role, w.kind)
				}
			}
		})
	}
}

// TestPartialInsideClaim: a reported claim carried by the reporter's
// words is stored beside the partial quote inside it, which keeps its
// own span and the same speaker.
func TestPartialInsideClaim(t *testing.T) {
	e := shippedEngine(t)
	text := `His solicitor, Ben Hale, said his client was “deeply sorry” and had used his time on remand to train as a plumber.`
	tg := e.Tag(news.Article{Text: text})
	var kinds []string
	for _, q := range tg.Quotes {
		if q.Location != news.Headline && strings.Trim(text[q.Start:q.End], "“”") == "deeply sorry" {
			kinds = append(kinds, q.Kind)
			if q.Speaker != "Ben Hale" || q.Role != "defence" {
				t.Errorf("partial: speaker %q role %s, want Ben Hale defence", q.Speaker, q.Role)
			}
		}
	}
	if len(kinds) != 1 || kinds[0] != KindPartial {
		t.Errorf("partial quotes over \"deeply sorry\": %v; quotes %s", kinds, dumpQuotes(tg.Quotes, "", text))
	}
}

// TestScareQuotes: one to three quoted words in the reporter's sentence,
// with no verb saying anyone said them, are the reporter's distance from
// the words, not a quote, even after a quote in the sentence before.
func TestScareQuotes(t *testing.T) {
	e := shippedEngine(t)
	for _, c := range []struct{ text, piece, voice string }{
		{`The minister called the plan "robust".`, "robust", VoicePartial},
		{`"We are building places," the minister said. The "robust" plan starts in May.`, "robust", VoiceScare},
		{`A teenager has been given a "last chance" to stay out of jail.`, "last chance", VoiceScare},
		{`The report describes Black women as "doubly invisible" in policy.`, "doubly invisible", VoicePartial},
		{`The so-called "soft justice" row returned.`, "soft justice", VoiceScare},
	} {
		tg := e.Tag(news.Article{Text: c.text})
		got := ""
		for _, q := range tg.Quotes {
			if strings.Contains(c.text[q.Start:q.End], c.piece) {
				got = q.Voice
			}
		}
		if got != c.voice {
			t.Errorf("%s: %q is %q, want %q", c.text, c.piece, got, c.voice)
		}
	}
}

func findQuote(qs []news.QuoteSpan, title, text, piece string) (news.QuoteSpan, bool) {
	for _, q := range qs {
		src := text
		if q.Location == news.Headline {
			src = title
		}
		if strings.Contains(src[q.Start:q.End], piece) && q.Voice != VoiceScare {
			return q, true
		}
	}
	return news.QuoteSpan{}, false
}

func dumpQuotes(qs []news.QuoteSpan, title, text string) string {
	var b strings.Builder
	for _, q := range qs {
		src := text
		if q.Location == news.Headline {
			src = title
		}
		b.WriteString("\n  " + q.Kind + " " + q.Voice + " " + src[q.Start:q.End] + " → " + q.Speaker + " / " + q.Role)
	}
	return b.String()
}

var shipped struct {
	once sync.Once
	e    *Engine
	err  error
}

// shippedEngine is the shipped library compiled once for the package's tests.
func shippedEngine(t testing.TB) *Engine {
	t.Helper()
	shipped.once.Do(func() {
		rs, err := rules.Load("")
		if err != nil {
			shipped.err = err
			return
		}
		shipped.e, shipped.err = New(rs, Options{})
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	return shipped.e
}

// TestGenderOfPossessive: the noun after a possessive is the person's,
// not the owner's ("Mr Bevan's sister" is a woman).
func TestGenderOfPossessive(t *testing.T) {
	for text, want := range map[string]byte{"Mr Bevan's sister": 'f', "Mrs Hurst’s son": 'm', "his mother": 'f', "Mr Bevan": 'm'} {
		if got := genderOf(text); got != want {
			t.Errorf("genderOf(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestLowerOfIsToLower: the lower case read from the article is
// strings.ToLower of the piece, for pieces of it and for other strings.
func TestLowerOfIsToLower(t *testing.T) {
	s := benchArticle.Text + " İSTANBUL Kelvin \xff ÉCOLE ‘Quoted’ ſ"
	a := &attributor{s: s}
	rng := rand.New(rand.NewSource(13))
	var kept [][2]string // copies made in the arena stay as they were made
	defer func() {
		for _, k := range kept {
			if k[0] != k[1] {
				t.Fatalf("a lower-cased copy changed to %q, was %q", k[0], k[1])
			}
		}
	}()
	for k := 0; k < 5000; k++ {
		i := rng.Intn(len(s) + 1)
		j := i + rng.Intn(len(s)-i+1)
		x := s[i:j]
		if k%7 == 0 {
			x = strings.Clone(x) // not a piece of the article
		}
		if got, want := a.lowerOf(x), strings.ToLower(x); got != want {
			t.Fatalf("lowerOf(%q) = %q, want %q", x, got, want)
		}
		kept = append(kept, [2]string{a.lowerOf(x), strings.ToLower(x)})
	}
}

// TestAppendLowerIsToLower: the stack lower case of a word is
// strings.ToLower's, ASCII or not.
func TestAppendLowerIsToLower(t *testing.T) {
	for _, w := range []string{"", "Judge", "HMP", "mr", "Élodie", "İSTANBUL", "Kelvin", "\xff", "O’Neill", "Det-Insp"} {
		var b [32]byte
		if got := string(appendLower(b[:0], w)); got != strings.ToLower(w) {
			t.Errorf("appendLower(%q) = %q, want %q", w, got, strings.ToLower(w))
		}
	}
}
