package relevance

import (
	"strings"
	"testing"
)

func defaultFilter(t testing.TB) *Filter {
	t.Helper()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The worked examples of relevance.md, as headlines.
func TestWorkedExamples(t *testing.T) {
	f := defaultFilter(t)
	tests := []struct {
		n        int
		headline string
		keep     bool
		ukOnly   bool
	}{
		{1, "Man jailed for six years after Bolton robbery", true, false},
		{2, "Stem cell breakthrough gives hope to patients", false, false},
		{3, "Centre Court crowd stunned as champion crashes out", false, false},
		{4, "Drugs trial collapses after key witness fails to appear at Crown Court", true, false},
		{5, "Drug trial shows new treatment slows dementia", false, false},
		{6, "The fashion police were out in force at the Brits", false, false},
		{7, "Prisons so full that police cells are being used, governors warn", true, false},
		{8, "Strictly judges divided over Saturday's performance", false, false},
		{9, "Judge criticises CPS over delay in rape case", true, false},
		{10, "High street faces a death sentence, retailers warn", false, false},
		{11, "Teenager sentenced for manslaughter of delivery rider", true, false},
		{12, "Leaders gather at COP29 to discuss climate finance", false, false},
		{13, "Murder mystery night raises £3,000 for village hall", false, false},
		{14, "Former prisoner opens bakery that hires people with criminal records", true, false},
		{15, "Inquest hears man was restrained by officers before dying in custody", true, false},
		{16, "Couple locked in custody battle over family dog", false, false},
		{17, "Texas man executed after 20 years on death row", true, false},
		{17, "Texas man executed after 20 years on death row", false, true},
		{18, "Employment tribunal rules nurse was unfairly dismissed", false, false},
	}
	for _, tt := range tests {
		f.UKOnly = tt.ukOnly
		v := f.Judge(tt.headline, "", "", false)
		if v.Keep != tt.keep {
			t.Errorf("example %d %q (uk_only=%v): keep=%v, want %v (score %.1f, %s, cues %v)",
				tt.n, tt.headline, tt.ukOnly, v.Keep, tt.keep, v.Score, v.Reason, v.Cues)
		}
	}
}

func hasCue(v Verdict, id string) bool {
	for _, c := range v.Cues {
		if strings.HasPrefix(c, id+":") {
			return true
		}
	}
	return false
}

// Every row of relevance.md's false-positive table: the example must not
// fire the cue (nor keep the item), and the word in its justice sense must.
func TestFalseFriends(t *testing.T) {
	f := defaultFilter(t)
	tests := []struct {
		word, cue    string
		falseFriend  string
		justiceSense string // "" where the word is not a cue in any sense
	}{
		{"sentence/grammar", "sentence", "Start each sentence with a capital letter.", "The judge said the sentence reflected the harm caused."},
		{"sentence/metaphor", "sentence", "The tax rise is a death sentence for rural pubs.", "He is serving a life sentence."},
		{"court/sport", "court", "Centre Court erupted as the champion served for the match.", "The court heard he had 14 previous convictions."},
		{"court/tennis", "court", "She booked a tennis court for Saturday morning.", "He will appear in court next month."},
		{"court/royal", "court", "The minister is courting controversy again.", "The case returns to court in March."},
		{"court/place", "court", "Traffic is heavy around Earls Court tonight.", "Outside court, his family wept."},
		{"trial/medicine", "trial", "The drug trial showed a 30% reduction in symptoms.", "The drugs trial heard from three detectives."},
		{"trial/tryout", "trial", "Sign up for a 30-day free trial.", "The trial is expected to last three weeks."},
		{"trial/sport", "trial", "She set a new record in the time trial.", "He stood trial for arson."},
		{"cell/biology", "civil-courts", "Stem cell therapy restored her sight.", "He was found dead in his cell."},
		{"cell/technology", "civil-courts", "The solar cell market is booming.", "Inmates spend 23 hours a day in their cells."},
		{"police/metaphor", "police", "The fashion police would not approve of his tie.", "Police were called to the house at 2am."},
		{"police/band", "police", "Sting reunited with The Police for a final tour.", "The police said inquiries were continuing."},
		{"prison/metaphor", "prison-anchor", "Her marriage had become a prison, she writes in her memoir.", "He was sent to prison for six years."},
		{"prison/title", "prison-anchor", "Prison Break returns to Netflix this summer.", "The prison holds 1,200 men."},
		{"judge/contest", "judge", "The Strictly judges gave the couple a perfect score.", "The judge told the jury to disregard it."},
		{"judge/idiom", "judge", "Judge for yourself whether the menu is worth it.", "The judge adjourned the case."},
		{"jury/idiom", "jury", "The jury is still out on the new stadium design.", "The jury retired to consider its verdict."},
		{"jury/prize", "jury", "The Booker Prize jury announced its shortlist.", "The jury was discharged."},
		{"bar/pub", "prosecution", "The new cocktail bar opens on Friday.", "The criminal Bar voted to strike."},
		{"custody/family", "custody", "The couple are locked in a custody battle over their son.", "He died in police custody."},
		{"custody/museum", "custody", "The painting is in the custody of the museum.", "He remains in custody."},
		{"conviction/belief", "defendant", "She spoke with real conviction about the climate.", "His conviction was quashed."},
		{"probation/employment", "probation-licence", "New staff serve a six-month probation period.", "He was placed on probation for two years."},
		{"charge/money", "charged", "Parking is free of charge after 6pm.", "Two men have been charged."},
		{"charge/energy", "charged", "Drivers pay to charge electric cars at the charging point.", "Charges were dropped last week."},
		{"arrest/medicine", "arrest", "He went into cardiac arrest during the match.", "Officers arrested two men."},
		{"arrest/idiom", "arrest", "The plan aims to arrest the decline of the high street.", "A 19-year-old is under arrest."},
		{"warrant/verb", "", "The result does not warrant a recount.", ""},
		{"bail/finance", "charged-bail", "The government bailed out the airline.", "He was bailed until January."},
		{"victim/disaster", "victim", "Flood victims are still waiting for compensation.", "The victim was attacked outside the pub."},
		{"victim/idiom", "victim", "The cafe is a victim of its own success.", "The victim of the robbery spoke to police."},
		{"crime/fiction", "crime", "Her new crime novel is set in Whitby.", "Crime rose by 5% last year."},
		{"murder/entertainment", "violent-crime", "The murder mystery dinner raised £2,000 for the school.", "He denies murder."},
		{"murder/idiom", "violent-crime", "A murder of crows gathered on the roof.", "Police launched a murder investigation."},
		{"shooting/film", "violent-crime", "Shooting on the new series began in Cardiff.", "Police are investigating a shooting in Moss Side."},
		{"shooting/sport", "violent-crime", "The clay shooting season opens next month.", "A man was injured in the shooting."},
		{"sheriff/US", "sheriff", "The sheriff's office in Texas released a statement.", "The sheriff said the offence was serious."},
		{"sheriff/pantomime", "sheriff", "The Sheriff of Nottingham was booed at the pantomime.", "The sheriff deferred sentence."},
		{"inspector/fiction", "", "ITV is repeating Inspector Morse this summer.", ""},
		{"appeal/charity", "investigation", "The hospice appeal has raised £50,000.", "Police issued an appeal for information."},
		{"penalty/sport", "penalties", "He missed a penalty in the shootout.", "He was given six penalty points."},
		{"booked/football", "", "He was booked for a late challenge.", ""},
		{"tribunal/civil", "", "She won her employment tribunal claim.", ""},
		{"defence/military", "", "Defence spending will rise to 2.5%.", ""},
		{"hearing/health", "", "New hearing aids are available on the NHS.", ""},
		{"cop/climate", "cop", "Leaders met at COP 29 in Baku.", "The cops arrived within minutes."},
		{"cop/idiom", "cop", "Calling it a draw was a cop out.", "Two cops were injured."},
		{"PCC/church", "police-oversight", "The parochial church council approved the new roof.", "The PCC said the force must improve."},
		{"CPS/US", "cps", "CPS in Ohio removed the children.", "The CPS authorised charges."},
		{"lockdown/covid", "", "The first national lockdown began in March 2020.", ""},
		{"gang/idiom", "violence-weapons", "The old gang reunited for a pub quiz.", "The gang sold drugs across the county."},
		{"knife/cooking", "violence-weapons", "Every cook needs a good chef's knife.", "He was carrying a knife."},
		{"knife/idiom", "violence-weapons", "The vote is on a knife edge.", "A knife was found nearby."},
		{"fine/adjective", "penalties", "A fine day is forecast for Saturday.", "He was fined £500."},
		{"guilty/emotion", "guilty", "Reality TV is my guilty pleasure.", "The jury found him guilty."},
		{"officer/role", "police", "The chief executive officer resigned.", "The officer was injured."},
		{"assault/idiom", "violent-crime", "The assault course raised money for charity.", "He admitted assault."},
		{"robbery/idiom", "violent-crime", "£9 for a pint is daylight robbery.", "The robbery happened at 10pm."},
		{"offence/idiom", "defendant", "No offence, but the sequel was better.", "He admitted the offence."},
		{"Met/verb", "police", "They met at university.", "The Met said two men were arrested."},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			ff := f.Judge(tt.falseFriend, tt.falseFriend, "", false)
			if ff.Keep {
				t.Errorf("false friend %q kept (score %.1f, cues %v)", tt.falseFriend, ff.Score, ff.Cues)
			}
			if tt.cue != "" && hasCue(ff, tt.cue) {
				t.Errorf("false friend %q fired %s: %v", tt.falseFriend, tt.cue, ff.Cues)
			}
			if tt.justiceSense == "" {
				return
			}
			js := f.Judge("", "", tt.justiceSense, false)
			if !hasCue(js, tt.cue) {
				t.Errorf("justice sense %q did not fire %s: %v", tt.justiceSense, tt.cue, js.Cues)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	const head = "version: 1\ncues:\n"
	tests := []struct{ name, yaml, want string }{
		{"not yaml", "cues: [", "f.yaml: yaml:"},
		{"no version", "cues:\n  - {id: a, weight: 1, patterns: [x]}\n", "f.yaml:1: version: 1 is required"},
		{"unknown top key", "version: 1\nthreshold: 4\ncues:\n  - {id: a, weight: 1, patterns: [x]}\n", `f.yaml:2: rule file: unknown key "threshold"`},
		{"no cues", "version: 1\n", "f.yaml:1: cues: a non-empty list is required"},
		{"missing weight", head + "  - id: a\n    patterns: [x]\n", `f.yaml:3: cue "a": weight is required`},
		{"negative weight", head + "  - id: a\n    weight: -1\n    patterns: [x]\n", `f.yaml:4: cue "a": weight must be positive`},
		{"no patterns", head + "  - id: a\n    weight: 1\n", `f.yaml:3: cue "a": patterns or cased must list at least one phrase`},
		{"duplicate id", head + "  - {id: a, weight: 1, patterns: [x]}\n  - {id: a, weight: 1, patterns: [y]}\n", `f.yaml:4: cue "a": duplicate id (first at line 3)`},
		{"unknown cue key", head + "  - id: a\n    weight: 1\n    pattern: [x]\n", `f.yaml:5: cue: unknown key "pattern"`},
		{"bad phrase", head + "  - id: a\n    weight: 1\n    patterns: [\"* court\"]\n", `f.yaml:5: cue "a": patterns: "* court" is not a usable phrase`},
		{"unknown set", head + "  - id: a\n    weight: 1\n    patterns: [x]\n    require: {near: [\"@nope\"]}\n", `f.yaml:6: cue "a": require: near: unknown set "@nope"`},
		{"bad scope", head + "  - id: a\n    weight: 1\n    patterns: [x]\n    suppress:\n      - {near: [y], scope: page}\n", `f.yaml:7: cue "a": suppress: scope must be sentence or item`},
		{"empty suppress", head + "  - id: a\n    weight: 1\n    patterns: [x]\n    suppress:\n      - {within: 3}\n", `f.yaml:7: cue "a": suppress needs phrases or near`},
		{"bad threshold", "version: 1\nthresholds: {keep: many}\ncues:\n  - {id: a, weight: 1, patterns: [x]}\n", `f.yaml:2: thresholds.keep must be a number, got "many"`},
		{"boost without weight", head + "  - id: a\n    weight: 1\n    patterns: [x]\n    boost: {near: [y]}\n", `f.yaml:6: cue "a": boost needs near and a positive weight`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.yaml), "f.yaml")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

// A filter built from a small rule file scores exactly as relevance.md
// says: location multipliers, the half-weight second hit, nothing for a
// third, the strong-cue requirement and the feed-only threshold.
func TestScoring(t *testing.T) {
	f, err := Load([]byte(`version: 1
cues:
  - {id: strong, weight: 2, patterns: [arrested]}
  - {id: weak, weight: 1, patterns: [crime]}
  - {id: anchor, weight: 3, anchor: true, patterns: [jailed]}
`), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name              string
		title, lead, body string
		feedOnly          bool
		score             float64
		keep              bool
	}{
		{"headline x2", "Man arrested", "", "", false, 4, false},
		{"lead x1.5", "", "Man arrested.", "", false, 3, false},
		{"body x1", "", "", "Man arrested.", false, 2, false},
		{"second hit half, third nothing", "Man arrested", "He was arrested.", "Arrested again. And arrested.", false, 4 + 1.5, true},
		{"best occurrence counts in full", "", "Arrested.", "Arrested.", false, 3 + 1, false},
		{"weak cues alone never keep", "Crime", "Crime crime.", "Crime crime crime.", false, 2 + 0.75, false},
		{"feed-only threshold 3", "Man arrested", "", "", true, 4, true},
		{"feed-only still needs a strong cue", "Crime wave", "Crime.", "", true, 2 + 0.75, false},
		{"anchor in headline keeps", "Man jailed", "", "", false, 6, true},
		{"anchor in lead keeps", "", "He was jailed.", "", false, 4.5, true},
		{"anchor in body only scores", "", "", "He was jailed.", false, 3, false},
	}
	for _, tt := range tests {
		v := f.Judge(tt.title, tt.lead, tt.body, tt.feedOnly)
		if v.Score != tt.score || v.Keep != tt.keep {
			t.Errorf("%s: score %.2f keep %v, want %.2f %v (%v)", tt.name, v.Score, v.Keep, tt.score, tt.keep, v.Cues)
		}
	}
}
