package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
)

// Retag must replace each article's matches with those of the rules in
// force: no duplicates, and the old ruleset gone from the current_* views.
func TestRetagReplacesMatches(t *testing.T) {
	ctx := context.Background()
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
	st, err := a.Store(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := a.Tagger(true)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{URL: "https://example.org/a", Source: "s", Outlet: "Gazette", Title: "Thug jailed for attack on pensioner",
			Text: "The thug was jailed for six years.\n\nHe spent the first week on the wing in segregation.", PublishedAt: pub, StoryID: "a"},
		{URL: "https://example.org/b", Source: "s", Outlet: "Gazette", Title: "Inspectors criticise wing conditions",
			Text: "Inspectors found the wing was dirty and prisoners spent 22 hours a day locked up.", PublishedAt: pub, StoryID: "b"},
	}
	var tagged []news.TaggedArticle
	for _, art := range arts {
		tagged = append(tagged, news.TaggedArticle{Article: art, Tagging: shipped.Tag(art)})
	}
	if err := st.SaveArticles(ctx, tagged); err != nil {
		t.Fatal(err)
	}
	before := countMatches(t, st, "")

	// A user rules dir adds one rule, which changes the ruleset.
	rulesDir := filepath.Join(dir, "rules")
	os.MkdirAll(rulesDir, 0o755)
	os.WriteFile(filepath.Join(rulesDir, "local.yaml"), []byte(`rules:
  - id: prison.wing_test
    kind: term
    category: prison
    severity: low
    match: [wing]
    message: A local test rule.
    source: https://example.org/house-style
    tests:
      match: [{text: "Back on the wing.", span: wing}]
      no_match: ["The albatross has a huge wingspan."]
`), 0o644)
	if code, _, errs := runCmd(t, "", "retag", "--config", cfgPath, "--rules", rulesDir); code != 0 {
		t.Fatalf("retag exit %d: %s", code, errs)
	}
	local, err := app.New(a.Config, app.Options{RulesDir: rulesDir}).Tagger(true)
	if err != nil {
		t.Fatal(err)
	}
	if local.Ruleset() == shipped.Ruleset() {
		t.Fatal("adding a rule did not change the ruleset hash")
	}

	rows, err := st.Query(ctx, "SELECT DISTINCT ruleset FROM current_matches", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Data) != 1 || rows.Data[0][0] != local.Ruleset() {
		t.Errorf("current_matches rulesets = %v, want only %s", rows.Data, local.Ruleset())
	}
	wings := countMatches(t, st, "prison.wing_test")
	if wings != 3 { // a: body; b: headline and body
		t.Errorf("new rule matched %d times, want 3", wings)
	}
	if after := countMatches(t, st, ""); after != before+wings {
		t.Errorf("after retag %d matches, want %d old + %d new (no duplicates)", after, before, wings)
	}
	dups, err := st.Query(ctx, `SELECT url, rule, location, start_offset, count() AS n FROM current_matches
		GROUP BY url, rule, location, start_offset HAVING n > 1`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(dups.Data) > 0 {
		t.Errorf("duplicate matches after retag: %v", dups.Data)
	}
	frames, err := st.Query(ctx, "SELECT url, count() FROM current_frames GROUP BY url", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range frames.Data {
		if n := r[1].(uint64); int(n) != len(shipped.Rules().Frames) {
			t.Errorf("%s has %d current frame rows, want one per frame (%d)", r[0], n, len(shipped.Rules().Frames))
		}
	}
}

func countMatches(t *testing.T, st *storage.Store, rule string) int {
	t.Helper()
	rows, err := st.Query(context.Background(),
		"SELECT count() FROM current_matches WHERE {rule:String} = '' OR rule = {rule:String}", map[string]string{"rule": rule})
	if err != nil {
		t.Fatal(err)
	}
	return int(rows.Data[0][0].(uint64))
}

// A retag bounds the Go heap unless the user chose a limit with GOMEMLIMIT,
// and gives the process its limit back afterwards.
func TestLimitGoMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	before := debug.SetMemoryLimit(-1)
	restore := limitGoMemory(retagGoMemory)
	if got := debug.SetMemoryLimit(-1); got != retagGoMemory {
		t.Errorf("during a retag the Go memory limit is %d, want %d", got, retagGoMemory)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after a retag the Go memory limit is %d, want the previous %d", got, before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = limitGoMemory(retagGoMemory)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT set, a retag changed the limit to %d", got)
	}
	restore()
}
