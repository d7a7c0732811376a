package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/storage/chtest"
)

// A second retag while one runs is refused, naming the first, and runs
// once the first has finished.
func TestRetagRefusedWhileRunning(t *testing.T) {
	ctx := context.Background()
	dsn := chtest.Server(t)
	cfgPath := filepath.Join(t.TempDir(), "framewatch.yaml")
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
	release, err := st.AcquireJob(ctx, app.JobRetag, "host other (pid 42)", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd(t, "", "retag", "--config", cfgPath)
	if code != 1 || !strings.Contains(errs, "retag is already running on host other (pid 42) since ") ||
		!strings.Contains(errs, "; lease until ") {
		t.Fatalf("second retag: exit %d, stderr %q; want exit 1 naming the first", code, errs)
	}
	release()
	if code, _, errs := runCmd(t, "", "retag", "--config", cfgPath); code != 0 {
		t.Fatalf("retag after the first finished: exit %d: %s", code, errs)
	}
}
