package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strconv"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/rules"
)

// Page sizes the examples explorer offers; an export holds exactly the
// examples of the page shown.
var pageSizes = []int{25, 50, 100, 200}

// exampleQuery is the explorer's filter as the URL carries it. Its
// canonical encoding (fixed key order, defaults left out) is the stable
// permalink of the filtered view.
type exampleQuery struct {
	Rule, Category, Frame, Outlet string
	OutletType                    string
	Since, Until                  string
	Voice, Location, Search       string
	SpeakerRole                   string // lists quotes by speakers of this role instead of matches
	AllCopies                     bool
	Page, Per                     int
}

func parseExampleQuery(q url.Values) (exampleQuery, error) {
	e := exampleQuery{Rule: q.Get("rule"), Category: q.Get("category"), Frame: q.Get("frame"), Outlet: q.Get("outlet"),
		OutletType: q.Get("outlet_type"), Since: q.Get("since"), Until: q.Get("until"), Voice: q.Get("voice"), Location: q.Get("location"),
		Search: q.Get("search"), SpeakerRole: q.Get("speaker_role"), AllCopies: q.Get("all_copies") == "1", Page: 1, Per: pageSizes[0]}
	if e.Voice == "" {
		e.Voice = "any"
	}
	if e.Location == "" {
		e.Location = "any"
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return e, &app.UsageError{Err: errString("page must be a whole number from 1")}
		}
		e.Page = n
	}
	if v := q.Get("per"); v != "" {
		n, err := strconv.Atoi(v)
		ok := false
		for _, p := range pageSizes {
			ok = ok || n == p
		}
		if err != nil || !ok {
			return e, &app.UsageError{Err: errString("per must be 25, 50, 100 or 200")}
		}
		e.Per = n
	}
	return e, nil
}

// values is the canonical query string of the filter (page optional).
func (e exampleQuery) values(withPage bool) url.Values {
	v := url.Values{}
	set := func(k, val, def string) {
		if val != "" && val != def {
			v.Set(k, val)
		}
	}
	set("rule", e.Rule, "")
	set("category", e.Category, "")
	set("frame", e.Frame, "")
	set("outlet", e.Outlet, "")
	set("outlet_type", e.OutletType, "")
	set("since", e.Since, "")
	set("until", e.Until, "")
	set("voice", e.Voice, "any")
	set("location", e.Location, "any")
	set("search", e.Search, "")
	set("speaker_role", e.SpeakerRole, "")
	if e.AllCopies {
		v.Set("all_copies", "1")
	}
	if withPage {
		set("page", strconv.Itoa(e.Page), "1")
	}
	set("per", strconv.Itoa(e.Per), strconv.Itoa(pageSizes[0]))
	return v
}

// link is the explorer's address with this filter and a page, in canonical form.
func (e exampleQuery) link(path string, page int) string {
	e.Page = page
	q := e.values(true).Encode()
	if q == "" {
		return path
	}
	return path + "?" + q
}

func (e exampleQuery) options() app.ExamplesOptions {
	return app.ExamplesOptions{Filter: examples.Filter{Rule: e.Rule, Category: e.Category, Frame: e.Frame, Outlet: e.Outlet,
		OutletType: e.OutletType, Voice: e.Voice, Location: e.Location, Search: e.Search, SpeakerRole: e.SpeakerRole, AllCopies: e.AllCopies,
		Limit: e.Per + 1, Offset: (e.Page - 1) * e.Per}, Since: e.Since, Until: e.Until}
}

type examplesView struct {
	Query      exampleQuery
	Handout    examples.Handout
	Refs       []string // each example's permalink ref, parallel to Handout.Examples
	Prev, Next string   // page links, "" when none
	Self       string
	CSV, MD    string // exports of exactly this view
	JSON       string
	PageSizes  []int
	Choices    choices
	First      int // the number of the first example on the page
}

// choices are the values the filter menus offer.
type choices struct {
	Categories  []string
	Rules       []string
	Frames      []string
	Outlets     []string
	OutletTypes []string
	Roles       []string
}

func (s *Server) choices() choices {
	var c choices
	if rs, err := s.app.Rules(); err == nil {
		seen := map[string]bool{}
		for _, r := range rs.Rules {
			c.Rules = append(c.Rules, r.ID)
			if !seen[r.Category] {
				seen[r.Category] = true
				c.Categories = append(c.Categories, r.Category)
			}
		}
		for _, f := range rs.Frames {
			c.Frames = append(c.Frames, f.ID)
		}
	}
	c.OutletTypes = news.OutletTypes
	c.Roles = rules.Roles
	seen := map[string]bool{}
	for _, src := range s.app.Config.Sources {
		if !seen[src.Outlet] {
			seen[src.Outlet] = true
			c.Outlets = append(c.Outlets, src.Outlet)
		}
	}
	return c
}

