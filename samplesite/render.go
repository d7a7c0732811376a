package samplesite

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"strings"
	texttemplate "text/template"
	"time"

	"golang.org/x/text/encoding/charmap"
)

var (
	pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
		"human": humanDate,
	}).ParseFS(siteFS, "site/templates/*.html"))
	feedTemplates = texttemplate.Must(texttemplate.New("").Funcs(texttemplate.FuncMap{
		"x":       xmlEscape,
		"rfc822":  func(t time.Time) string { return t.Format(time.RFC1123Z) },
		"rfc3339": func(t time.Time) string { return t.Format(time.RFC3339) },
	}).ParseFS(siteFS, "site/feeds/*"))
)

// pageView is what an outlet's template sees.
type pageView struct {
	Base        string
	O           *outlet
	A           *page
	Canonical   string
	AuthorURL   string
	FeedURL     string
	AMP         bool
	AMPURL      string
	Body        template.HTML
	Related     []navLink
	MostRead    []navLink
	Comments    []comment
	Ads         []navLink
	JSONLD      template.JS
	Published   time.Time
	HasDate     bool
	Charset     string
	Role        string
	Section     string
	Credit      string
	DateMeta    string // chronicle: meta (article:published_time), name (<meta name=date>) or text
	MetaCharset bool   // declare the charset in a meta tag
	HTTPEquiv   bool   // declare it the old way, <meta http-equiv>
}

func renderPage(p *page, base string, amp bool, shift time.Duration) ([]byte, error) {
	v := pageView{
		Base:      base,
		O:         p.outlet,
		A:         p,
		Canonical: base + p.Path,
		AuthorURL: authorPath(p),
		AMP:       amp,
		Body:      renderBody(p, base, amp),
		Comments:  pickComments(p),
		Published: shifted(p.Published, shift),
		HasDate:   !p.Published.IsZero(),
		Charset:   p.Charset,
		Role:      p.role,
		Section:   p.section,
		Credit:    p.credit,
		DateMeta:  p.datemeta,
		Ads:       []navLink{adLinks[p.index%len(adLinks)], adLinks[(p.index+1)%len(adLinks)]},
	}
	if p.amp != "" {
		v.AMPURL = base + p.amp
	}
	for _, f := range content.feedSeq {
		if f.outlet == p.outlet.Key && f.format != "listing" {
			v.FeedURL = f.path
			break
		}
	}
	for _, r := range p.related {
		v.Related = append(v.Related, navLink{r.Title, r.Path})
	}
	v.MostRead = mostRead(p)
	switch p.declare {
	case "meta", "both":
		v.MetaCharset = true
		v.HTTPEquiv = p.Charset == "iso-8859-1"
	}
	ld, err := jsonLD(p, base, shift)
	if err != nil {
		return nil, err
	}
	v.JSONLD = template.JS(ld)

	name := p.outlet.Key + ".html"
	if amp {
		name = "amp.html"
	}
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, v); err != nil {
		return nil, err
	}
	return encode(buf.Bytes(), p.Charset)
}

// renderBody turns the article's paragraphs into the outlet's body markup,
// with the in-body clutter each outlet really has (inline ads, READ MORE
// links) that a good extractor drops.
func renderBody(p *page, base string, amp bool) template.HTML {
	var b strings.Builder
	for i, para := range p.paras {
		switch {
		case strings.HasPrefix(para, "> "):
			fmt.Fprintf(&b, "<blockquote class=\"twitter-tweet\" data-lang=\"en\"><p lang=\"en\" dir=\"ltr\">%s</p></blockquote>\n", inline(para[2:], base))
		case strings.HasPrefix(para, "Q: ") || strings.HasPrefix(para, "A: "):
			fmt.Fprintf(&b, "<p><strong>%s</strong> %s</p>\n", para[:2], inline(para[3:], base))
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", inline(para, base))
		}
		if amp {
			continue
		}
		n := i + 1
		switch p.outlet.Key {
		case "gazette":
			if n == 4 && len(p.paras) > 6 {
				b.WriteString("<div class=\"ad ad-mpu\" data-ad-slot=\"mpu-1\"><span class=\"ad-label\">Advertisement</span></div>\n")
			}
		case "courier":
			if n == 3 && len(p.related) > 0 {
				r := p.related[0]
				fmt.Fprintf(&b, "<p class=\"read-more\"><strong>READ MORE:</strong> <a href=\"%s\">%s</a></p>\n", html.EscapeString(r.Path), html.EscapeString(r.Title))
			}
			if n == 5 {
				b.WriteString("<div class=\"inline-ad\" id=\"div-gpt-ad-inarticle\"><span>Advertisement</span></div>\n")
			}
		case "dispatch":
			if n == 2 && len(p.related) > 0 {
				r := p.related[0]
				fmt.Fprintf(&b, "<p class=\"jp-related-inline\"><em>Related: <a href=\"%s\">%s</a></em></p>\n", html.EscapeString(r.Path), html.EscapeString(r.Title))
			}
		}
	}
	return template.HTML(b.String())
}

