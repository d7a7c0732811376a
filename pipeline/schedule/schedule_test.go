package schedule

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
)

func TestSourceFiresOnSpec(t *testing.T) {
	s := New(nil)
	fired := make(chan string, 10)
	src := news.Source{Name: "gazette", Schedule: "*/1 * * * * *"}
	if err := s.AddSource(src, func(ctx context.Context, got news.Source) { fired <- got.Name }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	for i := range 2 {
		select {
		case name := <-fired:
			if name != "gazette" {
				t.Errorf("fired for %q", name)
			}
		case <-time.After(3 * time.Second):
			t.Fatalf("run %d did not fire within 3s on an every-second spec", i+1)
		}
	}
	cancel()
	<-done
}

func TestNoOverlapAndDrain(t *testing.T) {
	s := New(nil)
	var running, peak, starts atomic.Int32
	var finished atomic.Bool
	release := make(chan struct{})
	var once sync.Once
	err := s.Add("slow", "*/1 * * * * *", func(ctx context.Context) {
		n := running.Add(1)
		if n > peak.Load() {
			peak.Store(n)
		}
		starts.Add(1)
		<-release
		finished.Store(true)
		running.Add(-1)
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	// Let the job start, then come due twice more while it is still running.
	deadline := time.Now().Add(3 * time.Second)
	for starts.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(2100 * time.Millisecond)
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while a job was in flight")
	case <-time.After(100 * time.Millisecond):
	}
	once.Do(func() { close(release) })
	<-done
	if !finished.Load() {
		t.Error("job in flight did not finish")
	}
	if peak.Load() != 1 || starts.Load() != 1 {
		t.Errorf("peak concurrent runs = %d, starts = %d; want 1 and 1 (overlapping runs skipped)", peak.Load(), starts.Load())
	}
}

func TestGraceCancelsJobs(t *testing.T) {
	s := New(nil)
	s.Grace = 50 * time.Millisecond
	started := make(chan struct{})
	var cancelled atomic.Bool
	s.Add("stuck", "*/1 * * * * *", func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		cancelled.Store(true)
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	<-started
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after the grace period")
	}
	if !cancelled.Load() {
		t.Error("job context was not cancelled after grace")
	}
}

func TestAddErrors(t *testing.T) {
	s := New(nil)
	tests := []struct{ name, spec, want string }{
		{"a", "every day", `job "a": bad cron spec "every day"`},
		{"b", "61 * * * *", `job "b": bad cron spec`},
		{"c", "@every 30m", ""},
		{"c", "@daily", `job "c" added twice`},
		{"d", "CRON_TZ=Europe/London 0 7 * * 1", ""},
		{"e", "0 6 * * *", ""},
	}
	for _, tt := range tests {
		err := s.Add(tt.name, tt.spec, func(context.Context) {})
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Add(%q, %q) = %v, want %q", tt.name, tt.spec, err, tt.want)
		}
	}
}

func TestRunAtStart(t *testing.T) {
	s := New(nil)
	fired := make(chan struct{}, 1)
	src := news.Source{Name: "weekly", Schedule: "0 6 * * 1"}
	s.AddSource(src, func(context.Context, news.Source) { fired <- struct{}{} })
	if err := s.RunAtStart(SourceJob(src)); err != nil {
		t.Fatal(err)
	}
	if err := s.RunAtStart("nope"); err == nil {
		t.Error("RunAtStart of an unknown job: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	select {
	case <-fired:
	case <-time.After(2 * time.Second):
		t.Error("job did not run at start")
	}
	cancel()
	<-done
}
