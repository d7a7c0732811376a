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
		"(sources[].schedule), never twice at once. On a signal, crawls in flight finish\n" +
		"(up to " + app.ShutdownGrace.String() + "), storage is flushed (or spooled) and the exit code is 0,\n" +
		"or 1 if any write could be neither made nor spooled."}, runDaemon)})
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
	return a.Run(ctx, app.RunOptions{Now: o.now, Shard: o.shard.Spec})
}
