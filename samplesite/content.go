package samplesite

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed site
var siteFS embed.FS

// outlet is one invented publication: its chrome, its navigation and the
// comments its readers leave under every story.
type outlet struct {
	Key    string // template name and short id
	Name   string
	Prefix string // path prefix, e.g. "/gazette/"
	Nav    []navLink
	Footer []navLink
}

type navLink struct{ Title, Path string }

// page is an article plus what the renderer needs and the ground truth
// leaves out.
type page struct {
	Article
	outlet   *outlet
	role     string // the byline's job title, e.g. "Crime reporter"
	section  string
	declare  string // non-UTF-8 pages: where the charset is declared: header, meta or both
	datemeta string // chronicle: how the date appears: meta, name, text, none
	slow     bool
	amp      string // AMP variant path, if any
	credit   string // agency credit printed outside the body
	paras    []string
	related  []*page
	index    int
}

// siteContent is everything loaded from the embedded files, built once.
type siteContent struct {
	outlets map[string]*outlet
	pages   []*page
	byID    map[string]*page
	byPath  map[string]*page
	byAMP   map[string]*page
	feeds   map[string]*feed
	feedSeq []*feed
	files   map[string]*file
	stubs   map[string]string // path -> page title
	robots  []byte
}

type file struct {
	ctype    string
	data     []byte
	modified time.Time
}

var (
	content  *siteContent
	loadOnce sync.Once
	loadErr  error
)

// mustLoad parses the embedded site once. The files are compiled in, so an
// error is a bug in the fixtures; TestLoad reports it with the file name.
func mustLoad() {
	loadOnce.Do(func() { content, loadErr = load() })
	if loadErr != nil {
		panic("samplesite: " + loadErr.Error())
	}
}

