package app

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/schedule"
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
		cfg := config.Defaults()
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
