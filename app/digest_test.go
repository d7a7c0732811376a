package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/reporttest"
	"github.com/framewatch/framewatch/storage"
)

// `framewatch run` gets the digest job on digest.schedule, in
// digest.timezone; a bad schedule or zone is a config error.
func TestScheduleDigest(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, c := range []struct {
		schedule, tz string
		wantErr      string
	}{
		{"", "", ""},
		{"0 7 * * 1", "Europe/London", ""},
		{"CRON_TZ=UTC 30 6 * * *", "", ""},
		{"every monday", "", "digest.schedule"},
		{"0 7 * * 1", "Mars/Olympus", "digest.timezone"},
	} {
		cfg := testConfig(t)
		cfg.Path = "fw.yaml"
		cfg.Digest.Schedule, cfg.Digest.Timezone = c.schedule, c.tz
		s := schedule.New(log)
		err := New(&cfg, Options{Log: log}).scheduleDigest(s)
		if (err == nil) != (c.wantErr == "") || err != nil && !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("schedule %q tz %q: err %v, want %q", c.schedule, c.tz, err, c.wantErr)
		}
		if c.wantErr == "" {
			if err := s.RunAtStart("digest"); err != nil {
				t.Errorf("schedule %q: no digest job: %v", c.schedule, err)
			}
		}
	}
}

// The weekly job writes the last complete week's digest before mailing it,
// so a send that fails every attempt still leaves the file.
func TestWeeklyDigestWritesBeforeMailing(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a port that refuses: listen, then close
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cfg := testConfig(t)
	cfg.Digest.Dir = t.TempDir()
	cfg.Digest.SMTP = config.SMTP{Host: "127.0.0.1", Port: port, From: "fw <d@example.org>", To: []string{"c@example.org"}}
	a := New(&cfg, Options{Store: st, Log: slog.New(slog.DiscardHandler)})
	a.Mailer = digest.Mailer{Attempts: 2, Backoff: time.Millisecond, Timeout: 5 * time.Second}
	now := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC) // Monday 07:00, the default schedule
	path, err := a.WeeklyDigest(context.Background(), now)
	if err == nil || !strings.Contains(err.Error(), "2 attempts failed") {
		t.Errorf("err = %v, want both attempts failed", err)
	}
	if filepath.Base(path) != "digest-2026-W47.html" {
		t.Errorf("wrote %s, want digest-2026-W47.html (last complete week)", path)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("digest file: %v", err)
	}
}

// Two daemons both scheduling the weekly digest (a second shard 1, or a
// restart on Monday morning) write and mail it once.
func TestWeeklyDigestRunsOncePerWeek(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	cfg := testConfig(t)
	cfg.Digest.Dir = t.TempDir()
	a := New(&cfg, Options{Store: st, Log: slog.New(slog.DiscardHandler)})
	now := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	if _, err := a.WeeklyDigest(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(cfg.Digest.Dir)
	_, err := a.WeeklyDigest(context.Background(), now.Add(time.Minute))
	var running *storage.JobRunningError
	if !errors.As(err, &running) || !strings.Contains(err.Error(), "weekly digest 2026-W47 already ran on host ") {
		t.Fatalf("second weekly digest of the week: %v, want refused as already run", err)
	}
	if _, err := os.Stat(cfg.Digest.Dir); !os.IsNotExist(err) {
		t.Errorf("the refused run wrote into %s", cfg.Digest.Dir)
	}
	// The next week is a new job.
	if _, err := a.WeeklyDigest(context.Background(), now.AddDate(0, 0, 7)); err != nil {
		t.Fatalf("next week: %v", err)
	}
}
