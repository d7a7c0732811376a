package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// framewatch's own body finder. One pass over the parsed page measures
// every element (text, link text, paragraphs) and scores the containers
// that hold paragraphs; the best container wins, together with sibling
// containers that carry article text too (a body split around an ad or a
// newsletter box). Inside it, page furniture is left out by tag, by whole
// class names and by link density. No CSS selectors, no copies of the tree:
// this is what keeps a page under a few milliseconds (docs/extraction.md).

// nodeStat is what the measuring pass learns about one element.
type nodeStat struct {
	text   int     // characters of visible text below, furniture excluded
	link   int     // of text: inside <a>
	paraCh int     // of text: inside paragraph elements
	score  float64 // paragraph score collected from below
	junk   junkKind
	quote  bool // holds a quotation (a tweet or post embed is a <blockquote>)
}

type junkKind uint8

const (
	notJunk  junkKind = iota
	softJunk          // furniture by class name, unless it holds article text
	hardJunk          // never article text: navigation, comments, scripts
)

// Removal is one part of the page that was left out of the body, for
// `framewatch extract --explain`.
type Removal struct {
	What   string `json:"what"` // tag, id and class, e.g. "div.newsletter-signup", or "paragraph"
	Why    string `json:"why"`
	Sample string `json:"sample,omitempty"` // the first words of its text
}

type finder struct {
	stats    map[*html.Node]*nodeStat
	x        *explainer // nil unless --explain
	maxScore float64
}

// dropTags never hold article text.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Select: true, atom.Input: true,
	atom.Textarea: true, atom.Iframe: true, atom.Object: true, atom.Title: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true, atom.Figure: true,
	atom.Figcaption: true, atom.H1: true, atom.Label: true, atom.Dialog: true, atom.Menu: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Picture: true, atom.Embed: true,
}

// inlineTags sit inside a sentence: removing one by its class would cut
// the sentence.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true, atom.U: true,
	atom.Small: true, atom.Sup: true, atom.Sub: true, atom.Abbr: true, atom.Cite: true, atom.Code: true,
	atom.Mark: true, atom.Q: true, atom.Time: true, atom.Font: true,
}

// linkBoxTags are the containers that, made mostly of links, are a list of
// links (related stories, tags, share buttons) rather than text.
var linkBoxTags = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Dl: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true,
}

// paraTags are the elements whose text counts as a paragraph.
var paraTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Blockquote: true, atom.Li: true, atom.Td: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Dd: true,
}

// Class-name words. A class or id is judged by its words (split on '-' and
// '_'): the first or the last word must be one of these, so
// "newsletter-signup" and "article-share" are furniture, while a
// WordPress "tag-newsletter", a Drupal "node-promoted" and a
// "shared-article-renderer" are not. Taxonomy prefixes (tag-, category-,
// node-, post- …) describe the article, never furniture.
var hardWords = set("comment", "comments", "disqus", "respond", "reply", "replies", "breadcrumb", "breadcrumbs",
	"menu", "navbar", "navigation", "nav", "masthead", "footer", "sidebar", "skip", "cookie", "cookies", "consent",
	"gdpr", "modal", "popup", "overlay", "tooltip", "rollover", "hovercard")
var softWords = set("ad", "ads", "advert", "advertisement", "adslot", "adunit", "advertising", "sponsor", "sponsored",
	"promo", "promotion", "promoted", "newsletter", "newsletters", "signup", "subscribe", "subscription", "paywall",
	"share", "sharing", "social", "sharebar", "sharetools", "related", "recommended", "recirc", "outbrain", "taboola",
	"trending", "popular", "mostread", "most", "more", "tags", "tag", "topics", "author", "byline", "bio", "meta",
	"caption", "credit", "pullquote", "pull", "toolbar", "tools", "print", "widget", "banner", "teaser", "teasers",
	"card", "cards", "embed", "video", "gallery", "slideshow", "photo", "image", "img", "thumbnail", "subnav", "rail",
	"donate", "donation", "contributor", "dateline", "timestamp", "date", "headline", "kicker", "standfirst", "dek",
	"login", "register", "newsletterbox", "inline", "series", "next", "prev", "pagination",
	"hidden", "visually", "sr", "screenreader", "offscreen")
var goodWords = set("article", "articlebody", "body", "content", "entry", "main", "post", "story", "text", "blog",
	"prose", "richtext", "copy", "page")
var taxonomyPrefix = set("tag", "tags", "category", "categories", "node", "post", "postid", "page", "pageid",
	"format", "type", "status", "section", "topic", "topics", "has", "is", "single", "template", "term", "author",
	"language", "lang", "site", "theme", "view", "layout")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// classVerdict judges an element by its class and id.
