package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the page says about itself outside the body: <meta> tags,
// <link> relations, JSON-LD, <time>, the <html lang> and the first <h1>.
type meta struct {
	tags      map[string]string // lower-cased property / name / itemprop → first content
	canonical string            // <link rel=canonical href>
	lang      string            // <html lang>
	title     string            // <title>
	h1        string            // first <h1>
	times     []string          // <time datetime> values, in document order
	datelines []string          // text of elements classed as dates ("Posted: 18/11/2026 12:00")
	bylines   [3][]string       // text of elements marked as authors: [0] rel/itemprop=author, [1] author-name classes, [2] byline containers
	kickers   []string          // short section labels ("Opinion") near the headline
	ld        []map[string]any  // JSON-LD objects of an article type
	ldAll     []map[string]any  // every JSON-LD object, for isAccessibleForFree
}

// articleTypes are the schema.org types whose JSON-LD describes the article
// itself rather than the site, a breadcrumb or an author.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true,
	"opinionnewsarticle": true, "analysisnewsarticle": true, "backgroundnewsarticle": true,
	"reviewnewsarticle": true, "blogposting": true, "liveblogposting": true,
	"socialmediaposting": true, "webpage": false,
}

var bylineClass = regexp.MustCompile(`(?i)(^|[\s_-])(byline|author|author-name|by-author|writer|contributor)($|[\s_-])`)
var authorNameClass = regexp.MustCompile(`(?i)(^|\s)(fn|author-name|author_name|authorname|byline-name|byline__name|author-link|contributor-name)($|\s)`)

func readMeta(doc *html.Node) meta {
	m := meta{tags: map[string]string{}}
	var walk func(n *html.Node, inNav bool)
	walk = func(n *html.Node, inNav bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					key := strings.ToLower(strings.TrimSpace(attr(n, k)))
					if key != "" && content != "" {
						if _, seen := m.tags[key]; !seen {
							m.tags[key] = content
						}
					}
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Title:
				if m.title == "" {
					m.title = textOf(n)
				}
			case atom.H1:
				if m.h1 == "" && !inNav {
					m.h1 = textOf(n)
				}
			case atom.Time:
				if v := strings.TrimSpace(attr(n, "datetime")); v != "" {
					m.times = append(m.times, v)
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.addJSONLD(rawText(n))
				}
				return
			case atom.Nav, atom.Footer:
				inNav = true
			case atom.Style, atom.Noscript, atom.Template:
				return
			}
			if !inNav {
				class := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
				rank := -1
				// The regexps run only where a cheap substring test says
				// they can match: on most elements none can, and running
				// them on every class was a third of a page's cost.
				authorish := containsAny(class, "author", "byline", "writer", "contributor", "fn")
				switch {
				case hasToken(attr(n, "rel"), "author") || attr(n, "itemprop") == "author":
					rank = 0
				case authorish && authorNameClass.MatchString(class):
					rank = 1
				case authorish && bylineClass.MatchString(class):
					rank = 2
				}
				if containsAny(class, "date", "time", "posted", "published") {
					if t := textOf(n); t != "" && len(t) < 80 {
						m.datelines = append(m.datelines, t)
					}
				}
				if rank >= 0 {
					if t := textOf(n); t != "" && len(t) < 200 {
						m.bylines[rank] = append(m.bylines[rank], t)
					}
				} else if containsAny(class, "kicker", "eyebrow", "rubric", "section-label", "section-name", "flag", "label", "category") {
					if t := textOf(n); t != "" && len(t) < 40 {
						m.kickers = append(m.kickers, t)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inNav)
		}
	}
	walk(doc, false)
	return m
}

// addJSONLD collects article objects from one JSON-LD script, looking through
// top-level arrays and @graph. Broken JSON-LD is common and simply ignored.
func (m *meta) addJSONLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			m.ldAll = append(m.ldAll, x)
			for _, t := range ldStrings(x["@type"]) {
				if articleTypes[strings.ToLower(t)] {
					m.ld = append(m.ld, x)
					break
				}
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if me, ok := x["mainEntity"]; ok {
				visit(me, depth+1)
			}
		}
	}
	visit(v, 0)
}

// ldString returns the first JSON-LD value of key among the article objects.
func (m *meta) ldString(key string) string {
	for _, o := range m.ld {
		if s := ldStrings(o[key]); len(s) > 0 && s[0] != "" {
			return s[0]
		}
	}
	return ""
}

// ldStrings flattens a JSON-LD value that may be a string, an object with a
// name, or an array of either.
func ldStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{strings.TrimSpace(x)}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldStrings(e)...)
		}
		return out
	case map[string]any:
		if n, ok := x["name"].(string); ok {
			return []string{strings.TrimSpace(n)}
		}
		if n, ok := x["@id"].(string); ok {
			return []string{strings.TrimSpace(n)}
		}
	case bool:
		if x {
			return []string{"true"}
		}
		return []string{"false"}
	}
	return nil
}

