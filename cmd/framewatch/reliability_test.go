package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/spool"
)

// proc is framewatch run as a real process (the test binary re-executed
// as main, see execMainEnv).
type proc struct {
	cmd    *exec.Cmd
	stderr *lockedBuffer
	done   chan struct{}
	code   int
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startProcess(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(os.Args[0], args...), stderr: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), execMainEnv+"=1")
	p.cmd.Stdout = io.Discard
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		p.code = p.cmd.ProcessState.ExitCode()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("framewatch %s stderr:\n%s", strings.Join(args, " "), p.stderr.String())
		}
	})
	return p
}

// wait returns the exit code once the process ends (-1 if killed).
func (p *proc) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(within):
		t.Fatalf("framewatch did not exit within %v; stderr:\n%s", within, p.stderr.String())
		return 0
	}
}

// pagedSite serves /feed/NAME listing items 1..n of that feed (0 while
// hidden), and article pages after delay, or once release is closed when
// gate is set. onPage sees the number of pages served so far.
type pagedSite struct {
	n      int
	hidden atomic.Bool
	delay  time.Duration
	gate   chan struct{}
	pages  atomic.Int64
	feeds  atomic.Int64
	onPage func(int64)
}

func (s *pagedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
	case strings.HasPrefix(r.URL.Path, "/feed/"):
		s.feeds.Add(1)
		feed := strings.TrimPrefix(r.URL.Path, "/feed/")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>`+base+`</link>`)
		for i := 1; i <= s.n && !s.hidden.Load(); i++ {
			fmt.Fprintf(w, `<item><title>Prison story %s %d</title><link>%s/a/%s/%d</link><pubDate>Mon, 02 Nov 2026 09:%02d:00 +0000</pubDate></item>`, feed, i, base, feed, i, i%60)
		}
		fmt.Fprint(w, `</channel></rss>`)
	default:
		if s.gate != nil {
			<-s.gate
		}
		time.Sleep(s.delay)
		n := s.pages.Add(1)
		if s.onPage != nil {
			s.onPage(n)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		id := strings.TrimPrefix(r.URL.Path, "/a/")
		fmt.Fprintf(w, `<html lang="en"><head><title>Prison story %s</title></head><body><article><h1>Prison story %s</h1>`, id, id)
		for i := 0; i < 4; i++ {
			fmt.Fprintf(w, "<p>The inspectors said the prisoner %s had been held in a cell for twenty-three hours a day, paragraph %d, and the probation service agreed with the court.</p>", id, i)
		}
		fmt.Fprint(w, `</article></body></html>`)
	}
}

// relConfig writes a config storing into dsn with its spool in spoolDir,
// crawling the feeds named at base; extra is appended as is.
func relConfig(t *testing.T, dsn, spoolDir, base string, feeds []string, extra string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "storage:\n  dsn: %q\n  max_memory: 1GB\nspool:\n  dir: %q\ncrawl:\n  delay: 0s\n  timeout: 20s\n  allow_private_networks: true\n  retries: 0\n  parallelism: 4\nlog:\n  level: info\n", dsn, spoolDir)
	b.WriteString(extra)
	b.WriteString("sources:\n")
	for _, f := range feeds {
		fmt.Fprintf(&b, "  - name: %s\n    outlet: %q\n    kind: rss\n    url: %q\n    schedule: \"@every 1h\"\n    topic: justice\n", f, "Outlet "+f, base+"/feed/"+f)
	}
	path := filepath.Join(t.TempDir(), "framewatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openStore(t *testing.T, dsn string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), dsn, storage.Options{MaxMemory: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func countQ(t *testing.T, st *storage.Store, q string) int {
	t.Helper()
	rows, err := st.Query(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return int(rows.Data[0][0].(uint64))
}

// The framewatch process is killed with SIGKILL while it is spooling (the
// ClickHouse 18.16 server it writes to was stopped mid-crawl; its articles
// are in the spool and it is retrying the crawl log). Restarted with the
// server back and the feed no longer listing the articles, it replays the
// spool: every article is stored once (the raw table too: nothing applied
// twice), the spool is empty, and a further run changes nothing.
func TestKilledWhileSpoolingThenRestarted(t *testing.T) {
	node := chtest.Standalone(t)
	dsn := node.DSN("killed")
	spoolDir := filepath.Join(t.TempDir(), "spool")
	const n = 30
	site := &pagedSite{n: n, delay: 30 * time.Millisecond}
	var stopOnce sync.Once
	site.onPage = func(k int64) {
		if k == 10 {
			stopOnce.Do(func() { go node.Stop() })
		}
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	cfg := relConfig(t, dsn, spoolDir, srv.URL, []string{"k"}, "")

	p := startProcess(t, "crawl", "--config", cfg)
	deadline := time.Now().Add(60 * time.Second)
	for spool.DirStats(spoolDir, 0).Records == 0 {
		select {
		case <-p.done:
			t.Fatalf("crawl exited %d before spooling anything", p.code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("nothing was spooled")
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	if code := p.wait(t, 10*time.Second); code != -1 {
		t.Fatalf("crawl exited %d before the SIGKILL", code)
	}
	if s := spool.DirStats(spoolDir, 0); s.Records == 0 {
		t.Fatalf("spool after SIGKILL: %+v", s)
	}
	if site.pages.Load() != n {
		t.Fatalf("%d pages served, want %d", site.pages.Load(), n)
	}

	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	site.hidden.Store(true) // what comes back must come from the spool
	for run := 1; run <= 2; run++ {
		p = startProcess(t, "crawl", "--config", cfg)
		if code := p.wait(t, 60*time.Second); code != 0 {
			t.Fatalf("restart %d: exit %d:\n%s", run, code, p.stderr.String())
		}
		if s := spool.DirStats(spoolDir, 0); s.Records != 0 || s.Segments != 0 {
			t.Fatalf("restart %d: spool not drained: %+v", run, s)
		}
		st := openStore(t, dsn)
		for q, want := range map[string]int{
			"SELECT count() FROM articles":         n, // a second replay would add rows here
			"SELECT uniqExact(url) FROM articles":  n,
			"SELECT count() FROM current_articles": n,
			"SELECT count() FROM taggings":         n,
		} {
			if got := countQ(t, st, q); got != want {
				t.Errorf("restart %d: %s = %d, want %d", run, q, got, want)
			}
		}
		st.Close()
	}
	if site.pages.Load() != n {
		t.Errorf("restarts fetched pages again: %d served", site.pages.Load())
	}
}

// A write that can be neither made (the server is stopped mid-crawl) nor
// kept (the spool is full) makes `framewatch crawl` exit 1 saying so.
func TestCrawlLostWriteExitsNonZero(t *testing.T) {
	node := chtest.Standalone(t)
	spoolDir := filepath.Join(t.TempDir(), "spool")
	site := &pagedSite{n: 10, delay: 20 * time.Millisecond}
	var stopOnce sync.Once
	site.onPage = func(k int64) {
		if k == 3 {
			stopOnce.Do(node.Stop)
		}
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	cfg := relConfig(t, node.DSN("lost"), spoolDir, srv.URL, []string{"l"}, "")
	os.WriteFile(cfg, bytes.Replace(must(os.ReadFile(cfg)), []byte("spool:\n"), []byte("spool:\n  max_size: 1KB\n"), 1), 0o644)
	p := startProcess(t, "crawl", "--config", cfg)
	if code := p.wait(t, 90*time.Second); code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), "could not be made to") || !strings.Contains(p.stderr.String(), "nor kept in the spool") {
		t.Errorf("no clear message:\n%s", p.stderr.String())
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// Two `framewatch crawl` processes on one embedded store: the first owns
// it, the second writes through it, and the first exits while the second
// is still crawling. The second takes the store over: it exits 0 and
// every article and crawl-log event of both is stored.
func TestTwoCrawlsOwnerExitsFirst(t *testing.T) {
	dsn := embeddedDSN(t)
	spoolDir := filepath.Join(t.TempDir(), "spool")
	first := &pagedSite{n: 10, delay: 10 * time.Millisecond}
	second := &pagedSite{n: 20, gate: make(chan struct{})}
	srv1, srv2 := httptest.NewServer(first), httptest.NewServer(second)
	defer srv1.Close()
	defer srv2.Close()
	cfg1 := relConfig(t, dsn, spoolDir, srv1.URL, []string{"one"}, "")
	cfg2 := relConfig(t, dsn, spoolDir, srv2.URL, []string{"two"}, "")

	p1 := startProcess(t, "crawl", "--config", cfg1)
	waitUntil(t, "the first crawl to read its feed", func() bool { return first.feeds.Load() > 0 })
	p2 := startProcess(t, "crawl", "--config", cfg2)
	waitUntil(t, "the second crawl to read its feed", func() bool { return second.feeds.Load() > 0 })
	if code := p1.wait(t, 60*time.Second); code != 0 {
		t.Fatalf("first crawl: exit %d\n%s", code, p1.stderr.String())
	}
	close(second.gate) // only now may the second crawl finish and save
	if code := p2.wait(t, 60*time.Second); code != 0 {
		t.Fatalf("second crawl: exit %d\n%s", code, p2.stderr.String())
	}
	if s := spool.DirStats(spoolDir, 0); s.Records != 0 {
		t.Errorf("writes left in the spool: %+v", s)
	}
	st := openStore(t, dsn)
	for q, want := range map[string]int{
		"SELECT uniqExact(url) FROM articles WHERE source = 'one'":                                  10,
		"SELECT uniqExact(url) FROM articles WHERE source = 'two'":                                  20,
		"SELECT count() FROM articles":                                                              30,
		"SELECT count() FROM crawl_log WHERE source = 'one'":                                        11,
		"SELECT count() FROM crawl_log WHERE source = 'two' AND outcome = 'stored'":                 20,
		"SELECT count() FROM crawl_log WHERE source = 'two' AND outcome = 'fetched'":                1,
		"SELECT count() FROM source_state WHERE source IN ('one', 'two')":                           2,
		"SELECT count() FROM (SELECT name FROM sources WHERE name IN ('one', 'two') GROUP BY name)": 2,
	} {
		if got := countQ(t, st, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// A real SIGHUP to a running `framewatch run`: with the rules directory
// switched (through a symlink, so the file watcher sees nothing) to one
// with a broken pattern, the reload fails, the daemon keeps running with
// the rules in force and logs file:line:col; switched to a good one, the
// next SIGHUP puts it in force. /healthz shows the ruleset in force and
// /metrics counts both reloads.
func TestSIGHUPReloadsRunningDaemon(t *testing.T) {
	dsn := embeddedDSN(t)
	dir := t.TempDir()
	for name, body := range map[string]string{
		"good": "rules:\n  - id: people.zorblat\n    category: people\n    severity: low\n    match: zorblat\n    message: Say who, not what.\n",
		"bad":  "frames:\n  - id: punitive\n    threshold: 1\n    cues:\n      - id: lock_up\n        pattern: \"lock (them|'em up\"\n        weight: 1\n",
	} {
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		os.WriteFile(filepath.Join(dir, name, "mine.yaml"), []byte(body), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	link := filepath.Join(dir, "rules")
	point := func(target string) {
		tmp := link + ".new"
		os.Remove(tmp)
		if err := os.Symlink(filepath.Join(dir, target), tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, link); err != nil {
			t.Fatal(err)
		}
	}
	point("empty")
	addr := freeAddr(t)
	cfg := relConfig(t, dsn, filepath.Join(dir, "spool"), "http://127.0.0.1:1", []string{"idle"},
		fmt.Sprintf("rules_dir: %q\nserve:\n  addr: %q\n", link, addr))
	p := startProcess(t, "run", "--config", cfg)

	health := func() app.Health {
		var h app.Health
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return h
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(&h)
		return h
	}
	waitUntil(t, "the daemon's /healthz", func() bool { return health().Ruleset != "" })
	first := health().Ruleset

	point("bad")
	p.cmd.Process.Signal(syscall.SIGHUP)
	waitUntil(t, "the failed reload", func() bool { return strings.Contains(p.stderr.String(), "reload failed") })
	log := p.stderr.String()
	if !strings.Contains(log, "trigger=SIGHUP") || !strings.Contains(log, "mine.yaml:6:") {
		t.Errorf("failed reload: want trigger=SIGHUP and mine.yaml:6:col in\n%s", log)
	}
	if h := health(); h.Ruleset != first {
		t.Fatalf("after a failed reload the ruleset is %q, want %q in force", h.Ruleset, first)
	}

	point("good")
	p.cmd.Process.Signal(syscall.SIGHUP)
	waitUntil(t, "the reload", func() bool { return health().Ruleset != first && health().Ruleset != "" })
	if !strings.Contains(p.stderr.String(), "rules: reloaded") {
		t.Errorf("no reload logged:\n%s", p.stderr.String())
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`framewatch_rules_reloads_total{result="failed"} 1`, `framewatch_rules_reloads_total{result="ok"} 1`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 30*time.Second); code != 0 {
		t.Errorf("run exited %d after SIGTERM", code)
	}
}
