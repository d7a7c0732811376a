package web

import (
	"encoding/json"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/framewatch/framewatch/app"
)

// ops mounts what load balancers and Prometheus read, without
// authentication: /healthz (200, or 503 when the store does not answer or
// the spool is nearly full; JSON either way) and /metrics.
func (s *Server) ops() {
	s.HandlePublic("GET /healthz", http.HandlerFunc(s.healthz))
	s.HandlePublic("GET /metrics", promhttp.HandlerFor(s.app.Metrics(), promhttp.HandlerOpts{
		ErrorLog: slogPrinter{s}, ErrorHandling: promhttp.ContinueOnError}))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	h := s.app.Health(r.Context())
	code := http.StatusOK
	if h.Status == app.HealthUnavailable {
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(h)
}

// slogPrinter logs the metrics handler's errors.
type slogPrinter struct{ s *Server }

func (p slogPrinter) Println(v ...any) { p.s.log.Warn("metrics", "err", v) }
