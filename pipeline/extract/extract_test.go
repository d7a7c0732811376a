package extract

import (
	"os"
	"strings"
	"testing"
	"time"
)

func mustExtract(t *testing.T, page, pageURL string) Result {
	t.Helper()
	r, err := Extract([]byte(page), pageURL)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The hand-written pages: metadata from each of the places pages put it,
// and the body without the furniture around it.
func TestExtractLocalPages(t *testing.T) {
	tests := []struct {
		file, url string
		title     string
		byline    string
		published time.Time
		canonical string
		lang      string
		kind      string
		empty     string // Reason, "" when not Empty
		junk      []string
	}{
		{
			file: "gazette-court.html", url: "https://www.northern-gazette.example/news/crime/man-jailed-bolton-robbery?utm_source=twitter#top",
			title: "Man jailed for six years after Bolton robbery", byline: "Jane Roe",
			published: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC),
			canonical: "https://www.northern-gazette.example/news/crime/man-jailed-bolton-robbery",
			lang:      "en", kind: KindNews,
			junk: []string{"cookies", "Win a luxury cruise", "Related stories", "Six years is not enough", "Cheap car insurance", "All rights reserved", "Advertisement"},
		},
		{
			file: "courier-prison.html", url: "https://courier.example/uk/prisons-full-police-cells/",
			title: "Prisons so full that police cells are being used, governors warn", byline: "Priya Shah",
			published: time.Date(2026, 11, 17, 14, 5, 0, 0, time.UTC),
			canonical: "http://Courier.example:80/uk/prisons-full-police-cells/", // og:url as written; dedup.Canonical normalises it
			lang:      "en", kind: KindNews,
			junk: []string{"cookies", "Share on Facebook", "Get the Courier Daily", "Most read", "Celebrity chef", "Sponsored", "Tags:"},
		},
		{
			file: "herald-opinion.html", url: "https://herald.example/opinion/2026/11/prison-crisis",
			title: "We cannot build our way out of the prison crisis", byline: "Maria Lopez",
			published: time.Date(2026, 11, 18, 7, 0, 0, 0, time.UTC),
			canonical: "https://herald.example/opinion/2026/11/prison-crisis",
			lang:      "en", kind: KindOpinion,
			junk: []string{"Join the discussion", "Western Herald ©"},
		},
		{
			file: "letters.html", url: "https://eveningpost.example/letters/short-sentences-do-not-work/?ref=home",
			title: "Letters: Short sentences do not work", byline: "",
			published: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), // a bare date is midnight London time (GMT in November)
			canonical: "https://eveningpost.example/letters/short-sentences-do-not-work/",
			lang:      "en", kind: KindLetter,
			empty: "", junk: []string{"About us", "Advertise"},
		},
		{
			file: "paywall.html", url: "https://ledger.example/news/court-backlog",
			title: "Inside the court backlog crisis", published: time.Date(2026, 11, 19, 6, 0, 0, 0, time.UTC),
			canonical: "https://ledger.example/news/court-backlog", lang: "en", kind: KindNews, empty: "paywall",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := mustExtract(t, readFile(t, "testdata/"+tt.file), tt.url)
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", r.Title, tt.title)
			check("Byline", r.Byline, tt.byline)
			check("CanonicalURL", r.CanonicalURL, tt.canonical)
			check("Lang", r.Lang, tt.lang)
			check("Kind", r.Kind, tt.kind)
			check("Reason", r.Reason, tt.empty)
			if r.Empty != (tt.empty != "") {
				t.Errorf("Empty = %v, want %v", r.Empty, tt.empty != "")
			}
			if !r.PublishedAt.Equal(tt.published) || r.PublishedAt.Location() != time.UTC {
				t.Errorf("PublishedAt = %v, want %v UTC", r.PublishedAt, tt.published)
			}
			for _, j := range tt.junk {
				if strings.Contains(r.Text, j) {
					t.Errorf("body contains furniture %q:\n%s", j, r.Text)
				}
			}
			if tt.empty != "" {
				return
			}
			want := readFile(t, "testdata/"+strings.TrimSuffix(tt.file, ".html")+".txt")
			for _, p := range strings.Split(strings.TrimSpace(want), "\n\n") {
				if !strings.Contains(strings.ReplaceAll(r.Text, "\n", " "), p) {
					t.Errorf("body lacks paragraph %q", p)
				}
			}
		})
	}
}

