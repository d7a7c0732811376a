package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/storetest"
)

// sampleConfig writes a config that crawls the sample site at base into
// the embedded store at dsn.
func sampleConfig(t *testing.T, base, dsn, schedule string, timeout time.Duration) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "storage:\n  dsn: %q\ncrawl:\n  delay: 0s\n  timeout: %s\n  allow_private_networks: true\n  retries: 0\n  parallelism: 4\nlog:\n  level: warn\nsources:\n", dsn, timeout)
	for _, s := range samplesite.Sources(base) {
		fmt.Fprintf(&b, "  - name: %s\n    outlet: %q\n    kind: %s\n    url: %q\n    schedule: %q\n    topic: %s\n", s.Name, s.Outlet, s.Kind, s.URL, schedule, s.Topic)
		if s.Links != "" {
			fmt.Fprintf(&b, "    links: %q\n", s.Links)
		}
	}
	path := filepath.Join(t.TempDir(), "framewatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// embeddedDSN returns a fresh chDB store path, skipping when libchdb.so
// is missing (failing under CI=true).
func embeddedDSN(t *testing.T) string {
	t.Helper()
	storetest.RequireLibchdb(t)
	return "chdb://" + filepath.Join(t.TempDir(), "data")
}

func storedURLs(t *testing.T, dsn string) []string {
	t.Helper()
	st, err := storage.Open(context.Background(), dsn, storage.Options{MaxMemory: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Query(context.Background(), "SELECT DISTINCT url FROM articles ORDER BY url", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows.Data {
		out = append(out, r[0].(string))
	}
	return out
}

func TestCrawlCommand(t *testing.T) {
	dsn := embeddedDSN(t)
	srv := httptest.NewServer(samplesite.New(samplesite.Options{SlowDelay: 10 * time.Millisecond}))
	defer srv.Close()
	cfg := sampleConfig(t, srv.URL, dsn, "@every 30m", 5*time.Second)

	if code, _, _ := runCmd(t, "", "crawl", "--config", cfg, "--source", "no-such-source"); code != 1 {
		t.Errorf("unknown --source: exit %d, want 1", code)
	}
	if code, _, _ := runCmd(t, "", "crawl", "--config", cfg); code != 0 {
		t.Fatalf("crawl: exit %d", code)
	}
	if got, want := storedURLs(t, dsn), samplesite.ExpectedURLs(srv.URL); !reflect.DeepEqual(got, want) {
		t.Errorf("stored %d URLs, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
}

// TestRunDaemon starts `framewatch run`, lets the schedule fire, sends
// SIGINT while the slow page is being fetched, and checks that the crawl
// in flight still finished (the slow page is stored with its full text)
// and the daemon exited 0.
func TestRunDaemon(t *testing.T) {
	dsn := embeddedDSN(t)
	site := samplesite.New(samplesite.Options{SlowDelay: 1500 * time.Millisecond})
	srv := httptest.NewServer(site)
	defer srv.Close()
	var slow string
	full, feedOnly := samplesite.Expect(srv.URL, false), samplesite.Expect(srv.URL, true)
	for i := range full {
		if full[i].FeedOnly != feedOnly[i].FeedOnly {
			slow = strings.TrimPrefix(full[i].URL, srv.URL)
		}
	}
	if slow == "" {
		t.Fatal("sample site has no slow page")
	}
	cfg := sampleConfig(t, srv.URL, dsn, "@every 1s", 5*time.Second)

	exit := make(chan int, 1)
	go func() { code, _, _ := runCmd(t, "", "run", "--config", cfg); exit <- code }()
	deadline := time.Now().Add(20 * time.Second)
	for site.Requests(slow) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the scheduled crawl never reached the slow page")
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("run exited %d after SIGINT, want 0", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop after SIGINT")
	}
	st, err := storage.Open(context.Background(), dsn, storage.Options{MaxMemory: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Query(context.Background(), "SELECT feed_only FROM articles WHERE url = {u:String}",
		map[string]string{"u": srv.URL + slow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Data) == 0 || rows.Data[0][0].(int64) != 0 {
		t.Errorf("slow page in flight at SIGINT: rows %v, want it stored with its page text", rows.Data)
	}
}
