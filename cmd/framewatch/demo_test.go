package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage/storetest"
)

// The demo is the README's first command: it must run the whole job on the
// embedded store and leave the files it promises.
func TestDemoRunsTheWholeJob(t *testing.T) {
	storetest.RequireLibchdb(t)
	dir := filepath.Join(t.TempDir(), "demo")
	code, got, errs := runCmd(t, "", "demo", "--dir", dir)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s\n%s", code, errs, got)
	}

	// The crawl table's total row: as many stored as the sample site's ground truth says.
	m := regexp.MustCompile(`(?m)^total\s+\d+\s+(\d+)`).FindStringSubmatch(got)
	want := len(samplesite.ExpectedURLs("http://x"))
	if m == nil || m[1] != strconv.Itoa(want) {
		t.Errorf("demo stored %v articles, want %d\n%s", m, want, got)
	}
	for _, section := range []string{"Top flags in the journalist's own voice", "Frames", "punitive", "next, try", "Web UI:", "http://127.0.0.1:8080/"} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(section)) {
			t.Errorf("demo output lacks %q", section)
		}
	}
	for _, f := range []string{"examples.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	digests, _ := filepath.Glob(filepath.Join(dir, "digest-*.html"))
	if len(digests) != 1 {
		t.Errorf("want one digest in %s, found %v", dir, digests)
	}

	// A rerun replaces its own directory; a directory it did not make is refused.
	if err := app.FreshDemoDir(dir); err != nil {
		t.Errorf("rerun refused its own directory: %v", err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "precious.txt"), []byte("x"), 0o644)
	if err := app.FreshDemoDir(other); err == nil {
		t.Error("demo would wipe a directory it did not make")
	}
	if _, err := os.Stat(filepath.Join(other, "precious.txt")); err != nil {
		t.Error("a foreign file was deleted")
	}
}
