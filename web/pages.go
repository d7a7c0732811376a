package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/examples"
)

func (s *Server) routes() {
	s.page("GET /{$}", s.thisWeek)
	s.page("GET /examples", s.examples)
	s.page("GET /example", s.example)
	s.page("GET /handout", s.handout)
	s.page("GET /article", s.article)
	s.page("GET /digests", s.digests)
	s.page("GET /digests/{week}", s.digest)
	s.page("GET /trends", s.trends)
	s.page("GET /rules", s.rules)
	s.page("GET /sources", s.sources)
	s.page("GET /check", s.checkPage)
	s.page("POST /check", s.checkPage)
	s.page("/", func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, errNotFound) })
}

func (s *Server) thisWeek(w http.ResponseWriter, r *http.Request) {
	now := s.opt.Now()
	loc, err := s.app.Location()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.cachedDigest(r.Context(), "latest:"+report.LastCompleteWeek(now, loc).Label, func(ctx context.Context) (*digest.Digest, error) {
		return s.app.LatestDigest(ctx, now)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "week", pageData{Title: "This week: " + d.Period.Label, Nav: "week", Data: weekView{Digest: d,
		Since: d.Period.Start.Format("2006-01-02"), Until: d.Period.End.AddDate(0, 0, -1).Format("2006-01-02")}, Self: "/"})
}

// cachedDigest is the digest build makes, kept while the store's data
// version stays the same.
func (s *Server) cachedDigest(ctx context.Context, key string, build func(context.Context) (*digest.Digest, error)) (*digest.Digest, error) {
	v, err := s.app.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	return s.digestCache.get(ctx, key, v, build)
}

type weekView struct {
	*digest.Digest
	Since, Until string // the week's days, for links into the examples
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	u := r.URL.Query().Get("url")
	if u == "" {
		s.fail(w, r, &app.UsageError{Err: errString("give the article's address as ?url=")})
		return
	}
	v, err := s.app.Article(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsJSON(r) {
		s.render(w, r, http.StatusOK, "", pageData{Data: v})
		return
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: v.Title, Nav: "examples", Data: articleView{ArticleView: v,
		Headline: segments(v.Title, v.Matches, v.Quotes, "headline", 0),
		Paras:    paragraphs(v.Text, v.Matches, v.Quotes)}, Self: "/article?url=" + url.QueryEscape(u)})
}

type articleView struct {
	*app.ArticleView
	Headline []segment
	Paras    [][]segment
}

func (s *Server) digests(w http.ResponseWriter, r *http.Request) {
	weeks, err := s.app.DigestWeeks(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "digests", pageData{Title: "Weekly digests", Nav: "digests", Data: weeks, Self: "/digests"})
}

// digest serves one week's digest as the self-contained page the email
// carries (/digests/2026-W47), or as a download (.html, .md, .json).
func (s *Server) digest(w http.ResponseWriter, r *http.Request) {
	week := r.PathValue("week")
	format, download := "html", false
	for _, ext := range []string{".html", ".md", ".json"} {
		if strings.HasSuffix(week, ext) {
			week, format, download = strings.TrimSuffix(week, ext), strings.TrimPrefix(ext, "."), true
		}
	}
	d, err := s.cachedDigest(r.Context(), "week:"+week, func(ctx context.Context) (*digest.Digest, error) {
		return s.app.Digest(ctx, app.DigestOptions{Week: week})
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := digest.Render(d, format)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveDocument(w, format, digest.FileName(d, format), download, b)
}

// serveDocument writes a self-contained document (digest, handout); its
// inline stylesheet needs the style policy relaxed, scripts stay banned.
func serveDocument(w http.ResponseWriter, format, name string, download bool, b []byte) {
	h := w.Header()
	h.Set("Content-Type", map[string]string{"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
		"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}[format])
	if format == "html" {
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	}
	if download {
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.Write(b)
}

func (s *Server) rules(w http.ResponseWriter, r *http.Request) {
	o, err := s.app.RulesOverview(r.Context(), s.opt.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "rules", pageData{Title: "Rules", Nav: "rules", Data: o, Self: "/rules"})
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request) {
	h, err := s.app.Sources(r.Context(), s.opt.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "sources", pageData{Title: "Sources", Nav: "sources", Data: h, Self: "/sources"})
}

// maxCheck caps what Check a text accepts (the form and the request body).
const maxCheck = 100 << 10

type checkView struct {
	Text, URL string
	Err       string
	Result    *app.TagResult
	Paras     [][]segment
	Limit     int
}

func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) {
	v := checkView{Limit: maxCheck >> 10}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxCheck+4<<10)
		if err := r.ParseForm(); err != nil {
			v.Err = "The text is too long: the most this checks is 100 KB."
		} else {
			v.Text, v.URL = r.PostForm.Get("text"), strings.TrimSpace(r.PostForm.Get("url"))
			res, err := s.app.Check(r.Context(), app.CheckOptions{Text: v.Text, URL: v.URL, MaxBytes: maxCheck})
			switch {
			case app.IsUsage(err):
				v.Err = err.Error()
			case err != nil:
				s.fail(w, r, err)
				return
			default:
				v.Result = &res
				v.Paras = paragraphs(res.Article.Text, res.Matches, res.Quotes)
			}
		}
	}
	if wantsJSON(r) {
		if v.Err != "" {
			s.fail(w, r, &app.UsageError{Err: errString(v.Err)})
			return
		}
		s.render(w, r, http.StatusOK, "", pageData{Data: v.Result})
		return
	}
	status := http.StatusOK
	if v.Err != "" {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "check", pageData{Title: "Check a text", Nav: "check", Data: v, Self: "/check"})
}

type errString string

func (e errString) Error() string { return string(e) }

// writeHandout renders examples as a download or the printable page.
func writeHandout(w http.ResponseWriter, h examples.Handout, format, name string) error {
	var b bytes.Buffer
	if err := examples.Write(&b, h, format); err != nil {
		return err
	}
	ext := map[string]string{"md": "md", "csv": "csv", "json": "json", "html": "html"}[format]
	serveDocument(w, format, name+"."+ext, format != "html", b.Bytes())
	return nil
}
