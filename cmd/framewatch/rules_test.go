package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesCheckCommand(t *testing.T) {
	code, out, _ := runCmd(t, "", "rules", "check", "../../rules/testdata/bad/unknown_category")
	if code != 1 || !strings.Contains(out, "rules/testdata/bad/unknown_category/r.yaml:7:15: rule crime.thug: unknown category") {
		t.Errorf("bad dir: exit %d, output:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "rules", "check", "../../rules/testdata/good")
	if code != 0 || !strings.Contains(out, " 0 failed") {
		t.Errorf("good dir: exit %d, output:\n%s", code, out)
	}
	// A failing embedded test makes the check fail.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "r.yaml"), []byte("rules:\n  - id: people.zzword\n    category: people\n    severity: low\n    match: [zzword]\n    tests:\n      match: [\"no such word here\"]\n"), 0o644)
	code, out, _ = runCmd(t, "", "rules", "check", dir)
	if code != 1 || !strings.Contains(out, "r.yaml:7:15: people.zzword: no match") {
		t.Errorf("failing test: exit %d, output:\n%s", code, out)
	}
}

func TestTagCommandJSON(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.html")
	os.WriteFile(a, []byte("The offenders were moved.\n\n“He is an offender,” the judge said."), 0o644)
	os.WriteFile(b, []byte("<html><head><title>Old lag freed</title></head><body><article><h1>Old lag freed</h1><p>"+strings.Repeat("The prison was quiet that week and nothing much happened there. ", 8)+"</p><p>The old lag walked out.</p></article></body></html>"), 0o644)
	cfg := filepath.Join(dir, "none.yaml")
	os.WriteFile(cfg, []byte("rules_dir: ../../rules/testdata/good\n"), 0o644)
	code, out, _ := runCmd(t, "", "tag", "--config", cfg, "--rules", "../../rules/testdata/good", "--format", "json", a)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var doc struct {
		Matches []map[string]any `json:"matches"`
		Frames  []map[string]any `json:"frames"`
		Quotes  []map[string]any `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if len(doc.Matches) != 2 || len(doc.Frames) == 0 {
		t.Fatalf("matches %d frames %d:\n%s", len(doc.Matches), len(doc.Frames), out)
	}
	punitive := false
	for _, f := range doc.Frames {
		punitive = punitive || f["frame"] == "punitive"
	}
	if !punitive {
		t.Errorf("no punitive frame in %v", doc.Frames)
	}
	for _, key := range []string{"rule", "kind", "category", "severity", "text", "start", "end", "in_quote", "location", "sentence", "suggest"} {
		if _, ok := doc.Matches[0][key]; !ok {
			t.Errorf("match lacks %q: %v", key, doc.Matches[0])
		}
	}
	if doc.Matches[1]["in_quote"] != true || doc.Matches[0]["text"] != "offenders" {
		t.Errorf("matches: %v", doc.Matches)
	}
	for _, key := range []string{"frame", "score", "fired", "evidence"} {
		if _, ok := doc.Frames[0][key]; !ok {
			t.Errorf("frame lacks %q", key)
		}
	}
	// The quotes contract (issue 14): location, start, end, voice, cue,
	// speaker and role on every entry.
	if len(doc.Quotes) != 1 {
		t.Fatalf("quotes %v, want the judge's one", doc.Quotes)
	}
	q := doc.Quotes[0]
	for _, key := range []string{"location", "start", "end", "voice", "cue", "speaker", "role"} {
		if _, ok := q[key]; !ok {
			t.Errorf("quote lacks %q: %v", key, q)
		}
	}
	if q["speaker"] != "the judge" || q["role"] != "judge" || q["cue"] != "said" || q["voice"] != "quote" {
		t.Errorf("quote %v, want the judge's, role judge, cue said", q)
	}
	code, out, _ = runCmd(t, "", "tag", "--config", cfg, "--rules", "../../rules/testdata/good", "--format", "jsonl", a, b)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("jsonl: exit %d, %d lines:\n%s", code, len(lines), out)
	}
	var second struct {
		File    string           `json:"file"`
		Matches []map[string]any `json:"matches"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil || second.File != b {
		t.Fatalf("line 2: %v %+v", err, second)
	}
	found := false
	for _, m := range second.Matches {
		found = found || m["rule"] == "people.lag"
	}
	if !found {
		t.Errorf("HTML document: no people.lag match in %v", second.Matches)
	}
}
