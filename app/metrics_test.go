package app

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/crawl"
)

// Every series the Grafana dashboard in docs/ queries is one the App
// registers, with the labels the query selects on: a renamed metric or
// label fails here, not on an operator's empty panel.
func TestDashboardMetricsRegistered(t *testing.T) {
	raw, err := os.ReadFile("../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	cfg.Spool.Dir = t.TempDir()
	a := New(&cfg, Options{})
	// Give every labelled family a child, as a crawl would.
	a.metrics.observeEvents([]news.CrawlEvent{{Outcome: news.Stored, Status: 200}})
	a.metrics.observeCrawl(crawl.Summary{Sources: []crawl.Stats{{Source: "s", Stored: 1, CharsetMismatch: 1}}, Duration: time.Second})
	a.metrics.observeInsert("articles", 1, time.Millisecond, nil)
	a.metrics.tagging.Observe(0.001)
	a.metrics.reloads.WithLabelValues("ok").Inc()
	a.book = &sourceBook{states: map[string]news.SourceState{"s": {Source: "s", LastSuccess: time.Now()}}, now: time.Now}
	fams, err := a.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]map[string]bool{} // series name -> label names
	for _, f := range fams {
		ls := map[string]bool{"instance": true, "job": true} // added by Prometheus
		for _, m := range f.Metric {
			for _, l := range m.Label {
				ls[l.GetName()] = true
			}
		}
		labels[f.GetName()] = ls
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				labels[f.GetName()+suffix] = ls
			}
		}
	}
	series := regexp.MustCompile(`\b((?:framewatch|go|process)_[a-z_]+)(\{[^}]*\})?`)
	label := regexp.MustCompile(`([a-z_]+)\s*(?:=~|!=|!~|=)`)
	used := 0
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			for _, m := range series.FindAllStringSubmatch(tg.Expr, -1) {
				used++
				ls, ok := labels[m[1]]
				if !ok {
					t.Errorf("panel %q queries %s, which the App does not register", p.Title, m[1])
					continue
				}
				for _, l := range label.FindAllStringSubmatch(m[2], -1) {
					if !ls[l[1]] {
						t.Errorf("panel %q selects %s on label %q, which it does not have", p.Title, m[1], l[1])
					}
				}
			}
			if strings.Contains(tg.Expr, "histogram_quantile") && !strings.Contains(tg.Expr, "_bucket") {
				t.Errorf("panel %q: histogram_quantile over a non-bucket series: %s", p.Title, tg.Expr)
			}
		}
	}
	if used < 10 {
		t.Fatalf("the dashboard queries only %d series", used)
	}
}
