package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/chtest"
)

// fakeClock is the backoff's clock, moved by the test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Under the running daemon (a source scheduled every second) with the
// backoff on a fake clock: the first failure backs off for 30–60 s of
// fake time, so the ticks in between are skipped (logged, no request);
// once the clock passes the wait the next tick crawls, fails again and
// waits 1–2 min; a tick just short of that is skipped too; after a
// success every tick crawls again. The state is in source_state.
func TestDaemonBackoffSkipsTicks(t *testing.T) {
	dsn := chtest.Server(t)
	var failing atomic.Bool
	failing.Store(true)
	var feeds atomic.Int64
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		feeds.Add(1)
		if failing.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x/</link></channel></rss>`))
	}))
	defer site.Close()
	cfg := testConfig(t)
	cfg.Path = "(test)"
	cfg.Storage.DSN = dsn
	cfg.Spool.Dir = t.TempDir()
	cfg.Crawl.AllowPrivateNetworks, cfg.Crawl.Delay, cfg.Crawl.Retries = true, 0, 0
	cfg.Crawl.BackoffBase, cfg.Crawl.BackoffMax = time.Minute, 10*time.Minute
	cfg.Sources = []news.Source{{Name: "flaky", Outlet: "F", Kind: "rss", URL: site.URL + "/feed.xml", Schedule: "@every 1s", Topic: "justice"}}
	logs := &syncBuffer{}
	a := New(&cfg, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	defer a.Close()
	clock := &fakeClock{t: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	a.now = clock.now

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, RunOptions{}) }()
	defer func() {
		cancel()
		<-done
	}()
	skipped := func() int { return strings.Count(logs.String(), "source backing off: run skipped") }
	state := func() news.SourceState {
		for _, s := range a.SourceStates() {
			if s.Source == "flaky" {
				return s
			}
		}
		return news.SourceState{}
	}

	waitFor(t, "the first crawl", func() bool { return state().Failures == 1 })
	t0 := clock.now()
	if w := state().NextAttempt.Sub(t0); w < 30*time.Second || w >= time.Minute {
		t.Fatalf("first wait %v, want [30s, 1m)", w)
	}
	// Real ticks go by; the fake clock does not: every one is skipped.
	s0 := skipped()
	waitFor(t, "three skipped ticks", func() bool { return skipped() >= s0+3 })
	if n := feeds.Load(); n != 1 {
		t.Fatalf("%d feed requests while backing off, want 1", n)
	}
	clock.add(time.Minute) // past the first wait
	waitFor(t, "the second crawl", func() bool { return state().Failures == 2 })
	t1 := clock.now()
	next := state().NextAttempt
	if w := next.Sub(t1); w < time.Minute || w >= 2*time.Minute {
		t.Fatalf("second wait %v, want [1m, 2m)", w)
	}
	clock.add(next.Sub(t1) - time.Second) // one second short
	s1 := skipped()
	waitFor(t, "two more skipped ticks", func() bool { return skipped() >= s1+2 })
	if n := feeds.Load(); n != 2 {
		t.Fatalf("%d feed requests, want 2", n)
	}
	failing.Store(false)
	clock.add(time.Second)
	waitFor(t, "the successful crawl", func() bool { return state().Failures == 0 && !state().LastSuccess.IsZero() })
	n := feeds.Load()
	waitFor(t, "crawls on every tick again", func() bool { return feeds.Load() >= n+2 })

	st, err := a.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.SourceStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := stored["flaky"]; s.Failures != 0 || s.LastSuccess.IsZero() || s.LastError != "" {
		t.Errorf("stored state %+v", s)
	}
}
