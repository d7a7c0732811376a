package samplesite

// The outlets are invented. Their names, towns, prisons and people are
// fictional; public bodies (the Parole Board, HM Inspectorate of Prisons,
// the Sentencing Council) appear only in their ordinary roles.
func outlets() map[string]*outlet {
	list := []*outlet{
		{
			Key: "gazette", Name: "Northern Gazette", Prefix: "/gazette/",
			Nav: []navLink{
				{"Home", "/gazette/"}, {"News", "/gazette/news/"}, {"Crime", "/gazette/news/crime/"},
				{"Courts", "/gazette/news/courts/"}, {"Sport", "/gazette/sport/"},
				{"What's On", "/gazette/whats-on/"}, {"Jobs", "/gazette/jobs/"}, {"Subscribe", "/gazette/subscribe/"},
			},
			Footer: []navLink{
				{"About us", "/gazette/about/"}, {"Contact", "/gazette/contact/"},
				{"Privacy notice", "/gazette/privacy/"}, {"Cookie settings", "/gazette/cookies/"},
				{"Complaints", "/gazette/complaints/"},
			},
		},
		{
			Key: "courier", Name: "The Daily Courier", Prefix: "/courier/",
			Nav: []navLink{
				{"News", "/courier/news/"}, {"Crime", "/courier/crime/"}, {"Politics", "/courier/politics/"},
				{"Showbiz", "/courier/showbiz/"}, {"Football", "/courier/football/"},
				{"Money", "/courier/money/"}, {"Puzzles", "/courier/puzzles/"},
			},
			Footer: []navLink{
				{"Contact us", "/courier/contact/"}, {"Terms", "/courier/terms/"},
				{"Privacy", "/courier/privacy/"}, {"IPSO regulated", "/courier/complaints/"},
				{"Advertise", "/courier/advertise/"},
			},
		},
		{
			Key: "justiceweekly", Name: "Justice Weekly", Prefix: "/justiceweekly/",
			Nav: []navLink{
				{"News", "/justiceweekly/news/"}, {"Analysis", "/justiceweekly/analysis/"},
				{"Comment", "/justiceweekly/comment/"}, {"Interviews", "/justiceweekly/interviews/"},
				{"Letters", "/justiceweekly/letters/"}, {"Jobs board", "/justiceweekly/jobs/"},
				{"Subscribe", "/justiceweekly/subscribe/"},
			},
			Footer: []navLink{
				{"About Justice Weekly", "/justiceweekly/about/"}, {"Write for us", "/justiceweekly/write-for-us/"},
				{"Privacy", "/justiceweekly/privacy/"}, {"Accessibility", "/justiceweekly/accessibility/"},
			},
		},
		{
			Key: "dispatch", Name: "The Capital Dispatch", Prefix: "/dispatch/",
			Nav: []navLink{
				{"UK", "/dispatch/category/uk/"}, {"World", "/dispatch/category/world/"},
				{"Business", "/dispatch/category/business/"}, {"Science", "/dispatch/category/science/"},
				{"Sport", "/dispatch/category/sport/"}, {"Culture", "/dispatch/category/culture/"},
			},
			Footer: []navLink{
				{"About", "/dispatch/about/"}, {"Editorial code", "/dispatch/editorial-code/"},
				{"Privacy", "/dispatch/privacy/"}, {"Contact", "/dispatch/contact/"},
			},
		},
		{
			Key: "chronicle", Name: "Eastmoor Chronicle", Prefix: "/chronicle/",
			Nav: []navLink{
				{"Home", "/chronicle/"}, {"News", "/chronicle/news/"}, {"Crime", "/chronicle/news/crime/"},
				{"Sport", "/chronicle/sport/"}, {"Family notices", "/chronicle/notices/"},
				{"Weather", "/chronicle/weather/"},
			},
			Footer: []navLink{
				{"Contact the newsdesk", "/chronicle/contact/"}, {"Advertise with us", "/chronicle/advertise/"},
				{"Terms and conditions", "/chronicle/terms/"},
			},
		},
	}
	m := map[string]*outlet{}
	for _, o := range list {
		m[o.Key] = o
	}
	return m
}

// adLinks are where the ad slots point: real pages, but never articles.
var adLinks = []navLink{
	{"Compare car insurance", "/ads/click/car-insurance/"},
	{"Local solicitors", "/ads/click/solicitors/"},
	{"Winter boiler deals", "/ads/click/boilers/"},
	{"Hearing test offer", "/ads/click/hearing/"},
}

type comment struct{ Name, When, Text string }

// Readers' comments sit under the stories. They are boilerplate to an
// extractor, and they are full of the language the tagger looks for, so an
// extractor that keeps them shows up in the tagging.
var comments = map[string][]comment{
	"gazette": {
		{"CalderbrookLad", "2 hours ago", "Six years? He'll be out in three. Lock them up and throw away the key, I say."},
		{"Margaret W", "3 hours ago", "My nephew works at the prison and says it's nothing like the papers make out. Staff are run ragged."},
		{"northern_soul_73", "5 hours ago", "Good work by the police. Shame the courts are so slow."},
		{"Ex-resident", "yesterday", "Thugs like this ruined the town centre. Nobody goes out after dark any more."},
	},
	"courier": {
		{"Patriot1966", "1h", "Bring back national service. Prison is a holiday camp for these scum."},
		{"Sally_from_Kent", "2h", "Rot in hell. My thoughts are with the family."},
		{"TellItStraight", "3h", "Lock 'em up and throw away the key! Soft justice Britain strikes again."},
		{"DaveR", "4h", "Why are we paying for their Xboxes and Sky TV?"},
	},
	"justiceweekly": {
		{"Probation officer, North West", "20 November 2026", "Caseloads in our office are well over the workload measure. This piece is spot on."},
		{"R. Okafor", "19 November 2026", "Would be good to see the Welsh figures broken out separately next time."},
	},
	"dispatch": {
		{"Jonathan P.", "November 21, 2026 at 9:14 am", "Interesting piece, though the headline oversells it."},
		{"Amira", "November 21, 2026 at 11:02 am", "Shared with my book group. Thanks."},
	},
	"chronicle": {
		{"Eastmoor born and bred", "21/11/2026", "Well done to all involved."},
		{"Concerned of Hilltop", "20/11/2026", "Lock them up. Simple as that."},
	},
}
