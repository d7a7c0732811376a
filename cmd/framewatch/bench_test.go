package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/storetest"
)

// framewatch bench runs end to end at a small N on the embedded store, so
// the command docs/benchmarks.md reports cannot rot: every step is in the
// table with sane counts (timings are not asserted).
func TestBenchSmall(t *testing.T) {
	storetest.RequireLibchdb(t)
	const n = 500
	code, out, errs := runCmd(t, "", "bench", "--articles", "500", "--repeat", "1", "--batch", "200", "--format", "json")
	if code != 0 {
		t.Fatalf("bench: exit %d: %s", code, errs)
	}
	var res app.BenchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bench --format json: %v\n%s", err, out)
	}
	if res.Articles != n || res.Backend != "chdb" || res.Week == "" {
		t.Errorf("bench result: %d articles on %q, week %q; want %d on chdb", res.Articles, res.Backend, res.Week, n)
	}
	steps := map[string]app.BenchStep{}
	var order []string
	for _, s := range res.Steps {
		steps[s.Step] = s
		order = append(order, s.Step)
		if s.Seconds <= 0 || s.Runs != 1 || s.Command == "" {
			t.Errorf("step %+v: want a positive time, one run and the command", s)
		}
		if s.PeakRSSMB < 1 || s.PeakRSSMB > 4096 {
			t.Errorf("step %s: peak RSS %.0f MB", s.Step, s.PeakRSSMB)
		}
	}
	if got := strings.Join(order, " "); got != "tag ingest retag digest examples frame_share trend_terms" {
		t.Fatalf("steps = %s", got)
	}
	for _, name := range []string{"tag", "ingest", "retag"} {
		if s := steps[name]; s.Articles != n || s.PerSecond <= 0 {
			t.Errorf("%s: %d articles at %.0f/s, want all %d", name, s.Articles, s.PerSecond, n)
		}
	}
	// 500 articles (~330 stories, several matches each) over 52 weeks: a
	// week holds a few stories, 50 examples exist, a handful of frames fire
	// in the week, and journalists use flagged terms in most weeks.
	if s := steps["digest"]; s.Rows < 1 || s.Rows > 40 {
		t.Errorf("digest: %d stories in the week", s.Rows)
	}
	if s := steps["examples"]; s.Rows != 50 {
		t.Errorf("examples --limit 50 gave %d", s.Rows)
	}
	if s := steps["frame_share"]; s.Rows < 1 || s.Rows > 12 {
		t.Errorf("frame_share: %d frames in the week", s.Rows)
	}
	if s := steps["trend_terms"]; s.Rows < 40 || s.Rows > 53 {
		t.Errorf("trend_terms: %d weeks of a 52-week year", s.Rows)
	}

	// The table names every step; a second fill of a non-empty store is refused.
	code, out, errs = runCmd(t, "", "bench", "--articles", "50", "--repeat", "1", "--no-retag")
	if code != 0 || !strings.Contains(out, "50 articles") {
		t.Fatalf("bench table: exit %d: %s%s", code, out, errs)
	}
	for _, name := range []string{"tag", "ingest", "digest", "examples", "frame_share", "trend_terms"} {
		if !strings.Contains(out, "\n"+name+" ") {
			t.Errorf("table has no %s row:\n%s", name, out)
		}
	}
	if strings.Contains(out, "\nretag ") {
		t.Errorf("--no-retag printed a retag row:\n%s", out)
	}
}

// bench fills an empty store only, and --reuse times the reads over what
// an earlier run stored.
func TestBenchReuse(t *testing.T) {
	storetest.RequireLibchdb(t)
	dsn := "chdb://" + t.TempDir()
	if code, _, errs := runCmd(t, "", "bench", "--store", dsn, "--articles", "120", "--repeat", "1", "--no-retag"); code != 0 {
		t.Fatalf("bench: exit %d: %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "bench", "--store", dsn, "--articles", "120"); code != 2 || !strings.Contains(errs, "already holds 120 articles") {
		t.Errorf("bench over a full store: exit %d, %s", code, errs)
	}
	code, out, errs := runCmd(t, "", "bench", "--store", dsn, "--reuse", "--repeat", "1", "--format", "json")
	var res app.BenchResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("bench --reuse: exit %d: %s%s", code, out, errs)
	}
	if res.Articles != 120 || len(res.Steps) != 5 || res.Steps[0].Step != "retag" || res.Steps[0].Articles != 120 {
		t.Errorf("bench --reuse: %+v", res)
	}
}

// bench fills a ClickHouse server as well (18.16 here), every step.
func TestBenchServer(t *testing.T) {
	dsn := chtest.Server(t)
	code, out, errs := runCmd(t, "", "bench", "--store", dsn, "--articles", "200", "--repeat", "1", "--batch", "100", "--format", "json")
	var res app.BenchResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("bench on a server: exit %d: %s%s", code, out, errs)
	}
	if res.Backend != "clickhouse" || res.Articles != 200 || len(res.Steps) != 7 {
		t.Fatalf("bench on a server: %+v", res)
	}
	for _, s := range res.Steps {
		if s.Seconds <= 0 || s.Rows == 0 {
			t.Errorf("bench on a server: step %+v", s)
		}
	}
}
