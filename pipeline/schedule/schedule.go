// Package schedule runs framewatch's periodic work on cron specs: each
// source's crawl, and named jobs such as the weekly digest.
package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/framewatch/framewatch/news"
)

// Parser accepts the standard five fields, an optional leading seconds
// field (tests use "*/1 * * * * *"), descriptors such as "@every 30m" and
// "@daily", and a "CRON_TZ=Europe/London " prefix.
var Parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Scheduler runs jobs on their specs. A job never overlaps itself: a run
// that comes due while the previous one is still going is skipped.
type Scheduler struct {
	// Grace bounds how long Run waits for jobs in flight after its context
	// ends; then their context is cancelled too. Zero waits for them to
	// finish however long they take.
	Grace time.Duration

	log    *slog.Logger
	c      *cron.Cron
	mu     sync.Mutex
	jobs   map[string]cron.Job // wrapped: no overlap, panics recovered
	atOnce []string            // jobs to run as soon as Run starts
	wg     sync.WaitGroup      // runs started by Run itself, not by cron
	ctx    context.Context     // jobs' context: lives past Run's ctx until drained
	cancel context.CancelFunc
}

// New makes an empty scheduler. Times are UTC unless a spec says CRON_TZ.
func New(log *slog.Logger) *Scheduler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{
		log:    log,
		c:      cron.New(cron.WithParser(Parser), cron.WithLocation(time.UTC), cron.WithLogger(cronLogger{log})),
		jobs:   map[string]cron.Job{},
		ctx:    ctx,
		cancel: cancel,
	}
}

// Add schedules job under a unique name. The job's context is cancelled
// only when a shutdown outlasts Grace.
func (s *Scheduler) Add(name, spec string, job func(ctx context.Context)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jobs[name] != nil {
		return fmt.Errorf("schedule: job %q added twice", name)
	}
	sched, err := Parser.Parse(spec)
	if err != nil {
		return fmt.Errorf("schedule: job %q: bad cron spec %q: %w", name, spec, err)
	}
	logger := cronLogger{s.log.With("job", name)}
	wrapped := cron.NewChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)).Then(cron.FuncJob(func() {
		start := time.Now()
		s.log.Info("job started", "job", name)
		job(s.ctx)
		s.log.Info("job finished", "job", name, "duration", time.Since(start).Round(time.Millisecond))
	}))
	s.jobs[name] = wrapped
	s.c.Schedule(sched, wrapped)
	return nil
}

// RunAtStart makes Run also start the named job at once, instead of only
// when its spec first comes due. The no-overlap rule still holds.
func (s *Scheduler) RunAtStart(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jobs[name] == nil {
		return fmt.Errorf("schedule: no job %q", name)
	}
	s.atOnce = append(s.atOnce, name)
	return nil
}

// AddSource schedules crawl for src on src.Schedule, as job "source:NAME".
func (s *Scheduler) AddSource(src news.Source, crawl func(ctx context.Context, src news.Source)) error {
	return s.Add(SourceJob(src), src.Schedule, func(ctx context.Context) { crawl(ctx, src) })
}

// SourceJob is the job name AddSource gives src.
func SourceJob(src news.Source) string { return "source:" + src.Name }

// Run starts the jobs and blocks until ctx ends, then stops starting new
// runs and waits for those in flight (see Grace).
func (s *Scheduler) Run(ctx context.Context) {
	s.c.Start()
	s.mu.Lock()
	for _, name := range s.atOnce {
		s.wg.Go(s.jobs[name].Run)
	}
	s.mu.Unlock()
	for _, e := range s.c.Entries() {
		s.log.Debug("scheduled", "next", e.Next)
	}
	<-ctx.Done()
	s.log.Info("stopping scheduler: waiting for jobs in flight")
	stopped := s.c.Stop().Done()
	done := make(chan struct{})
	go func() { <-stopped; s.wg.Wait(); close(done) }()
	if s.Grace > 0 {
		select {
		case <-done:
		case <-time.After(s.Grace):
			s.log.Warn("jobs still running after grace period: cancelling them", "grace", s.Grace)
			s.cancel()
			<-done
		}
	} else {
		<-done
	}
	s.cancel()
}

// cronLogger sends cron's own messages (skips, panics) to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		l.log.Warn("previous run still going: skipping this one")
		return
	}
	l.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
