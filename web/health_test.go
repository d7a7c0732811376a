package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/storetest"
)

// crawlApp is an App over st whose config crawls the sample site at base,
// with its spool in a temporary directory.
func crawlApp(t *testing.T, st *storage.Store, base string) *app.App {
	t.Helper()
	cfg := config.Defaults()
	cfg.Sources = samplesite.Sources(base)
	cfg.Crawl.Delay, cfg.Crawl.Retries, cfg.Crawl.AllowPrivateNetworks, cfg.Crawl.Timeout = 0, 0, true, 5*time.Second
	cfg.Spool.Dir = filepath.Join(t.TempDir(), "spool")
	return app.New(&cfg, app.Options{Store: st, Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))})
}

// scrape GETs /metrics and parses it with Prometheus' own text parser.
func scrape(t *testing.T, s *Server) map[string]*dto.MetricFamily {
	t.Helper()
	r := get(t, s, "/metrics")
	if r.status != 200 {
		t.Fatalf("/metrics: %d %s", r.status, r.body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("/metrics is not Prometheus text format: %v\n%s", err, r.body)
	}
	return fams
}

// sum adds the samples of a family whose labels include want.
func sum(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
	var total float64
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if got[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			total += m.Counter.GetValue()
		case m.Gauge != nil:
			total += m.Gauge.GetValue()
		case m.Histogram != nil:
			total += float64(m.Histogram.GetSampleCount())
		}
	}
	return total
}