// Paragraph structure the tagger relies on (quotes.md): blank lines between
// paragraphs, <br> inside one, blockquotes and <q> kept as quotations.
func TestParagraphs(t *testing.T) {
	filler := "<p>" + strings.Repeat("The case was adjourned until next month at the crown court. ", 8) + "</p>"
	tests := []struct {
		name, body string
		want       []string // consecutive paragraphs expected in Text
	}{
		{"paragraphs", "<p>One.</p><p>Two\n  words.</p>", []string{"One.", "Two words."}},
		{"br is not a paragraph end", "<p>“I didn't choose to be an addict,<br>I was twelve when it started,” she said.</p>",
			[]string{"“I didn't choose to be an addict,\nI was twelve when it started,” she said."}},
		{"double br separates paragraphs", "<div>First part.<br><br>Second part.</div>", []string{"First part.", "Second part."}},
		{"blockquote without marks is quoted", "<p>She posted:</p><blockquote class=\"twitter-tweet\"><p>Lock them all up!!</p></blockquote><p>After.</p>",
			[]string{"She posted:", "“Lock them all up!!”", "After."}},
		{"blockquote with its own marks is left alone", "<blockquote><p>“We were ignored,” he said.</p></blockquote>",
			[]string{"“We were ignored,” he said."}},
		{"q becomes marks inline", "<p>He called it <q>the worst in thirty years</q> on Friday.</p>",
			[]string{"He called it “the worst in thirty years” on Friday."}},
		{"multi-paragraph quote keeps its breaks", "<p>“It was the first paragraph.</p><p>“And it went on,” she said.</p>",
			[]string{"“It was the first paragraph.", "“And it went on,” she said."}},
		{"entities decoded", "<p>Fish &amp; chips &ldquo;cost&rdquo; &pound;9&nbsp;now.</p>", []string{"Fish & chips “cost” £9 now."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><body><article><h1>Headline for the test</h1>" + filler + tt.body + filler + "</article></body></html>"
			r := mustExtract(t, page, "https://example.org/news/1")
			if !strings.Contains(r.Text, strings.Join(tt.want, "\n\n")) {
				t.Errorf("Text lacks %q:\n%q", strings.Join(tt.want, "\n\n"), r.Text)
			}
			if strings.Contains(r.Text, "\n\n\n") {
				t.Errorf("Text has a triple newline: %q", r.Text)
			}
		})
	}
}

