package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/storage"
)

func init() {
	register(command{name: "run", summary: "the daemon: crawl every source on its schedule until stopped", run: runDaemon})
}

// daemonJob adds work to `framewatch run` beyond the crawls, e.g. the
// weekly digest. Other commands' files append to daemonJobs from init;
// each calls s.Add(name, spec, job) for what it wants scheduled.
type daemonJob func(cfg *config.Config, st *storage.Store, log *slog.Logger, s *schedule.Scheduler) error

var daemonJobs []daemonJob

// shutdownGrace is how long in-flight crawls may take to finish after
// SIGINT/SIGTERM before they are cancelled; a second signal kills at once.
const shutdownGrace = 2 * time.Minute

func runDaemon(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch run [--config F] [--now]\n\n"+
			"Runs until SIGINT or SIGTERM: every source is crawled on its own cron schedule\n"+
			"(sources[].schedule), never twice at once. On a signal, crawls in flight finish\n"+
			"(up to "+shutdownGrace.String()+"), storage is flushed and the exit code is 0.")
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	now := fs.Bool("now", false, "also crawl every source once at start-up")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	if len(cfg.Sources) == 0 {
		return fail(fmt.Errorf("%s: no sources configured", cfg.Path))
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, c, err := openCrawler(ctx, cfg, log)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	s := schedule.New(log)
	s.Grace = shutdownGrace
	crawlOne := func(ctx context.Context, src news.Source) {
		sum, err := c.Run(ctx, []news.Source{src})
		if err != nil {
			log.Warn("crawl cut short", "source", src.Name, "err", err)
		}
		t := sum.Total()
		log.Info("crawl done", "source", src.Name, "stored", t.Stored, "failed", t.Failed, "duration", sum.Duration.Round(time.Millisecond))
	}
	for _, src := range cfg.Sources {
		if err := s.AddSource(src, crawlOne); err != nil {
			return fail(fmt.Errorf("%s: source %s: %w", cfg.Path, src.Name, err))
		}
	}
	for _, add := range daemonJobs {
		if err := add(cfg, st, log, s); err != nil {
			return fail(err)
		}
	}
	if *now {
		for _, src := range cfg.Sources {
			if err := s.RunAtStart(schedule.SourceJob(src)); err != nil {
				return fail(err)
			}
		}
	}
	log.Info("framewatch running", "sources", len(cfg.Sources), "store", st.DSN())
	go func() {
		<-ctx.Done()
		stop() // a second signal now kills the process
		log.Info("signal received: finishing crawls in flight")
	}()
	s.Run(ctx)
	log.Info("framewatch stopped")
	return 0
}
