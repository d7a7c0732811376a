package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/storage"
)

// DigestOptions choose the digest's period and figures.
type DigestOptions struct {
	// Week is an ISO week such as 2026-W47; From and To (YYYY-MM-DD, To
	// inclusive) give a custom period instead. All empty: the last complete
	// week before Now.
	Week, From, To string
	Now            time.Time // zero: time.Now
	IncludeLow     bool      // count low-severity rules in the language figures
	Title          string    // default: the digest's own
}

// Digest builds the framing digest for the chosen period.
func (a *App) Digest(ctx context.Context, opt DigestOptions) (*digest.Digest, error) {
	p, err := a.DigestPeriod(opt)
	if err != nil {
		return nil, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	return digest.Build(ctx, st, p, digest.Options{Advice: a.Advice(), IncludeLow: opt.IncludeLow, Title: opt.Title})
}

// DigestPeriod picks the period from Week or From/To, else the last
// complete week before Now, in the reporting time zone.
func (a *App) DigestPeriod(opt DigestOptions) (report.Period, error) {
	loc, err := a.Location()
	if err != nil {
		return report.Period{}, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	p, err := period(opt.Week, opt.From, opt.To, now, loc)
	return p, usage(err)
}

func period(week, from, to string, now time.Time, loc *time.Location) (report.Period, error) {
	switch {
	case week != "" && (from != "" || to != ""):
		return report.Period{}, errors.New("give --week or --from/--to, not both")
	case week != "":
		return report.ParseWeek(week, loc)
	case from != "" || to != "":
		if from == "" || to == "" {
			return report.Period{}, errors.New("--from and --to go together")
		}
		return report.Days(from, to, loc)
	}
	return report.LastCompleteWeek(now, loc), nil
}

// WeeklyDigest is the daemon's weekly job: the digest of the last complete
// week before now in digest.timezone, written as HTML into digest.dir
// (always, before any email), then mailed when digest.smtp is set with
// a.Mailer's retry policy. It returns the file written; a failed send is
// returned as an error after the file exists. Each week's digest runs once
// per deployment: while another instance runs it, or once it has, the
// call returns a *storage.JobRunningError naming that instance.
func (a *App) WeeklyDigest(ctx context.Context, now time.Time) (string, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return "", err
	}
	loc, err := a.Location()
	if err != nil {
		return "", err
	}
	week := report.LastCompleteWeek(now, loc)
	// Once per deployment and week: another daemon (a second shard 1, a
	// restart) is refused while this one runs and after it has finished.
	finish, err := st.AcquireJobOnce(ctx, weeklyDigestJob(week.Label), JobOwner(), JobLease)
	if err != nil {
		return "", err
	}
	path, err := a.writeWeeklyDigest(ctx, st, week)
	finish(err == nil)
	return path, err
}

func (a *App) writeWeeklyDigest(ctx context.Context, st *storage.Store, week report.Period) (string, error) {
	cfg := a.Config.Digest
	d, err := digest.Build(ctx, st, week, digest.Options{Advice: a.Advice()})
	if err != nil {
		return "", err
	}
	dir := cfg.Dir
	if dir == "" {
		dir = "digests"
	}
	path := filepath.Join(dir, digest.FileName(d, "html"))
	if err := digest.WriteFile(d, "html", path); err != nil {
		return "", err
	}
	a.Log.Info("digest written", "period", d.Period.Label, "path", path, "empty", d.Empty)
	if !digest.Configured(cfg.SMTP) {
		return path, nil
	}
	m := a.Mailer
	m.SMTP = cfg.SMTP
	if m.Log == nil {
		m.Log = a.Log
	}
	// The file exists before any email, so a failed send loses nothing.
	return path, m.Send(ctx, d)
}

// scheduleDigest adds the weekly digest to the daemon on digest.schedule
// (cron, in digest.timezone).
func (a *App) scheduleDigest(s *schedule.Scheduler) error {
	cfg := a.Config
	spec := cfg.Digest.Schedule
	if spec == "" {
		spec = config.Defaults().Digest.Schedule
	}
	if _, err := a.Location(); err != nil {
		return fmt.Errorf("%s: %w", cfg.Path, err)
	}
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "@every") {
		tz := cfg.Digest.Timezone
		if tz == "" {
			tz = "Europe/London"
		}
		spec = "CRON_TZ=" + tz + " " + spec
	}
	if err := s.Add("digest", spec, func(ctx context.Context) {
		path, err := a.WeeklyDigest(ctx, time.Now())
		var running *storage.JobRunningError
		switch {
		case errors.As(err, &running):
			a.Log.Info("weekly digest left to another instance", "reason", err.Error())
		case err != nil:
			a.Log.Error("weekly digest", "path", path, "err", err)
		}
	}); err != nil {
		return fmt.Errorf("%s: digest.schedule %q: %w", cfg.Path, cfg.Digest.Schedule, err)
	}
	return nil
}
