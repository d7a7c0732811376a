package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/chtest"
)

// growingFeed serves a feed of n articles (n set by the test) whose bodies
// say "zorblat", a word only the test's own rule knows.
func growingFeed(n *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		if strings.HasPrefix(r.URL.Path, "/a/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			id := strings.TrimPrefix(r.URL.Path, "/a/")
			fmt.Fprintf(w, `<html lang="en"><head><title>Prison story %s</title></head><body><article><h1>Prison story %s</h1>`, id, id)
			for i := 0; i < 4; i++ {
				fmt.Fprintf(w, "<p>The inspectors said the zorblat at the prison had been held in a cell for twenty-three hours a day, paragraph %d of story %s, and the probation service agreed.</p>", i, id)
			}
			fmt.Fprint(w, `</article></body></html>`)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>`+base+`</link>`)
		for i := int64(1); i <= n.Load(); i++ {
			fmt.Fprintf(w, `<item><title>Prison story %d</title><link>%s/a/%d</link><pubDate>Mon, 02 Nov 2026 09:%02d:00 +0000</pubDate></item>`, i, base, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
}

const zorblatRule = `rules:
  - id: people.zorblat
    category: people
    severity: low
    match: zorblat
    message: Say who, not what.
`

// syncBuffer is a log sink the test reads while the daemon writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Under a running daemon, a rules file that breaks is refused (the rules
// in force stay, the log names file:line:col), a fixed one is put in force
// on the file change and SIGHUP alike, and each stored tagging names the
// ruleset that made it.
func TestRulesReloadUnderRunningDaemon(t *testing.T) {
	dsn := chtest.Server(t)
	rulesDir := t.TempDir()
	var n atomic.Int64
	n.Store(1)
	site := httptest.NewServer(growingFeed(&n))
	defer site.Close()

	cfg := testConfig(t)
	cfg.Path = "(test)"
	cfg.Storage.DSN = dsn
	cfg.Spool.Dir = t.TempDir()
	cfg.RulesDir = rulesDir
	cfg.Crawl.AllowPrivateNetworks, cfg.Crawl.Delay, cfg.Crawl.Retries = true, 0, 0
	cfg.Sources = []news.Source{{Name: "t", Outlet: "T", Kind: "rss", URL: site.URL + "/feed.xml", Schedule: "@every 1s", Topic: "justice"}}
	logs := &syncBuffer{}
	a := New(&cfg, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	defer a.Close()

	ctx, cancel := context.WithCancel(context.Background())
	hup := make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, RunOptions{Now: true, Reload: hup}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("daemon: %v", err)
		}
	}()

	st, err := a.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tagging := func(url string) (string, int64) {
		rows, err := st.Query(context.Background(), "SELECT ruleset, matches FROM taggings WHERE url = {u:String}", map[string]string{"u": url})
		if err != nil || len(rows.Data) == 0 {
			return "", -1
		}
		return rows.Data[0][0].(string), rows.Data[0][1].(int64)
	}
	waitFor(t, "article 1", func() bool { r, _ := tagging(site.URL + "/a/1"); return r != "" })
	first := a.RulesetHash()
	if rs, m := tagging(site.URL + "/a/1"); rs != first || m != 0 {
		t.Fatalf("article 1 tagged by %s with %d matches, want %s and 0", rs, m, first)
	}

	// A broken rule file: refused, and the log says where.
	os.WriteFile(filepath.Join(rulesDir, "mine.yaml"), []byte("rules:\n  - id: people.zorblat\n    category: nonsense\n"), 0o644)
	waitFor(t, "the failed reload", func() bool { return strings.Contains(logs.String(), "reload failed") })
	if !strings.Contains(logs.String(), "mine.yaml:3:15") {
		t.Errorf("failed reload does not name file:line:col:\n%s", logs.String())
	}
	if a.RulesetHash() != first {
		t.Fatal("a failed reload changed the rules in force")
	}

	// Fixed: the file change puts it in force.
	os.WriteFile(filepath.Join(rulesDir, "mine.yaml"), []byte(zorblatRule), 0o644)
	waitFor(t, "the reload", func() bool { return a.RulesetHash() != first })
	second := a.RulesetHash()
	n.Store(2)
	waitFor(t, "article 2", func() bool { r, _ := tagging(site.URL + "/a/2"); return r != "" })
	if rs, m := tagging(site.URL + "/a/2"); rs != second || m == 0 {
		t.Errorf("article 2 tagged by %s with %d matches, want %s with the new rule's matches", rs, m, second)
	}
	if rs, _ := tagging(site.URL + "/a/1"); rs != first {
		t.Errorf("article 1's tagging now names %s, want %s", rs, first)
	}

	// SIGHUP (what the CLI turns it into) reloads too.
	before := strings.Count(logs.String(), "rules: reloaded")
	hup <- struct{}{}
	waitFor(t, "the SIGHUP reload", func() bool {
		return strings.Count(logs.String(), "rules: reloaded") > before && strings.Contains(logs.String(), "trigger=SIGHUP")
	})
}
