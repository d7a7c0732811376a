// Package web is framewatch's web UI for the comms team and trainers:
// server-rendered pages (html/template, no JavaScript needed) over the
// application layer. It only reads: every handler is a thin adapter that
// parses a request, calls package app and renders the view model as HTML,
// or as JSON with ?format=json.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/framewatch/framewatch/app"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options tune the server. The zero value is sensible.
type Options struct {
	// QueryTimeout bounds the work behind one page (queries, a fetched URL
	// to check); 0 means 20s.
	QueryTimeout time.Duration
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Server is the web UI as an http.Handler.
type Server struct {
	app  *app.App
	opt  Options
	log  *slog.Logger
	mux  *http.ServeMux
	auth *authenticator
	tmpl map[string]*template.Template
	// digestCache keeps built digests while the store is unchanged.
	digestCache digestCache
}

// New builds the UI over a; authentication comes from the serve: section
// of a's config.
func New(a *app.App, opt Options) (*Server, error) {
	if opt.QueryTimeout <= 0 {
		opt.QueryTimeout = 20 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Server{app: a, opt: opt, log: a.Log, mux: http.NewServeMux(), auth: newAuthenticator(a.Config.Serve)}
	var err error
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(24*time.Hour, http.FileServerFS(static))))
	// Browsers ask for an icon even on the self-contained digest and handout pages.
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	s.routes()
	s.ops()
	return s, nil
}

// Handle mounts an extra handler behind the UI's authentication and
// security headers (e.g. a members' JSON API).
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, s.protect(h)) }

// HandlePublic mounts an extra handler that needs no authentication, such
// as /healthz or /metrics for a load balancer or Prometheus.
func (s *Server) HandlePublic(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// ServeHTTP serves the UI.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header())
	s.mux.ServeHTTP(w, r)
}

// page registers a UI page: authenticated, GET (and HEAD) only unless the
// pattern says otherwise, its work bounded by QueryTimeout.
func (s *Server) page(pattern string, h http.HandlerFunc) {
	s.mux.Handle(pattern, s.protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.QueryTimeout)
		defer cancel()
		h(w, r.WithContext(ctx))
	})))
}

// securityHeaders are sent with every response. No page runs a script, so
// the policy allows none; the self-contained digest page relaxes styles.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// ListenAndServe serves the UI on addr until ctx ends, then shuts down
// gracefully. Binding beyond loopback without authentication is allowed
// but warned about: anyone on the network could read the UI.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve.addr %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is ListenAndServe on a listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if !isLoopback(ln.Addr()) && !s.app.Config.Serve.AuthConfigured() {
		s.log.Warn("the web UI listens beyond loopback without authentication: anyone who can reach it can read it; set serve.token or serve.users",
			"addr", ln.Addr().String())
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.opt.QueryTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("web UI listening", "url", "http://"+ln.Addr().String()+"/", "auth", s.app.Config.Serve.AuthConfigured())
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return err
}

// isLoopback reports whether a listener's address is reachable only from
// this machine.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return strings.HasPrefix(addr.Network(), "unix")
	}
	return tcp.IP.IsLoopback()
}
