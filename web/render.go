package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/report/digest"
)

// pageData is what every template gets: the page's view model in Data.
type pageData struct {
	Title string
	Nav   string // the menu entry to mark current
	Data  any
	// Self is the page's canonical address (its permalink).
	Self string
}

func parseTemplates() (map[string]*template.Template, error) {
	layout, err := templateFS.ReadFile("templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" {
			continue
		}
		body, err := templateFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		t := template.New("layout").Funcs(funcs)
		if _, err := t.Parse(string(layout)); err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
		if _, err := t.Parse(string(body)); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out[name] = t
	}
	return out, nil
}

var funcs = template.FuncMap{
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"day": func(t time.Time) string {
		if t.IsZero() || t.Unix() <= 0 {
			return "never"
		}
		return t.Format("2 Jan 2006")
	},
	"stamp": func(t time.Time) string {
		if t.IsZero() || t.Unix() <= 0 {
			return "never"
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"join":  strings.Join,
	"title": frameTitle,
	"role":  digest.RoleName,
	"f1":    func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"f2":    func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"delta": func(d float64) string {
		switch {
		case math.IsNaN(d) || math.Abs(d) < 1e-9:
			return "no change"
		case d > 0:
			return fmt.Sprintf("up %.0f pts", d*100)
		}
		return fmt.Sprintf("down %.0f pts", -d*100)
	},
	"article": func(u string) string { return "/article?url=" + url.QueryEscape(u) },
	"add":     func(a, b int) int { return a + b },
	"safeURL": safeURL,
}

// safeURL keeps only http(s) links from scraped data; anything else (a
// javascript: or data: URL in a feed) becomes inert.
func safeURL(u string) template.URL {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return "#"
	}
	return template.URL(p.String())
}

func frameTitle(id string) string {
	s := strings.ReplaceAll(id, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// wantsJSON reports whether the request asks for the view model as JSON.
func wantsJSON(r *http.Request) bool {
	return r.URL.Query().Get("format") == "json" || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// render writes the page, or its view model as JSON when asked.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, pd pageData) {
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(pd.Data)
		return
	}
	t := s.tmpl[name]
	if t == nil {
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", pd); err != nil {
		s.log.Error("rendering page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// fail answers an error: 400 for a mistake in the request (its message is
// about the user's input, so it is shown), 404 for a missing article, 504
// when the page ran out of time, else 500 with nothing internal shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong on the server. The error has been logged."
	switch {
	case app.IsUsage(err):
		status, msg = http.StatusBadRequest, err.Error()
	case errors.Is(err, app.ErrNotFound):
		status, msg = http.StatusNotFound, "There is no stored article at that address."
	case errors.Is(err, errNotFound):
		status, msg = http.StatusNotFound, "There is no such page."
	case r.Context().Err() != nil:
		status, msg = http.StatusGatewayTimeout, "The page took too long to build. Try a narrower filter."
	}
	if status >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"error": msg})
		return
	}
	s.render(w, r, status, "error", pageData{Title: http.StatusText(status), Data: msg})
}

var errNotFound = errors.New("no such page")