func (s *Server) examples(w http.ResponseWriter, r *http.Request) {
	eq, err := parseExampleQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h, err := s.app.Examples(r.Context(), eq.options())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := examplesView{Query: eq, PageSizes: pageSizes, Self: eq.link("/examples", eq.Page), First: (eq.Page-1)*eq.Per + 1}
	if len(h.Examples) > eq.Per {
		h.Examples = h.Examples[:eq.Per]
		v.Next = eq.link("/examples", eq.Page+1)
	}
	if eq.Page > 1 {
		v.Prev = eq.link("/examples", eq.Page-1)
	}
	v.Handout = h
	for _, e := range h.Examples {
		v.Refs = append(v.Refs, refOf(e).String())
	}
	q := eq.values(true)
	for _, f := range []struct {
		dst *string
		fmt string
	}{{&v.CSV, "csv"}, {&v.MD, "md"}, {&v.JSON, "json"}} {
		q.Set("format", f.fmt)
		*f.dst = "/examples?" + q.Encode()
	}
	switch format := r.URL.Query().Get("format"); format {
	case "csv", "md":
		if err := writeHandout(w, h, format, "examples"); err != nil {
			s.fail(w, r, err)
		}
		return
	case "json":
		s.render(w, r, http.StatusOK, "", pageData{Data: h.Examples})
		return
	case "", "html":
	default:
		s.fail(w, r, &app.UsageError{Err: errString("format must be html, csv, md or json")})
		return
	}
	v.Choices = s.choices()
	s.render(w, r, http.StatusOK, "examples", pageData{Title: "Examples", Nav: "examples", Data: v, Self: v.Self})
}

func refOf(e examples.Example) app.ExampleRef {
	return app.ExampleRef{URL: e.URL, Rule: e.Rule, Location: e.Location, Start: e.Start}
}

// example is one example's permalink: /example?ref=location:start:rule:url.
func (s *Server) example(w http.ResponseWriter, r *http.Request) {
	ref, err := app.ParseExampleRef(r.URL.Query().Get("ref"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.app.Example(r.Context(), ref)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Example: " + e.Rule
	if e.Rule == "" {
		title = "Quote: " + cmp.Or(e.Speaker, "unnamed speaker")
	}
	s.render(w, r, http.StatusOK, "example", pageData{Title: title, Nav: "examples",
		Data: exampleView{Example: e, Ref: ref.String()}, Self: "/example?ref=" + url.QueryEscape(ref.String())})
}

type exampleView struct {
	examples.Example
	Ref string
}

type handoutView struct {
	Handout  examples.Handout
	Refs     []string
	Missing  int
	Self     string
	Print    string // the self-contained printable page
	MD, CSV  string
	TitleArg string
}

// handout is a trainers' handout: /handout?ex=REF&ex=REF&title=T lists the
// chosen examples. It is a permalink; nothing is stored.
func (s *Server) handout(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var refs []app.ExampleRef
	for _, v := range q["ex"] {
		ref, err := app.ParseExampleRef(v)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		refs = append(refs, ref)
	}
	if len(refs) == 0 {
		s.fail(w, r, &app.UsageError{Err: errString("choose examples for the handout: tick them in the examples explorer and press “Make a handout”")})
		return
	}
	h, missing, err := s.app.Handout(r.Context(), q.Get("title"), refs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	canon := url.Values{}
	if t := q.Get("title"); t != "" {
		canon.Set("title", t)
	}
	for _, ref := range refs {
		canon.Add("ex", ref.String())
	}
	v := handoutView{Handout: h, Missing: missing, Self: "/handout?" + canon.Encode(), TitleArg: q.Get("title")}
	for _, e := range h.Examples {
		v.Refs = append(v.Refs, refOf(e).String())
	}
	for _, f := range []struct {
		dst *string
		fmt string
	}{{&v.Print, "html"}, {&v.MD, "md"}, {&v.CSV, "csv"}} {
		c := url.Values{}
		for k, vs := range canon {
			c[k] = vs
		}
		c.Set("format", f.fmt)
		*f.dst = "/handout?" + c.Encode()
	}
	switch format := q.Get("format"); format {
	case "html", "md", "csv":
		if err := writeHandout(w, h, format, "handout"); err != nil {
			s.fail(w, r, err)
		}
		return
	case "json":
		s.render(w, r, http.StatusOK, "", pageData{Data: h})
		return
	}
	s.render(w, r, http.StatusOK, "handout", pageData{Title: h.Title, Nav: "examples", Data: v, Self: v.Self})
}