// textEscaper escapes body text the way most CMSs do: markup characters
// only, quotes and apostrophes left as typed.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// inline escapes a paragraph and turns [text](href) into a link.
func inline(s, base string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkMarkup.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(textEscaper.Replace(s[last:m[0]]))
		text, href := s[m[2]:m[3]], strings.ReplaceAll(s[m[4]:m[5]], "{{base}}", base)
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a>", html.EscapeString(href), textEscaper.Replace(text))
		last = m[1]
	}
	b.WriteString(textEscaper.Replace(s[last:]))
	return b.String()
}

func pickComments(p *page) []comment {
	all := comments[p.outlet.Key]
	if len(all) == 0 || !p.Relevant {
		return nil
	}
	n := 2 + p.index%2
	var out []comment
	for i := 0; i < n && i < len(all); i++ {
		out = append(out, all[(p.index+i)%len(all)])
	}
	return out
}

// mostRead is the sidebar list: the outlet's other stories, a fixed order.
func mostRead(p *page) []navLink {
	var out []navLink
	for _, q := range content.pages {
		if q.outlet == p.outlet && q != p && len(out) < 5 {
			out = append(out, navLink{q.Title, q.Path})
		}
	}
	return out
}

// jsonLD is the NewsArticle block the courier, Justice Weekly and dispatch
// pages carry; the others rely on meta tags.
func jsonLD(p *page, base string, shift time.Duration) (string, error) {
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	type org struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ld := struct {
		Context       string   `json:"@context"`
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		Description   string   `json:"description,omitempty"`
		DatePublished string   `json:"datePublished,omitempty"`
		Author        []person `json:"author,omitempty"`
		Publisher     org      `json:"publisher"`
		MainEntity    string   `json:"mainEntityOfPage"`
		Section       string   `json:"articleSection,omitempty"`
		Lang          string   `json:"inLanguage"`
	}{
		Context: "https://schema.org", Type: "NewsArticle", Headline: p.Title,
		Description: p.Summary, Publisher: org{"NewsMediaOrganization", p.Outlet},
		MainEntity: base + p.Path, Section: p.section, Lang: "en-GB",
	}
	if p.Kind == "opinion" {
		ld.Type = "OpinionNewsArticle"
	}
	if !p.Published.IsZero() {
		ld.DatePublished = shifted(p.Published, shift).Format(time.RFC3339)
	}
	if p.Byline != "" {
		ld.Author = []person{{"Person", p.Byline}}
	}
	b, err := json.Marshal(ld)
	return string(b), err
}

func humanDate(layout string, t time.Time) string { return t.Format(layout) }

// encode re-encodes a rendered UTF-8 page into the page's legacy charset.
func encode(b []byte, charset string) ([]byte, error) {
	switch charset {
	case "utf-8":
		return b, nil
	case "windows-1252":
		return charmap.Windows1252.NewEncoder().Bytes(b)
	case "iso-8859-1":
		return charmap.ISO8859_1.NewEncoder().Bytes(b)
	}
	return nil, fmt.Errorf("unknown charset %q", charset)
}

// decode is encode's inverse, for the tests.
func decode(b []byte, charset string) ([]byte, error) {
	switch charset {
	case "utf-8":
		return b, nil
	case "windows-1252":
		return charmap.Windows1252.NewDecoder().Bytes(b)
	case "iso-8859-1":
		return charmap.ISO8859_1.NewDecoder().Bytes(b)
	}
	return nil, fmt.Errorf("unknown charset %q", charset)
}

// feedView is what the feed templates see.
type feedView struct {
	Title, Desc, Path, Outlet string
	Modified                  time.Time
	Base                      string
	Items                     []itemView
}

type itemView struct {
	Title, Summary, Byline string
	Date                   time.Time
	Link                   string // href with {{base}} replaced; relative where written so
	GUID                   string
}

