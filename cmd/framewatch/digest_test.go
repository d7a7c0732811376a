package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/report/reporttest"
	"github.com/framewatch/framewatch/storage/chtest"
)

// The digest, examples and sql --query commands over the seeded corpus of
// report/reporttest (its figures are worked out there).
func TestDigestExamplesSQLCommands(t *testing.T) {
	dsn := chtest.Server(t)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "framewatch.yaml")
	if err := os.WriteFile(cfgPath, []byte(fmt.Sprintf("storage: {dsn: %q}\nlog: {level: error}\n", dsn)), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := app.Load(cfgPath, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reporttest.Seed(t, st)

	run := func(name string, args ...string) (string, int) {
		t.Helper()
		code, out, errs := runCmd(t, "", name, append([]string{"--config", cfgPath}, args...)...)
		if code != 0 {
			t.Logf("%v: exit %d: %s", args, code, errs)
		}
		return out, code
	}
	const digestCmd, examplesCmd, sqlCmd = "digest", "examples", "sql"

	out, code := run(digestCmd, "--week", "2026-W47", "--format", "json")
	var d struct {
		Coverage struct {
			Stories struct{ Value float64 } `json:"stories"`
		} `json:"coverage"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &d) != nil || d.Coverage.Stories.Value != 5 {
		t.Errorf("digest --format json: exit %d, stories %v", code, d.Coverage.Stories.Value)
	}
	page := filepath.Join(dir, "out", "d.html")
	if _, code := run(digestCmd, "--week", "2026-W47", "--out", page); code != 0 {
		t.Fatal("digest --out failed")
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("digest --out: %v", err)
	}
	if out, code := run(digestCmd, "--week", "2026-W44", "--format", "md"); code != 0 || !strings.Contains(out, "No coverage") {
		t.Errorf("empty week: exit %d\n%s", code, out)
	}
	if _, code := run(digestCmd, "--week", "2026-W47", "--from", "2026-11-01"); code != 2 {
		t.Errorf("--week with --from: exit %d, want 2", code)
	}

	out, code = run(examplesCmd, "--rule", "people.offender", "--voice", "journalist", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 2 || !strings.Contains(lines[1], "ng.example/a5") {
		t.Errorf("examples csv: exit %d\n%s", code, out)
	}
	if out, code := run(examplesCmd, "--outlet", "x' OR 1=1 --", "--format", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("crafted --outlet: exit %d, %s", code, out)
	}
	if out, code := run(examplesCmd, "--since", "2026-11-16", "--until", "2026-11-20", "--format", "md"); code != 0 ||
		!strings.Contains(out, "Prisoners set fire") || strings.Contains(out, "ng.example/a5") {
		t.Errorf("examples --since/--until md: exit %d\n%s", code, out)
	}

	out, code = run(sqlCmd, "--query", "coverage_total", "--param", "week_start=2026-11-16T00:00:00Z",
		"--param", "week_end=2026-11-23T00:00:00Z", "--format", "csv")
	if code != 0 || !strings.Contains(out, "8,5,3") {
		t.Errorf("sql --query coverage_total: exit %d\n%s", code, out)
	}
	if _, code := run(sqlCmd, "--query", "coverage_total"); code != 2 {
		t.Errorf("sql --query without its params: exit %d, want 2", code)
	}
}
