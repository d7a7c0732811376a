package main

import (
	"context"
	"flag"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "crawl", summary: "crawl the sources once now and exit", main: cli(spec{name: "crawl", usage: "Usage: framewatch crawl [--config F] [--source NAME]... [--shard i/n]\n\n" +
		"Crawls every configured source once (or only those named), stores new articles and\n" +
		"prints a per-source summary. Exits 0 when the run completed, even if some fetches\n" +
		"failed: the summary and the crawl_log table say which. Writes the store refuses wait in\n" +
		"the spool (spool.dir) and are replayed later; exits 1 if a write could be neither made\n" +
		"nor spooled."}, runCrawl)})
}

type crawlOptions struct {
	config  string
	sources names
	shard   shardFlag
}

func (o *crawlOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	fs.Var(&o.sources, "source", "crawl only this source (repeatable)")
	fs.Var(&o.shard, "shard", "crawl only this instance's share of the sources, i/n (e.g. 1/2)")
}

func runCrawl(ctx context.Context, o *crawlOptions, _ []string, s stdio) error {
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := app.PickSources(a.Config, o.sources); err != nil {
		return err
	}
	sum, err := a.Crawl(ctx, app.CrawlOptions{Sources: o.sources, Shard: o.shard.Spec})
	sum.WriteTable(s.out)
	return err
}