func renderFeed(f *feed, base string, shift time.Duration) ([]byte, string) {
	v := feedView{Title: f.title, Desc: f.desc, Path: f.path, Outlet: f.outlet, Modified: shifted(f.modified, shift), Base: base}
	seen := map[string]bool{}
	for i, it := range f.items {
		guid := fmt.Sprintf("%s%s#item-%d", base, f.path, i+1)
		if it.article != "" {
			guid = f.outlet + "-" + it.article
			if seen[guid] {
				guid = fmt.Sprintf("%s-%d", guid, i+1)
			}
			seen[guid] = true
		}
		v.Items = append(v.Items, itemView{
			Title: it.title, Summary: it.summary, Byline: it.byline, Date: shifted(it.date, shift),
			Link: strings.ReplaceAll(it.href, "{{base}}", base), GUID: guid,
		})
	}
	if f.format == "jsonfeed" {
		return jsonFeed(v), "application/feed+json"
	}
	ctype := map[string]string{
		"rss2": "application/rss+xml; charset=utf-8",
		"rss1": "application/rdf+xml; charset=utf-8",
		"atom": "application/atom+xml; charset=utf-8",
	}[f.format]
	var buf bytes.Buffer
	if err := feedTemplates.ExecuteTemplate(&buf, f.format, v); err != nil {
		// The templates are compiled in; TestFeedsParse catches this.
		panic(err)
	}
	return buf.Bytes(), ctype
}

func jsonFeed(v feedView) []byte {
	type author struct {
		Name string `json:"name"`
	}
	type jitem struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		Summary       string   `json:"summary,omitempty"`
		ContentText   string   `json:"content_text"`
		DatePublished string   `json:"date_published,omitempty"`
		Authors       []author `json:"authors,omitempty"`
		Tags          []string `json:"tags,omitempty"`
	}
	out := struct {
		Version     string  `json:"version"`
		Title       string  `json:"title"`
		HomePageURL string  `json:"home_page_url"`
		FeedURL     string  `json:"feed_url"`
		Description string  `json:"description"`
		Language    string  `json:"language"`
		Items       []jitem `json:"items"`
	}{
		Version: "https://jsonfeed.org/version/1.1", Title: v.Title,
		HomePageURL: v.Base + "/" + v.Outlet + "/", FeedURL: v.Base + v.Path,
		Description: v.Desc, Language: "en-GB",
	}
	for _, it := range v.Items {
		ji := jitem{ID: it.GUID, URL: it.Link, Title: it.Title, Summary: it.Summary, ContentText: it.Summary}
		if !it.Date.IsZero() {
			ji.DatePublished = it.Date.Format(time.RFC3339)
		}
		if it.Byline != "" {
			ji.Authors = []author{{it.Byline}}
		}
		out.Items = append(out.Items, ji)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// listingView is what the scrape-only listing template sees.
type listingView struct {
	Base  string
	Title string
	Desc  string
	O     *outlet
	F     *feed
	Items []listingItem
	Ads   []navLink
}

type listingItem struct {
	Href, Title, Summary string
	Date                 time.Time
	Lead                 bool
}

func renderListing(f *feed, base string, shift time.Duration) ([]byte, error) {
	v := listingView{Base: base, Title: f.title, Desc: f.desc, O: content.outlets[f.outlet], F: f, Ads: adLinks}
	for i, it := range f.items {
		v.Items = append(v.Items, listingItem{
			Href: strings.ReplaceAll(it.href, "{{base}}", base), Title: it.title,
			Summary: it.summary, Date: shifted(it.date, shift), Lead: i == 0,
		})
	}
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, "listing.html", v); err != nil {
		return nil, err
	}
	return encode(buf.Bytes(), "windows-1252")
}

// renderStub writes a plain section, author or ad page: real chrome, no
// article, so a crawler that follows nav links finds nothing to store.
func renderStub(w io.Writer, path, base string, status int) error {
	title := content.stubs[path]
	if status == http.StatusNotFound {
		title = "Page not found"
	}
	v := struct {
		Base, Title, Path string
		NotFound          bool
	}{base, title, path, status == http.StatusNotFound}
	return pageTemplates.ExecuteTemplate(w, "stub.html", v)
}

// shifted moves a date by the site's shift; an absent (zero) date stays absent.
func shifted(t time.Time, shift time.Duration) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(shift)
}
