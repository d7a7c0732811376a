// Package extract turns a fetched article page into clean text and metadata:
// the body (paragraphs kept apart, boilerplate out), title, byline,
// publication time, canonical URL, language and article kind.
//
// The body comes from framewatch's own one-pass finder (content.go), with
// go-trafilatura as the fallback when it finds too little; docs/extraction.md
// has the measurements behind that choice. Metadata is read by this package itself,
// because both libraries reduce dates to a day and neither knows UK
// opinion/letters conventions.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Result is what one page yields.
type Result struct {
	Title        string
	Summary      string    // the page's own description (og:description, meta description): usually the standfirst; for sources without a feed summary
	Byline       string    // author names as printed, without "By" or job title
	Text         string    // body; paragraphs separated by "\n\n", a <br> is "\n"
	PublishedAt  time.Time // UTC; zero when the page gives no date
	DateSource   string    // where PublishedAt came from ("article:published_time", "json-ld", "<time>", "dateline" …); "" when zero
	CanonicalURL string    // absolute; the page URL unless the page names a canonical on its own site
	Lang         string    // ISO 639-1; "en" when the page does not say
	Kind         string    // "news", "opinion" or "letter"

	// Empty is set when the page has no usable body: a paywall, a script
	// shell, an error page served with 200. The crawler then keeps the feed
	// item's own title and summary and marks the article feed_only.
	// Metadata fields are still filled where the page had them.
	// With Reason "paywall", Text is the teaser the page shows, which the
	// crawler stores in place of a shorter feed summary.
	Empty  bool
	Reason string // why Empty: "paywall" or "no body"
}

// MinWords is the shortest body accepted as an article. Shorter extractions
// are teasers, paywall stubs or error pages; the feed summary is as good.
const MinWords = 40

// paywallMaxWords: a page declared paywalled (JSON-LD isAccessibleForFree
// false, or a subscribe-to-read prompt) whose extracted body is shorter than
// this is treated as the teaser only. Metered sites serve the full text to
// crawlers with the same markup, and that text is kept.
const paywallMaxWords = 150

// Extract reads one article page. html must already be UTF-8 (the fetcher
// decodes charsets); pageURL is the URL the page was fetched from, used to
// resolve relative links. An error means pageURL is not an absolute http(s)
// URL; a page that yields no article is not an error but Result.Empty.
func Extract(page []byte, pageURL string) (Result, error) {
	return extract(page, pageURL, nil)
}

// Explain is Extract that also lists the parts of the page left out of the
// body and why (`framewatch extract --explain`): where the body was found,
// the furniture removed inside it, and the paragraphs tidy dropped.
func Explain(page []byte, pageURL string) (Result, []Removal, error) {
	x := &explainer{}
	r, err := extract(page, pageURL, x)
	return r, x.removed, err
}

