package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "run", summary: "the daemon: crawl every source on its schedule until stopped", main: cli(spec{name: "run", usage: "Usage: framewatch run [--config F] [--now] [--shard i/n]\n\n" +
		"Runs until SIGINT or SIGTERM: every source is crawled on its own cron schedule\n" +
		"(sources[].schedule), never twice at once, and the weekly digest is written on\n" +
		"digest.schedule; with serve.addr set the web UI is served too. SIGHUP, or a change\n" +
		"in the rules directory, reloads the rules (a reload that fails keeps the rules in\n" +
		"force). On SIGINT or SIGTERM, crawls in flight finish (up to " + app.ShutdownGrace.String() + "), storage is\n" +
		"flushed (or spooled) and the exit code is 0, or 1 if any write could be neither made\n" +
		"nor spooled."}, runDaemon)})
}

type runOptions struct {
	config string
	now    bool
	shard  shardFlag
}

func (o *runOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	fs.BoolVar(&o.now, "now", false, "also crawl every source once at start-up")
	fs.Var(&o.shard, "shard", "crawl only this instance's share of the sources, i/n; only shard 1 sends the weekly digest")
}

func runDaemon(ctx context.Context, o *runOptions, _ []string, s stdio) error {
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	go func() {
		<-ctx.Done()
		signal.Reset(os.Interrupt, syscall.SIGTERM) // a second signal now kills the process
		a.Log.Info("signal received: finishing crawls in flight")
	}()
	if addr := a.Config.Serve.Addr; addr != "" {
		ln, srv, err := listenUI(ctx, a, addr)
		if err != nil {
			return err
		}
		uiDone := make(chan error, 1)
		go func() { uiDone <- srv.Serve(ctx, ln) }()
		defer func() {
			if err := <-uiDone; err != nil {
				a.Log.Error("web UI", "err", err)
			}
		}()
	}
	// SIGHUP reloads the rules instead of killing the daemon.
	hups := make(chan os.Signal, 1)
	signal.Notify(hups, syscall.SIGHUP)
	defer signal.Stop(hups)
	reload := make(chan struct{}, 1)
	go func() {
		for range hups {
			select {
			case reload <- struct{}{}:
			default: // a reload is already pending
			}
		}
	}()
	return a.Run(ctx, app.RunOptions{Now: o.now, Shard: o.shard.Spec, Reload: reload})
}