func classVerdict(n *html.Node) (junk junkKind, good bool, name string) {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, c := range strings.Fields(a.Val) {
			k, g := judgeName(c)
			if k > junk {
				junk, name = k, c
			}
			good = good || g
		}
	}
	return junk, good, name
}

func judgeName(c string) (junkKind, bool) {
	c = strings.ToLower(c)
	first, last := c, c
	if i := strings.IndexAny(c, "-_"); i >= 0 {
		first = c[:i]
		j := strings.LastIndexAny(c, "-_")
		last = c[j+1:]
		if taxonomyPrefix[first] {
			return notJunk, false
		}
		// BEM: "c-article__share" judges its element part.
		if k := strings.Index(c, "__"); k >= 0 {
			first = strings.TrimLeft(c[k+2:], "_")
			if m := strings.IndexAny(first, "-_"); m >= 0 {
				first = first[:m]
			}
		}
	}
	switch {
	case hardWords[first] || hardWords[last]:
		return hardJunk, false
	case softWords[first] || softWords[last]:
		return softJunk, false
	}
	return notJunk, goodWords[first] || goodWords[last]
}

// hidden reports elements a reader never sees.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(s, "display:none") || strings.Contains(s, "display: none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// measure fills f.stats for n's subtree and returns n's stat.
func (f *finder) measure(n *html.Node, inLink bool) *nodeStat {
	st := &nodeStat{}
	if n.Type == html.ElementNode {
		f.stats[n] = st
		t := tagOf(n)
		switch {
		case dropTags[t] || hidden(n):
			st.junk = hardJunk
			return st
		case t != atom.Body && t != atom.Html && t != atom.Article && t != atom.Main:
			st.junk, _, _ = classVerdict(n)
			if st.junk == softJunk && inlineTags[t] {
				// A classed link or span inside a sentence ("tag-link",
				// "author") is part of the sentence.
				st.junk = notJunk
			}
		}
		inLink = inLink || t == atom.A
	}
	blockChild := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			l := textLen(c.Data)
			st.text += l
			if inLink {
				st.link += l
			}
		case html.ElementNode, html.DocumentNode:
			cs := f.measure(c, inLink)
			blockChild = blockChild || c.Type == html.ElementNode && blockTags[tagOf(c)]
			st.quote = st.quote || cs.quote && cs.junk == notJunk
			if cs.junk == hardJunk || cs.junk == softJunk && !holdsArticle(cs) {
				continue
			}
			st.text += cs.text
			st.link += cs.link
			st.paraCh += cs.paraCh
		}
	}
	if n.Type == html.ElementNode {
		t := tagOf(n)
		if t == atom.Blockquote && st.text >= 40 {
			st.quote = true
		}
		// A <div> holding only text and inline elements is a paragraph
		// written without <p>, as older templates and ledes do.
		if paraTags[t] || t == atom.Div && !blockChild {
			f.scoreParagraph(n, st)
		}
	}
	return st
}

// holdsArticle: an element classed as furniture that nonetheless carries
// paragraphs of prose (metered-paywall and newsletter wrappers around the
// whole body do) is kept.
func holdsArticle(st *nodeStat) bool {
	return st.paraCh >= 600 && st.link*4 < st.text || st.quote && st.link*2 < st.text
}

// scoreParagraph credits a paragraph's container and the two above it, as
// readability does: the container of most prose is the article.
func (f *finder) scoreParagraph(n *html.Node, st *nodeStat) {
	own := st.text - st.link
	if own < 25 {
		return
	}
	if tagOf(n) == atom.Li || tagOf(n) == atom.Td {
		if st.link*2 > st.text {
			return
		}
	}
	st.paraCh = st.text
	score := 1 + float64(commas(n)) + min(float64(own)/100, 3)
	div := 1.0
	for p, lvl := n.Parent, 0; p != nil && lvl < 3; p, lvl = p.Parent, lvl+1 {
		if p.Type != html.ElementNode {
			break
		}
		ps := f.stats[p]
		if ps == nil {
			ps = &nodeStat{}
			f.stats[p] = ps
		}
		ps.score += score / div
		div = float64(lvl+2) * 1.5
	}
}

func commas(n *html.Node) int {
	c := 0
	for d := n.FirstChild; d != nil; d = d.NextSibling {
		if d.Type == html.TextNode {
			c += strings.Count(d.Data, ",") + strings.Count(d.Data, "，") + strings.Count(d.Data, "、")
		} else if d.Type == html.ElementNode && d.FirstChild != nil {
			c += commas(d)
		}
	}
	return c
}

// textLen counts the non-space characters of s.
func textLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c > ' ' {
				n++
			}
			i++
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		if w != 2 || s[i] != 0xc2 || s[i+1] != 0xa0 {
			n++
		}
		i += w
	}
	return n
}

