package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/crawl"
	"github.com/framewatch/framewatch/pipeline/shard"
	"github.com/framewatch/framewatch/storage"
)

// CrawlOptions select what Crawl crawls.
type CrawlOptions struct {
	// Sources names the sources to crawl, in any order; none means all.
	Sources []string
	// Shard is this instance's share of the sources (--shard i/n); the
	// zero value is every source.
	Shard shard.Spec
}

// Crawl crawls the chosen sources once, stores what is new and returns the
// per-source summary (also when the run was cut short: err says why).
func (a *App) Crawl(ctx context.Context, opt CrawlOptions) (crawl.Summary, error) {
	srcs, err := PickSources(a.Config, opt.Sources)
	if err != nil {
		return crawl.Summary{}, err
	}
	srcs = shard.Filter(opt.Shard, srcs, func(s news.Source) string { return s.Name })
	c, err := a.Crawler(ctx)
	if err != nil {
		return crawl.Summary{}, err
	}
	sum, err := c.Run(ctx, srcs)
	// One-off crawls do not wait for a backoff (someone asked for them),
	// but they do tell the daemon how the sources did.
	a.sources(ctx, c.Store).record(ctx, c.Store, sum, a)
	a.metrics.observeCrawl(sum)
	if ferr := a.finishWrites(c.Store, sum.Lost()); ferr != nil && err == nil {
		err = ferr
	}
	return sum, err
}

// Crawler opens the store, records the configured sources there and wires
// a crawler to it with the fetcher, tagger and relevance filter.
func (a *App) Crawler(ctx context.Context) (*crawl.Crawler, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.durable(ctx, st); err != nil {
		return nil, err
	}
	if err := st.SaveSources(ctx, a.Config.Sources); err != nil && !errors.Is(err, storage.ErrSpooled) {
		a.Log.Warn("cannot record sources", "err", err)
	}
	eng, err := a.Tagger(true)
	if err != nil {
		return nil, err
	}
	a.live.CompareAndSwap(nil, eng)
	relevant, err := a.Relevance()
	if err != nil {
		return nil, err
	}
	return &crawl.Crawler{
		Fetch:       a.Fetcher(),
		Store:       st,
		Log:         a.Log,
		StoryWindow: a.Config.Crawl.StoryWindow,
		Tag:         a.liveTag,
		Relevant:    relevant,
		OnEvents:    a.metrics.observeEvents,
	}, nil
}

// PickSources returns the sources named in only, in config order, or all
// of them when none is named.
func PickSources(cfg *config.Config, only []string) ([]news.Source, error) {
	if len(cfg.Sources) == 0 {
		return nil, fmt.Errorf("%s: no sources configured", cfg.Path)
	}
	if len(only) == 0 {
		return cfg.Sources, nil
	}
	want := map[string]bool{}
	for _, n := range only {
		want[n] = true
	}
	var out []news.Source
	for _, s := range cfg.Sources {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	if len(want) > 0 {
		var unknown, known []string
		for _, n := range only {
			if want[n] {
				unknown = append(unknown, n)
			}
		}
		for _, s := range cfg.Sources {
			known = append(known, s.Name)
		}
		return nil, fmt.Errorf("unknown source %s (configured: %s)", strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	return out, nil
}
