package report

import (
	"net/url"
	"strings"
	"unicode"
)

// MarkdownEscape makes scraped text safe to paste into Markdown: every
// character that could start markup, a link, an HTML tag or an entity is
// backslash-escaped, table pipes included, and line breaks become spaces so
// the text stays in its table cell or list item.
func MarkdownEscape(s string) string {
	s = collapseSpace(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '!', '|', '<', '>', '&', '~', '"':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 { // a list item or heading underline
				b.WriteByte('\\')
			}
		case '.':
			// "1. " at the start would begin an ordered list
			if isDigits(s[:i]) && i > 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// collapseSpace turns every run of white space into one space, keeping a
// leading or trailing one (the text may sit next to a highlighted match).
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MarkdownURL returns u for use as a Markdown link destination, or "" when
// it is not an http(s) URL: characters that would end the destination or
// open markup are percent-encoded.
func MarkdownURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "[", "%5B",
		"]", "%5D", "|", "%7C", "\\", "%5C", "`", "%60", "\"", "%22", "*", "%2A", "\n", "", "\r", "")
	return r.Replace(p.String())
}

// MarkdownLink renders [title](u) with title escaped; a URL that is not
// http(s) gives the escaped title alone.
func MarkdownLink(title, u string) string {
	if title = MarkdownEscape(title); title == "" {
		title = "(untitled)"
	}
	if d := MarkdownURL(u); d != "" {
		return "[" + title + "](" + d + ")"
	}
	return title
}