func extract(page []byte, pageURL string, x *explainer) (Result, error) {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Result{}, fmt.Errorf("extract %q: page URL must be absolute http(s)", pageURL)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil { // x/net/html only fails on reader errors, kept for safety
		return Result{}, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	m := readMeta(doc)
	res := Result{
		Title:        m.headline(),
		Summary:      cleanText(m.tag("og:description", "description", "twitter:description")),
		Byline:       m.byline(),
		CanonicalURL: m.canonicalURL(u),
		Lang:         m.language(),
	}
	res.PublishedAt, res.DateSource = m.publishedFrom()
	prompt := paywallPrompt(doc)
	paras := bodyOf(doc, u, x, m.paywalled() || prompt)
	paras = tidy(paras, res.Title, x)
	res.Text = strings.Join(paras, "\n\n")
	res.Kind = m.kind(u, res.Title, res.Byline, paras)

	words := Words(res.Text)
	switch {
	case words < paywallMaxWords && (m.paywalled() || prompt):
		res.Empty, res.Reason = true, "paywall"
	case words < MinWords:
		res.Empty, res.Reason = true, "no body"
	}
	return res, nil
}

// explainer collects Removals when --explain asks for them; a nil
// explainer records nothing and costs nothing.
type explainer struct{ removed []Removal }

func (x *explainer) add(what, why, text string) {
	if x == nil {
		return
	}
	if len(text) > 80 {
		cut := 80
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	x.removed = append(x.removed, Removal{What: what, Why: why, Sample: text})
}

type engine int

const (
	engineTrafilatura engine = iota
	engineReadability
	engineCombined       // shipped: own finder, trafilatura when it finds too little
	engineTrafilaturaRaw // the library alone, no prune selector (measurement only)
	engineOwn            // framewatch's own finder (content.go)
)

func (e engine) String() string {
	return [...]string{"trafilatura", "readability", "combined", "trafilatura-raw", "own"}[e]
}

// body returns the article paragraphs of doc found by engine e (the
// engines are compared in measure_test.go).
func body(doc *html.Node, u *url.URL, e engine) []string {
	switch e {
	case engineTrafilatura:
		prepare(doc)
		return viaTrafilatura(doc, u)
	case engineTrafilaturaRaw:
		prepare(doc)
		return viaTrafilaturaWith(doc, u, "")
	case engineReadability:
		prepare(doc)
		return viaReadability(doc, u)
	case engineOwn:
		prepare(doc)
		return viaOwn(doc, nil)
	}
	m := readMeta(doc)
	return bodyOf(doc, u, nil, m.paywalled() || paywallPrompt(doc))
}

// bodyOf is the shipped body: framewatch's own finder, and trafilatura when
// that finds less than MinWords — except on a paywalled page, where a short
// body is the teaser and trafilatura's extra words are the headline and the
// subscribe prompt run together. doc is modified (<q> rewritten as text,
// double <br> as paragraphs).
func bodyOf(doc *html.Node, u *url.URL, x *explainer, paywalled bool) []string {
	prepare(doc)
	p := viaOwn(doc, x)
	if countWords(p) >= MinWords || paywalled {
		return p
	}
	if t := viaTrafilatura(doc, u); countWords(t) > countWords(p) {
		x.add("body", "own finder found under "+fmt.Sprint(MinWords)+" words; go-trafilatura's body used instead", "")
		p = t
	}
	return p
}

func prepare(doc *html.Node) {
	inlineQuotes(doc)
	splitBrs(doc)
}

func viaOwn(doc *html.Node, x *explainer) []string {
	f := finder{stats: make(map[*html.Node]*nodeStat, 1024), x: x}
	roots := f.mainContent(doc)
	for _, r := range roots {
		x.add(describe(r), "body taken from here", textOf(r))
	}
	return f.render(roots)
}

func viaTrafilatura(doc *html.Node, u *url.URL) []string {
	return viaTrafilaturaWith(doc, u, pruneSelector)
}

func viaTrafilaturaWith(doc *html.Node, u *url.URL, prune string) []string {
	r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled, // dates come from readMeta
		PruneSelector:   prune,
	})
	if err != nil || r == nil || r.ContentNode == nil {
		return nil
	}
	return paragraphs(r.ContentNode)
}

func viaReadability(doc *html.Node, u *url.URL) []string {
	p := readability.NewParser()
	p.DisableJSONLD = true
	a, err := p.ParseDocument(doc, u)
	if err != nil || a.Node == nil {
		return nil
	}
	return paragraphs(a.Node)
}

// pruneSelector removes page furniture that trafilatura sometimes keeps
// when it sits inside the article container: inline ads, share bars,
// newsletter boxes, related-links lists and paywall prompts.
const pruneSelector = `[class*="advert"], [class~="ad"], [class*="ad-slot"], [class*="inline-ad"], [id*="advert"],` +
	`[class*="newsletter"], [class*="share"], [class*="social"], [class*="related"], [class*="most-read"],` +
	`[class*="cookie"], [id*="cookie"], [class*="promo"],` +
	`[class*="comments"], [id*="comments"], [aria-hidden="true"]`

// inlineQuotes replaces each <q> element by its text between curly double
// quotes. Both libraries treat <q> as a block quotation, which would split a
// sentence into three paragraphs; as text, the quote stays inline and the
// tagger sees the marks.
func inlineQuotes(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Q {
			inlineQuotes(c)
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: "“"}, c)
			for gc := c.FirstChild; gc != nil; {
				gnext := gc.NextSibling
				c.RemoveChild(gc)
				n.InsertBefore(gc, c)
				gc = gnext
			}
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: "”"}, c)
			n.RemoveChild(c)
		} else {
			inlineQuotes(c)
		}
		c = next
	}
}

// splitBrs turns text separated by double <br> (the way older CMSs write
// paragraphs) into <p> elements. Trafilatura otherwise drops loose text
// before the first break, and the tagger needs the paragraph boundaries.
// A single <br> is left alone: it is a line break inside a paragraph.
func splitBrs(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		splitBrs(c)
	}
	if n.Type != html.ElementNode || tagOf(n) == atom.P || !hasDoubleBr(n) {
		return
	}
	var run []*html.Node
	wrap := func(before *html.Node) {
		if len(run) == 0 {
			return
		}
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		n.InsertBefore(p, before)
		for _, r := range run {
			n.RemoveChild(r)
			p.AppendChild(r)
		}
		run = run[:0]
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && tagOf(c) == atom.Br:
			if nb := nextNonSpace(c); nb != nil && nb.Type == html.ElementNode && tagOf(nb) == atom.Br {
				wrap(c) // end of a paragraph: the breaks themselves go
				for c != nil && (isSpace(c) || c.Type == html.ElementNode && tagOf(c) == atom.Br) {
					nx := c.NextSibling
					n.RemoveChild(c)
					c = nx
				}
				continue
			}
			run = append(run, c)
		case c.Type == html.ElementNode && blockTags[tagOf(c)]:
			wrap(c)
		default:
			run = append(run, c)
		}
		c = next
	}
	wrap(nil)
}

