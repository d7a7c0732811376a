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
		"digest.schedule; with serve.addr set the web UI is served too. On a signal, crawls\n" +
		"in flight finish (up to " + app.ShutdownGrace.String() + "), storage is flushed (or spooled) and the exit\n" +
		"code is 0, or 1 if any write could be neither made nor spooled."}, runDaemon)})
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
	return a.Run(ctx, app.RunOptions{Now: o.now, Shard: o.shard.Spec})
}
