package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end the paragraph in progress: their text becomes paragraphs of
// its own. Everything else (a, em, span, …) is inline and joins the
// surrounding text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
	atom.Body: true, atom.Html: true,
}

// skipTags never carry body text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Select: true, atom.Input: true,
	atom.Textarea: true, atom.Iframe: true, atom.Object: true,
	atom.Title: true,
}

// paragraphs renders the text under n as paragraphs. A <br> becomes a
// newline inside the paragraph (quotes.md: a line break is whitespace, not a
// paragraph end, so a quote running across it stays one quote). Text inside a
// <blockquote> that carries no quotation marks of its own is wrapped in curly
// double quotes, so the tagger, which sees only text, still knows it is
// quoted speech.
func paragraphs(n *html.Node) []string {
	r := renderer{}
	r.walk(n, false)
	r.flush()
	return r.out
}

type renderer struct {
	skip    func(*html.Node) bool // furniture inside the body; nil keeps all
	out     []string
	cur     strings.Builder
	inQuote bool // the paragraph in progress is inside a <blockquote>
}

func (r *renderer) walk(n *html.Node, quoted bool) {
	switch n.Type {
	case html.TextNode:
		r.inQuote = r.inQuote || quoted
		r.cur.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		if skipTags[tagOf(n)] || r.skip != nil && r.skip(n) {
			return
		}
		switch tagOf(n) {
		case atom.Br:
			r.cur.WriteString("\n")
			return
		case atom.Img:
			return
		case atom.Q:
			r.cur.WriteString("“")
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				r.walk(c, quoted)
			}
			r.cur.WriteString("”")
			return
		case atom.Td, atom.Th:
			r.cur.WriteString(" ")
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && blockTags[tagOf(n)]
	if block {
		r.flush()
	}
	q := quoted || n.Type == html.ElementNode && tagOf(n) == atom.Blockquote
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, q)
	}
	if block {
		r.flush()
	}
}

// tagOf is n's tag. Elements the extraction libraries create themselves
// carry only the tag name, not the atom.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom == 0 && n.Type == html.ElementNode {
		return atom.Lookup([]byte(n.Data))
	}
	return n.DataAtom
}

func (r *renderer) flush() {
	text := normaliseSpace(r.cur.String())
	r.cur.Reset()
	quoted := r.inQuote
	r.inQuote = false
	for _, p := range strings.Split(text, "\n\n") {
		if p == "" {
			continue
		}
		if quoted && !hasQuoteMarks(p) {
			p = "“" + p + "”"
		}
		r.out = append(r.out, p)
	}
}

// normaliseSpace collapses runs of white space to one space and trims the
// ends. A newline in s stands for a <br> (text nodes have their newlines
// turned into spaces on the way in): one survives as a newline, and two or
// more in a row, the old-CMS way of separating paragraphs, survive as "\n\n"
// so the caller can split on them.
func normaliseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	breaks, space := 0, false
	for _, c := range s {
		switch {
		case c == '\n':
			breaks++
			continue
		case c == '\u00a0' || unicode.IsSpace(c):
			space = true
			continue
		}
		if b.Len() > 0 {
			switch {
			case breaks > 1:
				b.WriteString("\n\n")
			case breaks == 1:
				b.WriteByte('\n')
			case space:
				b.WriteByte(' ')
			}
		}
		breaks, space = 0, false
		b.WriteRune(c)
	}
	return b.String()
}

// hasQuoteMarks reports whether p already contains an opening quotation mark,
// in which case the journalist's own marks tell the tagger where the quote is.
func hasQuoteMarks(p string) bool {
	return strings.ContainsAny(p, "\"“‘«„")
}