func count(t *testing.T, st *storage.Store, q string) float64 {
	t.Helper()
	rows, err := st.Query(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	return float64(rows.Data[0][0].(uint64))
}

// After a real crawl of the sample site into the embedded store, /metrics
// parses as Prometheus text and its figures are the store's: articles
// stored per source, fetches by outcome and status as in crawl_log, one
// tagging per article, inserts timed, an empty spool, and every source's
// last success at the crawl. /healthz says ok.
func TestMetricsAfterRealCrawl(t *testing.T) {
	st := reporttest.OpenChdb(t)
	srv := httptest.NewServer(samplesite.New(samplesite.Options{SlowDelay: 10 * time.Millisecond}))
	defer srv.Close()
	a := crawlApp(t, st, srv.URL)
	defer a.Close()
	s, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Add(-time.Second)
	sumCrawl, err := a.Crawl(context.Background(), app.CrawlOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fams := scrape(t, s)

	stored := count(t, st, "SELECT uniqExact(url) FROM articles")
	if stored == 0 || float64(sumCrawl.Total().Stored) != stored {
		t.Fatalf("crawl stored %d, store holds %v", sumCrawl.Total().Stored, stored)
	}
	if got := sum(fams, app.MetricArticlesStored, nil); got != stored {
		t.Errorf("%s = %v, store holds %v articles", app.MetricArticlesStored, got, stored)
	}
	for _, src := range samplesite.Sources(srv.URL) {
		want := count(t, st, "SELECT uniqExact(url) FROM articles WHERE source = '"+src.Name+"'")
		if got := sum(fams, app.MetricArticlesStored, map[string]string{"source": src.Name}); want > 0 && got != want {
			t.Errorf("%s{source=%s} = %v, store %v", app.MetricArticlesStored, src.Name, got, want)
		}
		last := sum(fams, app.MetricLastSuccess, map[string]string{"source": src.Name})
		if last < float64(before.Unix()) || last > float64(time.Now().Unix()) {
			t.Errorf("%s{source=%s} = %v, want the crawl's time", app.MetricLastSuccess, src.Name, last)
		}
	}
	rows, err := st.Query(context.Background(), "SELECT outcome, toString(status), count() FROM crawl_log GROUP BY outcome, status", nil)
	if err != nil {
		t.Fatal(err)
	}
	var fetches float64
	for _, r := range rows.Data {
		want := float64(r[2].(uint64))
		fetches += want
		if got := sum(fams, app.MetricFetches, map[string]string{"outcome": r[0].(string), "status": r[1].(string)}); got != want {
			t.Errorf("%s{outcome=%s,status=%s} = %v, crawl_log %v", app.MetricFetches, r[0], r[1], got, want)
		}
	}
	if got := sum(fams, app.MetricFetches, nil); got != fetches || fetches == 0 {
		t.Errorf("%s total %v, crawl_log %v", app.MetricFetches, got, fetches)
	}
	if got := sum(fams, app.MetricTaggingSeconds, nil); got != stored {
		t.Errorf("%s count %v, want one per stored article (%v)", app.MetricTaggingSeconds, got, stored)
	}
	if got := sum(fams, app.MetricInsertSeconds, map[string]string{"table": "articles", "result": "ok"}); got < 1 {
		t.Errorf("%s{table=articles} count %v", app.MetricInsertSeconds, got)
	}
	if got := sum(fams, app.MetricInsertSeconds, map[string]string{"result": "error"}); got != 0 {
		t.Errorf("failed inserts: %v", got)
	}
	for name, want := range map[string]float64{app.MetricSpoolRecords: 0, app.MetricSpoolAge: 0} {
		if got := sum(fams, name, nil); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if got := sum(fams, app.MetricWrites, map[string]string{"result": "lost"}); got != 0 {
		t.Errorf("lost writes %v", got)
	}
	if fams["go_goroutines"] == nil || fams["process_resident_memory_bytes"] == nil {
		t.Error("runtime and process metrics missing")
	}

	r := get(t, s, "/healthz")
	var h app.Health
	if err := json.Unmarshal([]byte(r.body), &h); err != nil || r.status != 200 || h.Status != app.HealthOK || !h.Store.Reachable || h.Sources != len(samplesite.Sources(srv.URL)) {
		t.Errorf("/healthz: %d %v %s", r.status, err, r.body)
	}
}

// With the store's server stopped, /healthz answers 503 with a JSON body
// saying the store is unreachable, and 200 again once it is back.
func TestHealthzStoreUnreachable(t *testing.T) {
	node := chtest.Standalone(t)
	st := storetest.Open(t, node.DSN("health"))
	defer st.Close()
	a := crawlApp(t, st, "http://127.0.0.1:1")
	s, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	health := func() (int, app.Health) {
		r := get(t, s, "/healthz")
		var h app.Health
		if err := json.Unmarshal([]byte(r.body), &h); err != nil {
			t.Fatalf("/healthz body is not JSON: %v: %s", err, r.body)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		return r.status, h
	}
	if code, h := health(); code != 200 || !h.Store.Reachable {
		t.Fatalf("server up: %d %+v", code, h)
	}
	node.Stop()
	if code, h := health(); code != 503 || h.Status != app.HealthUnavailable || h.Store.Reachable || h.Store.Error == "" {
		t.Fatalf("server stopped: %d %+v", code, h)
	}
	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, h := health()
		if code == 200 && h.Store.Reachable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server back: %d %+v", code, h)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// A source failing for more than a day (source_state, kept by the
// daemon's backoff) shows on the sources page with since when; one failing
// for an hour does not yet.
func TestSourcesPageShowsFailing(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	since := now.Add(-72 * time.Hour)
	for _, s := range []news.SourceState{
		{Source: "ep", Failures: 9, LastAttempt: now.Add(-time.Hour), FailingSince: since, LastError: "HTTP 503"},
		{Source: "dc", Failures: 1, LastAttempt: now.Add(-time.Hour), FailingSince: now.Add(-time.Hour), LastError: "timeout"},
	} {
		if err := st.SaveSourceState(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	s := newServer(t, st, config.Serve{})
	r := get(t, s, "/sources")
	if want := "since " + since.Format("2 Jan 2006 15:04 UTC"); r.status != 200 || strings.Count(r.body, "since ") != 1 || !strings.Contains(r.body, want) {
		t.Errorf("/sources: %d, want %q once in\n%s", r.status, want, r.body)
	}
	var rows []app.SourceHealth
	if r := get(t, s, "/sources?format=json"); json.Unmarshal([]byte(r.body), &rows) != nil {
		t.Fatalf("/sources JSON: %s", r.body)
	}
	for _, h := range rows {
		if failing := !h.FailingSince.IsZero(); failing != (h.Source == "ep") || (failing && (!h.FailingSince.Equal(since) || h.Status != "failing")) {
			t.Errorf("%s: status %s failing since %v", h.Source, h.Status, h.FailingSince)
		}
	}
}