// finalScore is a container's paragraph score after link density and
// class hints.
func (f *finder) finalScore(n *html.Node, st *nodeStat) float64 {
	if st.text == 0 {
		return 0
	}
	s := st.score * (1 - float64(st.link)/float64(st.text))
	if _, good, _ := classVerdict(n); good {
		s *= 1.25
	}
	switch tagOf(n) {
	case atom.Article, atom.Main:
		s *= 1.25
	}
	if attr(n, "itemprop") == "articleBody" {
		s *= 1.5
	}
	return s
}

// mainContent returns the elements that hold the body, in document order.
func (f *finder) mainContent(doc *html.Node) []*html.Node {
	f.measure(doc, false)
	var best *html.Node
	bestScore := 0.0
	for n, st := range f.stats {
		if st.score == 0 || !f.eligible(n) {
			continue
		}
		if s := f.finalScore(n, st); s > bestScore || s == bestScore && best != nil && st.text < f.stats[best].text {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return nil
	}
	f.maxScore = bestScore
	// A body split over several containers (around an ad, a newsletter
	// box, a video): look up to three levels above the winner for a
	// sibling branch holding a container that scores like article text
	// too, and take every such branch.
	threshold := max(10, bestScore*0.3)
	child := best
	for lvl := 0; lvl < 3; lvl++ {
		a := child.Parent
		if a == nil || a.Type != html.ElementNode || tagOf(a) == atom.Body || !f.eligible(a) {
			break
		}
		var roots []*html.Node
		split := false
		for c := a.FirstChild; c != nil; c = c.NextSibling {
			if c == child {
				roots = append(roots, c)
				continue
			}
			st := f.stats[c]
			if c.Type != html.ElementNode || st == nil || st.junk == hardJunk || st.junk == softJunk && !holdsArticle(st) || st.text == 0 {
				continue
			}
			ld := float64(st.link) / float64(st.text)
			switch {
			case ld < 0.2 && f.bestBelow(c) >= threshold:
				roots, split = append(roots, c), true
			case lvl == 0 && (tagOf(c) == atom.P || st.paraCh == st.text) && st.text-st.link > 80 && ld < 0.25:
				roots, split = append(roots, c), true
			}
		}
		if split {
			return roots
		}
		child = a
	}
	return []*html.Node{best}
}

// bestBelow is the best container score in n's subtree.
func (f *finder) bestBelow(n *html.Node) float64 {
	best := 0.0
	if st := f.stats[n]; st != nil {
		if st.junk == hardJunk || st.junk == softJunk && !holdsArticle(st) {
			return 0
		}
		if st.score > 0 && tagOf(n) != atom.Ul && tagOf(n) != atom.Ol { // a list of teasers is not a body
			best = f.finalScore(n, st)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			best = max(best, f.bestBelow(c))
		}
	}
	return best
}

// eligible: neither n nor an element above it is furniture (the comments
// under an article are paragraphs too).
func (f *finder) eligible(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if st := f.stats[n]; st != nil && (st.junk == hardJunk || st.junk == softJunk && !holdsArticle(st)) {
			return false
		}
	}
	return true
}

// render writes the body paragraphs of the chosen containers, leaving out
// furniture inside them.
func (f *finder) render(roots []*html.Node) []string {
	r := renderer{skip: f.skip}
	for _, n := range roots {
		r.walk(n, false)
		r.flush()
	}
	return r.out
}

// skip decides, while rendering, whether an element inside the body is
// furniture; with explain on it records why.
func (f *finder) skip(n *html.Node) bool {
	st := f.stats[n]
	if st == nil {
		return false
	}
	why := ""
	switch {
	case st.junk == hardJunk:
		why = "never article text (tag, hidden, or navigation/comments class)"
	case st.junk == softJunk && !holdsArticle(st):
		why = "furniture by class name"
	case st.text > 0 && st.link*10 > st.text*6 && linkBoxTags[tagOf(n)]:
		why = "mostly links"
	case tagOf(n) == atom.Ul || tagOf(n) == atom.Ol:
		if st.text > 0 && st.link*2 > st.text {
			why = "list of links"
		}
	}
	if why == "" {
		return false
	}
	if f.x != nil && st.text > 0 {
		f.x.add(describe(n), why, textOf(n))
	}
	return true
}

func describe(n *html.Node) string {
	d := n.Data
	if id := attr(n, "id"); id != "" {
		d += "#" + id
	}
	if c := strings.Fields(attr(n, "class")); len(c) > 0 {
		d += "." + strings.Join(c[:min(len(c), 3)], ".")
	}
	return d
}