func (m *meta) tag(keys ...string) string {
	for _, k := range keys {
		if v := m.tags[k]; v != "" {
			return v
		}
	}
	return ""
}

// title prefers the social/structured headline, which outlets write without
// the " | Site name" suffix of <title>.
func (m *meta) headline() string {
	for _, t := range []string{m.tag("og:title", "twitter:title"), m.ldString("headline"), m.h1} {
		if t = cleanText(t); t != "" {
			return t
		}
	}
	return trimSiteName(cleanText(m.title))
}

var siteSuffix = regexp.MustCompile(`\s+[|–—-]\s+[^|–—-]{2,60}$`)

// trimSiteName drops a trailing " | Outlet" or " - Outlet" from a <title>.
func trimSiteName(t string) string {
	if s := siteSuffix.ReplaceAllString(t, ""); len(s) >= 10 {
		return s
	}
	return t
}

var byPrefix = regexp.MustCompile(`(?i)^\s*(by|words by|written by|words|reporter|author)\s*:?\s+`)
var bylineTail = regexp.MustCompile(`(?i)\s*(,|\||–|—|-)\s*(crime|home affairs|political|chief|senior|legal|news|court|local democracy|education|health|social affairs|staff)?\s*(reporter|correspondent|editor|writer|journalist)\b.*$`)

// byline returns the author names as printed: "Jane Roe" or "Jane Roe and
// Sam Patel", without "By" or a job title.
func (m *meta) byline() string {
	cands := []string{}
	if names := m.ldAuthors(); names != "" {
		cands = append(cands, names)
	}
	if a := m.tag("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator"); a != "" && !strings.Contains(a, "://") {
		cands = append(cands, a)
	}
	for _, b := range m.bylines {
		cands = append(cands, b...)
	}
	for _, c := range cands {
		c = cleanText(c)
		c = byPrefix.ReplaceAllString(c, "")
		c = bylineTail.ReplaceAllString(c, "")
		c = strings.TrimSpace(strings.TrimRight(c, ",;|"))
		// A name has no digits; a container that yields "21:30, Thu" is
		// the dateline beside an anonymous byline.
		if c != "" && len(c) <= 120 && !strings.ContainsAny(c, "0123456789") {
			return c
		}
	}
	return ""
}

func (m *meta) ldAuthors() string {
	for _, o := range m.ld {
		var names []string
		for _, n := range ldStrings(o["author"]) {
			if n != "" && !strings.Contains(n, "://") {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			if len(names) == 1 {
				return names[0]
			}
			return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
		}
	}
	return ""
}

// paywalled reports whether structured data declares the article not free.
func (m *meta) paywalled() bool {
	for _, o := range m.ldAll {
		if s := ldStrings(o["isAccessibleForFree"]); len(s) > 0 && strings.EqualFold(s[0], "false") {
			return true
		}
	}
	return false
}

// language returns the ISO 639-1 code of the page, "en" when it does not say.
func (m *meta) language() string {
	for _, l := range []string{m.lang, m.tag("content-language", "og:locale", "language", "dc.language")} {
		l = strings.ToLower(strings.TrimSpace(l))
		if i := strings.IndexAny(l, "-_,; "); i > 0 {
			l = l[:i]
		}
		if len(l) == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z' {
			return l
		}
	}
	return "en"
}

// canonicalURL resolves the page's declared canonical against pageURL,
// without a fragment; the crawler normalises it further with
// dedup.Canonical. A
// canonical on another site is ignored: a syndicated copy points at the
// original outlet, and adopting that URL would make the copy and the
// original one article when they are two articles of one story (story_id is
// how they are linked).
func (m *meta) canonicalURL(page *url.URL) string {
	for _, c := range []string{m.canonical, m.tag("og:url")} {
		if c == "" {
			continue
		}
		u, err := page.Parse(c)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		if sameSite(u.Hostname(), page.Hostname()) {
			u.Fragment, u.RawFragment = "", ""
			return u.String()
		}
	}
	p := *page
	p.Fragment, p.RawFragment = "", ""
	return p.String()
}

// sameSite compares hosts ignoring case and the www./m./amp. prefixes that
// outlets put on mirrors of the same site.
func sameSite(a, b string) bool {
	strip := func(h string) string {
		h = strings.ToLower(strings.TrimSuffix(h, "."))
		for _, p := range []string{"www.", "amp.", "m.", "mobile."} {
			h = strings.TrimPrefix(h, p)
		}
		return h
	}
	return strip(a) == strip(b)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf is the collapsed text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return cleanText(b.String())
}

func cleanText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// rawText is the unprocessed text of n's children (a script's source).
func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