func load() (*siteContent, error) {
	c := &siteContent{
		outlets: outlets(),
		byID:    map[string]*page{},
		byPath:  map[string]*page{},
		byAMP:   map[string]*page{},
		feeds:   map[string]*feed{},
		files:   map[string]*file{},
		stubs:   map[string]string{},
	}
	err := fs.WalkDir(siteFS, "site/articles", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".txt") {
			return err
		}
		raw, err := siteFS.ReadFile(name)
		if err != nil {
			return err
		}
		p, err := parseArticle(name, string(raw), c.outlets)
		if err != nil {
			return err
		}
		if c.byID[p.ID] != nil {
			return fmt.Errorf("%s: duplicate id %q", name, p.ID)
		}
		if c.byPath[p.Path] != nil {
			return fmt.Errorf("%s: duplicate path %q", name, p.Path)
		}
		c.byID[p.ID] = p
		c.byPath[p.Path] = p
		if p.amp != "" {
			c.byAMP[p.amp] = p
		}
		c.pages = append(c.pages, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(c.pages, func(i, j int) bool {
		a, b := c.pages[i], c.pages[j]
		if a.outlet.Key != b.outlet.Key {
			return a.outlet.Key < b.outlet.Key
		}
		return a.ID < b.ID
	})
	for i, p := range c.pages {
		p.index = i
	}
	for _, p := range c.pages {
		p.related = relatedTo(p, c.pages)
	}
	if err := c.loadFeeds(); err != nil {
		return nil, err
	}
	if err := c.loadFiles(); err != nil {
		return nil, err
	}
	for _, o := range c.outlets {
		c.stubs[o.Prefix] = o.Name
		for _, l := range append(append([]navLink{}, o.Nav...), o.Footer...) {
			if c.byPath[l.Path] == nil && c.feeds[l.Path] == nil {
				c.stubs[l.Path] = l.Title + " | " + o.Name
			}
		}
	}
	for _, p := range c.pages {
		if p.Byline != "" {
			c.stubs[authorPath(p)] = p.Byline + " | " + p.Outlet
		}
	}
	for _, s := range adLinks {
		c.stubs[s.Path] = s.Title
	}
	for _, o := range c.outlets {
		c.stubs[o.Prefix+"share/"] = "Share | " + o.Name
	}
	c.stubs["/chronicle/members/"] = "Members' area | Eastmoor Chronicle"
	return c, nil
}

var keyLine = regexp.MustCompile(`^([a-z]+):\s*(.*)$`)

// parseArticle reads one article file: "key: value" lines, a line "---",
// then paragraphs separated by blank lines. A paragraph may hold links
// written [text](href); one starting "> " is an embedded post.
func parseArticle(name, raw string, outlets map[string]*outlet) (*page, error) {
	head, body, ok := strings.Cut(raw, "\n---\n")
	if !ok {
		return nil, fmt.Errorf("%s: no \"---\" line between header and body", name)
	}
	p := &page{Article: Article{Charset: "utf-8", Relevant: true, Kind: "news"}}
	sc := bufio.NewScanner(strings.NewReader(head))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		m := keyLine.FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: want \"key: value\", got %q", name, line, text)
		}
		k, v := m[1], strings.TrimSpace(m[2])
		switch k {
		case "id":
			p.ID = v
		case "outlet":
			o := outlets[v]
			if o == nil {
				return nil, fmt.Errorf("%s:%d: unknown outlet %q", name, line, v)
			}
			p.outlet = o
			p.Outlet = o.Name
		case "path":
			p.Path = v
		case "amp":
			p.amp = v
		case "title":
			p.Title = v
		case "byline":
			p.Byline = v
		case "role":
			p.role = v
		case "section":
			p.section = v
		case "published":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: published: %v", name, line, err)
			}
			p.Published = t.UTC()
		case "kind":
			p.Kind = v
		case "summary":
			p.Summary = v
		case "relevant":
			p.Relevant = v == "yes"
		case "story":
			p.Story = v
		case "charset":
			p.Charset = v
		case "declare":
			p.declare = v
		case "datemeta":
			p.datemeta = v
		case "credit":
			p.credit = v
		case "slow":
			p.slow = v == "yes"
		case "demo":
			p.Demo = v == "yes"
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q", name, line, k)
		}
	}
	for _, paragraph := range strings.Split(strings.TrimSpace(body), "\n\n") {
		paragraph = strings.Join(strings.Fields(paragraph), " ")
		if paragraph != "" {
			p.paras = append(p.paras, paragraph)
		}
	}
	var plain []string
	for _, s := range p.paras {
		plain = append(plain, plainText(s))
	}
	p.Body = strings.Join(plain, "\n\n")
	switch {
	case p.ID == "" || p.outlet == nil || p.Path == "" || p.Title == "":
		return nil, fmt.Errorf("%s: id, outlet, path and title are required", name)
	case !strings.HasPrefix(p.Path, p.outlet.Prefix):
		return nil, fmt.Errorf("%s: path %q is not under %s", name, p.Path, p.outlet.Prefix)
	case len(p.paras) == 0:
		return nil, fmt.Errorf("%s: no body", name)
	case p.Charset != "utf-8" && p.declare == "":
		return nil, fmt.Errorf("%s: charset %s needs declare: header, meta or both", name, p.Charset)
	}
	return p, nil
}

var linkMarkup = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)

// plainText is what a perfect extractor returns for one paragraph.
func plainText(para string) string {
	para = strings.TrimPrefix(para, "> ")
	return linkMarkup.ReplaceAllString(para, "$1")
}

// relatedTo picks three other stories from the same outlet for the
// "related" box, the way a CMS would: most recent first, never itself.
func relatedTo(p *page, all []*page) []*page {
	var same []*page
	for _, q := range all {
		if q != p && q.outlet == p.outlet && q.Relevant == p.Relevant {
			same = append(same, q)
		}
	}
	// Rotate by the page's own position so related boxes differ.
	var out []*page
	for i := 0; i < len(same) && len(out) < 3; i++ {
		out = append(out, same[(p.index+i)%len(same)])
	}
	return out
}

func authorPath(p *page) string {
	slug := strings.ToLower(strings.Join(strings.Fields(p.Byline), "-"))
	slug = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r == '-' {
			return r
		}
		return -1
	}, slug)
	return path.Join(p.outlet.Prefix, "authors", slug) + "/"
}

func (c *siteContent) loadFiles() error {
	robots, err := siteFS.ReadFile("site/static/robots.txt")
	if err != nil {
		return err
	}
	c.robots = robots
	pdf, err := siteFS.ReadFile("site/static/annual-report.pdf")
	if err != nil {
		return err
	}
	c.files[pdfPath] = &file{ctype: "application/pdf", data: pdf, modified: date("2026-11-03T10:00:00Z")}
	return nil
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}
