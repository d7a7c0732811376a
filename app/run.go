package app

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/pipeline/shard"
)

// ShutdownGrace is how long in-flight crawls may take to finish after the
// daemon's context ends before they are cancelled.
const ShutdownGrace = 2 * time.Minute

// DaemonJob adds work to the daemon beyond the crawls and the weekly
// digest: it calls s.Add(name, spec, job) for what it wants scheduled.
type DaemonJob func(a *App, s *schedule.Scheduler) error

// RunOptions tune the daemon.
type RunOptions struct {
	// Now also crawls every source once at start-up.
	Now bool
	// Jobs are extra scheduled jobs.
	Jobs []DaemonJob
	// Shard is this daemon's share of the sources (--shard i/n). Only
	// shard 1 runs the jobs that must run once per deployment (the weekly
	// digest); the zero value is a lone daemon that runs everything.
	Shard shard.Spec
	// Reload delivers a request to reload the rules (the CLI sends one on
	// SIGHUP); the rules directory is also watched for changes.
	Reload <-chan struct{}
}

// Run is the daemon: every source is crawled on its own cron schedule and
// the weekly digest is written (and mailed) on digest.schedule, until ctx
// ends; then crawls in flight get ShutdownGrace to finish.
func (a *App) Run(ctx context.Context, opt RunOptions) error {
	cfg := a.Config
	if len(cfg.Sources) == 0 {
		return fmt.Errorf("%s: no sources configured", cfg.Path)
	}
	c, err := a.Crawler(ctx)
	if err != nil {
		return err
	}
	log := a.Log
	var lost atomic.Bool
	s := schedule.New(log)
	s.Grace = ShutdownGrace
	book := a.sources(ctx, c.Store)
	crawlOne := func(ctx context.Context, src news.Source) {
		if ok, st := book.due(src.Name); !ok {
			log.Info("source backing off: run skipped", "source", src.Name, "failures", st.Failures,
				"next_attempt", st.NextAttempt.Format(time.RFC3339), "err", st.LastError)
			return
		}
		sum, err := c.Run(ctx, []news.Source{src})
		book.record(ctx, c.Store, sum, a)
		a.metrics.observeCrawl(sum)
		if err != nil {
			log.Warn("crawl cut short", "source", src.Name, "err", err)
		}
		t := sum.Total()
		if sum.Lost() {
			lost.Store(true)
		}
		log.Info("crawl done", "source", src.Name, "stored", t.Stored, "failed", t.Failed, "spooled", t.Spooled,
			"unsaved", t.Unsaved, "duration", sum.Duration.Round(time.Millisecond))
	}
	mine := shard.Filter(opt.Shard, cfg.Sources, func(s news.Source) string { return s.Name })
	for _, src := range mine {
		if err := s.AddSource(src, crawlOne); err != nil {
			return fmt.Errorf("%s: source %s: %w", cfg.Path, src.Name, err)
		}
	}
	jobs := opt.Jobs
	if opt.Shard.RunsClusterJobs() {
		jobs = append([]DaemonJob{(*App).scheduleDigest}, jobs...)
	}
	for _, add := range jobs {
		if err := add(a, s); err != nil {
			return err
		}
	}
	if opt.Now {
		for _, src := range mine {
			if err := s.RunAtStart(schedule.SourceJob(src)); err != nil {
				return err
			}
		}
	}
	st, _ := a.Store(ctx)
	log.Info("framewatch running", "sources", len(mine), "of", len(cfg.Sources), "shard", opt.Shard.String(), "store", st.DSN())
	go a.drainLoop(ctx, c.Store, SpoolCheck)
	go a.reloadLoop(ctx, opt.Reload)
	s.Run(ctx)
	log.Info("framewatch stopped")
	return a.finishWrites(c.Store, lost.Load())
}
