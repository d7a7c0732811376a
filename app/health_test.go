package app

import (
	"context"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/chtest"
)

// Health lists the sources failing for more than a day (and only those),
// says degraded but not unavailable for them, and /metrics marks the same
// sources failing.
func TestHealthListsFailingSources(t *testing.T) {
	cfg := testConfig(t)
	cfg.Storage.DSN = chtest.Server(t)
	cfg.Spool.Dir = t.TempDir()
	a := New(&cfg, Options{})
	defer a.Close()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	a.now = func() time.Time { return now }
	a.book = &sourceBook{now: a.now, states: map[string]news.SourceState{
		"down":  {Source: "down", Failures: 12, FailingSince: now.Add(-30 * time.Hour), LastError: "HTTP 503"},
		"flaky": {Source: "flaky", Failures: 2, FailingSince: now.Add(-time.Hour), LastError: "timeout"},
		"fine":  {Source: "fine", LastSuccess: now.Add(-time.Minute)},
	}}
	h := a.Health(context.Background())
	if h.Status != HealthDegraded || !h.Store.Reachable || h.Sources != 3 {
		t.Fatalf("health %+v", h)
	}
	if len(h.Failing) != 1 || h.Failing[0].Source != "down" || h.Failing[0].FailingFor != "30h0m0s" || h.Failing[0].LastError != "HTTP 503" {
		t.Errorf("failing %+v, want only down, for 30h", h.Failing)
	}
	fams, err := a.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	failing := map[string]float64{}
	for _, f := range fams {
		if f.GetName() != MetricSourceFailing {
			continue
		}
		for _, m := range f.Metric {
			failing[m.Label[0].GetValue()] = m.Gauge.GetValue()
		}
	}
	if failing["down"] != 1 || failing["flaky"] != 0 || failing["fine"] != 0 || len(failing) != 3 {
		t.Errorf("%s = %v", MetricSourceFailing, failing)
	}
}
