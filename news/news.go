// Package news holds the values that flow through framewatch, from a crawled
// page to a stored, tagged article. It is a leaf: every other package may use
// it, and it uses none of them.
package news

import "time"

// Source is one configured news source.
type Source struct {
	Name     string // unique id, e.g. "northern-gazette"
	Outlet   string // display name, e.g. "Northern Gazette"
	Kind     string // "rss" (RSS, Atom, JSON Feed) or "scrape"
	URL      string
	Schedule string // robfig/cron v3 spec
	Topic    string // "justice" keeps every item; "all" keeps only justice-relevant items
	Links    string // scrape only: CSS selector for article links on the listing page

	// Outlet metadata, for grouping trends (all optional).
	OutletType string // one of OutletTypes
	Nation     string // one of Nations
	Region     string // free text, e.g. "North East", "Highlands"
}

// OutletTypes are the kinds of outlet a source can be (config key outlet_type).
var OutletTypes = []string{"national", "regional", "broadcast", "trade", "campaign"}

// Nations are the UK nations a source can cover (config key nation); "uk"
// is UK-wide.
var Nations = []string{"england", "scotland", "wales", "northern_ireland", "uk"}

// Article is one news article, identified by its canonical URL.
type Article struct {
	URL         string // canonical URL: the article's identity across feeds and runs
	Source      string
	Outlet      string
	Title       string
	Byline      string
	Text        string // body text; paragraphs separated by a blank line ("\n\n")
	Summary     string // the feed item's own summary, if any
	Lang        string // ISO 639-1, e.g. "en"
	Kind        string // "news", "opinion" or "letter"
	PublishedAt time.Time
	FetchedAt   time.Time
	StoryID     string // shared by syndicated copies of one story
	Fingerprint uint64 // SimHash of the body text, for near-duplicate detection
	FeedOnly    bool   // the page could not be fetched; title and text come from the feed
}

// Where a match or quote stands in an article. Offsets of a headline match
// index Article.Title; offsets of lead and body matches index Article.Text.
const (
	Headline = "headline"
	Lead     = "lead" // the first paragraph
	Body     = "body"
)

// Match is one place where a rule fired.
type Match struct {
	Rule     string   `json:"rule"`
	Kind     string   `json:"kind"` // "term"
	Category string   `json:"category"`
	Severity string   `json:"severity"`
	Text     string   `json:"text"`  // the matched text as it appears
	Start    int      `json:"start"` // byte offsets, see Headline/Lead/Body
	End      int      `json:"end"`
	InQuote  bool     `json:"in_quote"`
	Voice    string   `json:"voice"` // journalist, quote, partial_quote, headline_quote, scare, author
	Location string   `json:"location"`
	Sentence string   `json:"sentence"`
	Suggest  []string `json:"suggest"`
	Message  string   `json:"message"`
	// Guide names the guide the suggestion follows (it changes with the
	// style profile for the terms the guides disagree on).
	Guide string `json:"guide,omitempty"`
	// Added by the rules engine (quotes.md §1): how deep in nested quotation,
	// journalist-voice paraphrase of a named source, a quoted first-person
	// self-description (never counted against the outlet), a quoted word a
	// sub-editor put in the headline, and the quoted speaker when obvious.
	Depth           int    `json:"depth,omitempty"`
	Attributed      bool   `json:"attributed,omitempty"`
	SelfDescription bool   `json:"self_description,omitempty"`
	Amplified       bool   `json:"amplified,omitempty"`
	Speaker         string `json:"speaker,omitempty"`
}

// FrameScore is one frame's verdict on an article. Every frame in the ruleset
// gets one, fired or not, so analysts can see near misses.
type FrameScore struct {
	Frame    string   `json:"frame"`
	Score    float64  `json:"score"`
	Fired    bool     `json:"fired"`
	Strong   bool     `json:"strong"`
	Cues     int      `json:"cues"` // distinct positive cues that fired (min_cues counts these; 0 when only supporting cues fired)
	Evidence []string `json:"evidence"`
}

// Entity is a person, place or organisation named in an article.
type Entity struct {
	Name  string `json:"name"`
	Type  string `json:"type"` // PERSON, PLACE, ORG, PRISON, COURT, POLICE
	Count int    `json:"count"`
}

// QuoteSpan is one quote found while tagging, attributed to its speaker:
// words in quote marks (offsets include the marks) or a reported-speech
// claim (Kind "reported", voice journalist, offsets of the clause).
type QuoteSpan struct {
	Location string `json:"location"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Voice    string `json:"voice"`
	Cue      string `json:"cue"` // attribution verb, e.g. "said"; "" when none
	// Speaker is the name as written at its fullest ("Det Insp Sarah
	// Khan"), else the description ("his mother"); "" only when the text
	// names no speaker.
	Speaker string `json:"speaker"`
	// Role is one of police, prosecutor, judge, defence, politician,
	// official, justice_staff, victim_family, charity, expert,
	// lived_experience, other, unknown (rules/library/roles.yaml).
	Role       string `json:"role"`
	Kind       string `json:"kind"`  // direct, partial or reported
	Words      int    `json:"words"` // words quoted, marks excluded
	Unbalanced bool   `json:"unbalanced,omitempty"`
}

// Tagging is everything the rules said about one article.
type Tagging struct {
	Ruleset  string       `json:"ruleset"` // hash of the rule files in force
	Matches  []Match      `json:"matches"`
	Frames   []FrameScore `json:"frames"`
	Entities []Entity     `json:"entities,omitempty"`
	Quotes   []QuoteSpan  `json:"quotes,omitempty"`
}

// TaggedArticle is the unit that leaves the pipeline for storage.
type TaggedArticle struct {
	Article
	Tagging
}

// Crawl outcomes, one per fetch, recorded in the crawl log and counted in
// the per-source summary.
const (
	Stored      = "stored"
	Duplicate   = "duplicate"
	OffTopic    = "offtopic"
	Failed      = "failed"
	NotModified = "not_modified"
	Skipped     = "skipped" // robots.txt, non-HTML, SSRF guard
	Fetched     = "fetched" // a feed or listing page read (its items are logged on their own)
)

// CrawlEvent is one fetch, as recorded in crawl_log.
type CrawlEvent struct {
	Time     time.Time
	Source   string
	URL      string
	Status   int // HTTP status; 0 when no response
	Bytes    int64
	Duration time.Duration
	Outcome  string
	Error    string
}