func TestCanonicalURL(t *testing.T) {
	page := func(head string) string {
		return "<html><head>" + head + "</head><body><p>x</p></body></html>"
	}
	tests := []struct{ name, head, pageURL, want string }{
		{"relative canonical", `<link rel="canonical" href="/news/a">`, "https://www.example.org/amp/news/a?x=1", "https://www.example.org/news/a"},
		{"og:url when no link", `<meta property="og:url" content="https://example.org/news/b">`, "https://example.org/news/b?utm_source=x", "https://example.org/news/b"},
		{"link beats og:url", `<link rel="canonical" href="https://example.org/c"><meta property="og:url" content="https://example.org/d">`, "https://example.org/x", "https://example.org/c"},
		{"amp host is the same site", `<link rel="canonical" href="https://www.example.org/e">`, "https://amp.example.org/e", "https://www.example.org/e"},
		{"another site's canonical is ignored", `<link rel="canonical" href="https://original.example/story">`, "https://copy.example/story", "https://copy.example/story"},
		{"non-http canonical ignored", `<link rel="canonical" href="javascript:alert(1)">`, "https://example.org/f", "https://example.org/f"},
		{"none", ``, "https://example.org/g#c", "https://example.org/g"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustExtract(t, page(tt.head), tt.pageURL).CanonicalURL; got != tt.want {
				t.Errorf("CanonicalURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPublished(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name, head, body string
		want             time.Time
	}{
		{"og with offset", `<meta property="article:published_time" content="2026-07-01T10:00:00+01:00">`, "", utc(2026, 7, 1, 9, 0)},
		{"json-ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2026-03-02T08:15:00Z"}]}</script>`, "", utc(2026, 3, 2, 8, 15)},
		{"json-ld type list", `<script type="application/ld+json">{"@type":["NewsArticle","Article"],"datePublished":"2026-03-03T08:15:00.000Z"}</script>`, "", utc(2026, 3, 3, 8, 15)},
		{"broken json-ld skipped", `<script type="application/ld+json">{"@type":"NewsArticle",</script><meta name="date" content="2026-04-04">`, "", utc(2026, 4, 3, 23, 0)},
		{"itemprop rfc1123", `<meta itemprop="datePublished" content="Tue, 17 Nov 2026 14:05:00 +0000">`, "", utc(2026, 11, 17, 14, 5)},
		{"time element, naive summer time", "", `<time datetime="2026-06-10 18:30">10 June</time>`, utc(2026, 6, 10, 17, 30)},
		{"unix seconds", `<meta name="parsely-pub-date" content="1795000000">`, "", time.Unix(1795000000, 0).UTC()},
		{"human date", `<meta name="publish-date" content="21st November 2026">`, "", utc(2026, 11, 21, 0, 0)},
		{"og beats time", `<meta property="article:published_time" content="2026-01-01T00:00:00Z">`, `<time datetime="2025-01-01">x</time>`, utc(2026, 1, 1, 0, 0)},
		{"modified only is not published", `<meta property="article:modified_time" content="2026-01-01T00:00:00Z">`, "", time.Time{}},
		{"placeholder year rejected", `<meta property="article:published_time" content="0001-01-01T00:00:00Z">`, "", time.Time{}},
		{"none", "", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"<p>text</p></body></html>", "https://example.org/a")
			if !r.PublishedAt.Equal(tt.want) {
				t.Errorf("PublishedAt = %v, want %v", r.PublishedAt, tt.want)
			}
		})
	}
}

func TestKindAndLang(t *testing.T) {
	tests := []struct {
		name, head, body, url, kind, lang string
	}{
		{"section opinion", `<meta property="article:section" content="Opinion">`, "", "https://e.org/a", KindOpinion, "en"},
		{"section comment kicker", "", `<div class="section-kicker">Comment</div>`, "https://e.org/a", KindOpinion, "en"},
		{"letters path", "", "", "https://e.org/letters/2026/a", KindLetter, "en"},
		{"letters title", `<meta property="og:title" content="Letter: Prisons need teachers">`, "", "https://e.org/a", KindLetter, "en"},
		{"prisoner byline", `<meta name="author" content="By a serving prisoner at HMP Example">`, "", "https://e.org/a", KindOpinion, "en"},
		{"nav link is not a section", "", `<nav><a class="category" href="/opinion">Opinion</a></nav>`, "https://e.org/news/a", KindNews, "en"},
		{"news", `<meta property="article:section" content="Crime">`, "", "https://e.org/news/a", KindNews, "en"},
		{"welsh", `<meta http-equiv="content-language" content="cy">`, "", "https://e.org/a", KindNews, "cy"},
		{"og locale", `<meta property="og:locale" content="ga_IE">`, "", "https://e.org/a", KindNews, "ga"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"<p>text</p></body></html>", tt.url)
			if r.Kind != tt.kind || r.Lang != tt.lang {
				t.Errorf("Kind, Lang = %q, %q; want %q, %q", r.Kind, r.Lang, tt.kind, tt.lang)
			}
		})
	}
	r := mustExtract(t, `<html lang="en-GB"><body><p>x</p></body></html>`, "https://e.org/a")
	if r.Lang != "en" {
		t.Errorf("html lang en-GB: Lang = %q", r.Lang)
	}
}

func TestEmpty(t *testing.T) {
	long := "<p>" + strings.Repeat("Magistrates heard the case against the defendant on Monday morning. ", 30) + "</p>"
	tests := []struct {
		name, page, reason string
	}{
		{"script shell", `<html><body><div id="app"></div><script>render()</script></body></html>`, "no body"},
		{"error page", `<html><body><h1>Page not found</h1><p>Sorry, we could not find that page.</p></body></html>`, "no body"},
		{"subscribe prompt", `<html><body><article><h1>Inside the backlog</h1><p>Victims wait years.</p><div class="premium"><p>Subscribe to continue reading.</p></div></article></body></html>`, "paywall"},
		{"metered paywall serving full text", `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head><body><article>` + long + `</article></body></html>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, tt.page, "https://example.org/a")
			if r.Reason != tt.reason || r.Empty != (tt.reason != "") {
				t.Errorf("Empty, Reason = %v, %q; want %v, %q (text %q)", r.Empty, r.Reason, tt.reason != "", tt.reason, r.Text)
			}
		})
	}
}

func TestExtractBadURL(t *testing.T) {
	for _, u := range []string{"", "/relative", "ftp://e.org/a", "https://"} {
		if _, err := Extract([]byte("<p>x</p>"), u); err == nil {
			t.Errorf("Extract with page URL %q: no error", u)
		}
	}
}