func hasDoubleBr(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && tagOf(c) == atom.Br {
			if nb := nextNonSpace(c); nb != nil && nb.Type == html.ElementNode && tagOf(nb) == atom.Br {
				return true
			}
		}
	}
	return false
}

func nextNonSpace(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if !isSpace(c) {
			return c
		}
	}
	return nil
}

func isSpace(n *html.Node) bool {
	return n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" || n.Type == html.CommentNode
}

// furniture matches whole paragraphs that are page furniture rather than
// article text, when an extractor lets one through.
var furniture = regexp.MustCompile(`(?i)^(advertisement|advert|sponsored( content)?|share( this( article| story)?)?|` +
	`(read more|related|more on this story|recommended|see also|watch|listen|most read)( stories| articles)?\s*[:|>»-].*|` +
	`read more|related( stories| articles)?|most read|sign up.*newsletter.*|` +
	`(got a story|have you got a story|do you have a story|got a news story)\b.*|` +
	`subscribe to continue reading.*|continue reading( below)?|story continues below( advertisement)?|` +
	`click here to.*|follow us on .*|image caption.*|image:? .*getty images|photograph:.*)$`)

// tidy drops a repeated headline at the top, furniture paragraphs, and
// repeats: a pull quote reprints words from the body (quotes.md §3.10 asks
// for one quote to be counted once), so a paragraph of five or more words
// whose text stands inside another paragraph goes.
func tidy(paras []string, title string, x *explainer) []string {
	out := make([]string, 0, len(paras))
	bare := make([]string, len(paras))
	for i, p := range paras {
		bare[i] = strings.Trim(p, "“”\"‘’' ")
	}
	for i, p := range paras {
		switch {
		case i == 0 && title != "" && strings.EqualFold(p, title):
			x.add("paragraph", "repeats the headline", p)
			continue
		case furniture.MatchString(p):
			x.add("paragraph", "page furniture (\"Advertisement\", \"Read more: …\", \"Share this\" …)", p)
			continue
		case repeated(bare, i):
			x.add("paragraph", "pull quote: repeats words of another paragraph", p)
			continue
		}
		out = append(out, p)
	}
	return out
}

// repeated reports whether bare[i] is a pull quote: a piece of a longer
// paragraph, or a long sentence printed twice. Short lines that repeat
// exactly (a recipe's "1 cup blueberries", a refrain, "Read the full
// statement") are text, and stay.
func repeated(bare []string, i int) bool {
	words := len(strings.Fields(bare[i]))
	if words < 5 {
		return false
	}
	for j, o := range bare {
		if j == i {
			continue
		}
		if o == bare[i] && j < i && words >= 12 || len(o) > len(bare[i]) && strings.Contains(o, bare[i]) {
			return true
		}
	}
	return false
}

var paywallText = regexp.MustCompile(`(?i)(subscribe to (continue|keep) reading|subscribe to read|` +
	`subscribers only|for subscribers|already a subscriber|to continue reading|` +
	`this (article|content) is (only )?(available|exclusive) to (subscribers|members)|register to read)`)

// paywallPrompt reports whether the page shows a subscribe-to-read prompt.
func paywallPrompt(doc *html.Node) bool {
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		if n.Type == html.TextNode && mayBePaywall(n.Data) && paywallText.MatchString(n.Data) {
			found = true
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// mayBePaywall is a cheap test that lets most text nodes skip the regexp:
// every paywallText phrase contains "subscri", "continue reading", "to read"
// or "members", in some letter case.
func mayBePaywall(s string) bool {
	l := strings.ToLower(s)
	for _, k := range []string{"subscri", "continue reading", "to read", "members", "register to"} {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

func countWords(paras []string) int {
	n := 0
	for _, p := range paras {
		n += Words(p)
	}
	return n
}

// Words counts the words of s for the length rules (MinWords, the paywall
// stub limit). Space-separated words count one each; Chinese, Japanese,
// Thai, Lao, Khmer and Burmese are written without spaces between words, so
// there a run of their characters counts one word per two characters (the
// average word length of Chinese and Japanese news text), or a 2,000
// character article would be one "word" and stored empty.
func Words(s string) int {
	n, inWord, unspaced := 0, false, 0
	for _, r := range s {
		switch {
		case unspacedScript(r):
			unspaced++
			inWord = false
			continue
		case unicode.IsSpace(r) || unicode.IsPunct(r) && r > 0x2000:
			inWord = false
		case !inWord:
			n++
			inWord = true
		}
	}
	return n + (unspaced+1)/2
}

func unspacedScript(r rune) bool {
	if r < 0x0e00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
