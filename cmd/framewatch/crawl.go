package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/crawl"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/pipeline/relevance"
	"github.com/framewatch/framewatch/storage"
)

func init() {
	register(command{name: "crawl", summary: "crawl the sources once now and exit", run: runCrawl})
}

// names is a repeatable string flag.
type names []string

func (n *names) String() string     { return strings.Join(*n, ",") }
func (n *names) Set(v string) error { *n = append(*n, v); return nil }

func runCrawl(args []string) int {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch crawl [--config F] [--source NAME]...\n\n"+
			"Crawls every configured source once (or only those named), stores new articles and\n"+
			"prints a per-source summary. Exits 0 when the run completed, even if some fetches\n"+
			"failed: the summary and the crawl_log table say which.")
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	var only names
	fs.Var(&only, "source", "crawl only this source (repeatable)")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	srcs, err := pickSources(cfg, only)
	if err != nil {
		return fail(err)
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, c, err := openCrawler(ctx, cfg, log)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	sum, err := c.Run(ctx, srcs)
	sum.WriteTable(os.Stdout)
	if err != nil {
		return fail(err)
	}
	return 0
}

// pickSources returns the sources named by --source, in config order, or
// all of them when none is named.
func pickSources(cfg *config.Config, only []string) ([]news.Source, error) {
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

// newFetcher builds the one HTTP client from the crawl: section.
func newFetcher(cfg *config.Config, log *slog.Logger) *fetch.Client {
	cc := cfg.Crawl
	if cc.MaxRedirects == 0 {
		cc.MaxRedirects = -1 // crawl.max_redirects: 0 means follow none
	}
	return fetch.New(fetch.Options{
		UserAgent:            cc.UserAgent,
		Timeout:              cc.Timeout,
		MaxBody:              cc.MaxBody,
		MaxRedirects:         cc.MaxRedirects,
		AllowPrivateNetworks: cc.AllowPrivateNetworks,
		Delay:                cc.Delay,
		Parallelism:          cc.Parallelism,
		Retries:              cc.Retries,
		Logger:               log,
	})
}

// openCrawler opens the store, records the configured sources and wires a
// crawler to it: the common start of crawl, run and demo.
func openCrawler(ctx context.Context, cfg *config.Config, log *slog.Logger) (*storage.Store, *crawl.Crawler, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	if err := st.SaveSources(ctx, cfg.Sources); err != nil {
		log.Warn("cannot record sources", "err", err)
	}
	c, err := newCrawler(cfg, st, log)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, c, nil
}

// newCrawler wires the crawler: fetcher, store, tagger and relevance filter.
// `framewatch run` and `framewatch demo` use it too.
func newCrawler(cfg *config.Config, st *storage.Store, log *slog.Logger) (*crawl.Crawler, error) {
	c := &crawl.Crawler{
		Fetch:       newFetcher(cfg, log),
		Store:       st,
		Log:         log,
		StoryWindow: cfg.Crawl.StoryWindow,
	}
	eng, err := newTagger(cfg, cfg.RulesDir)
	if err != nil {
		return nil, err
	}
	c.Tag = eng.Tag
	if c.Relevant, err = newRelevance(cfg, log); err != nil {
		return nil, err
	}
	return c, nil
}

// newRelevance loads the justice-relevance filter used for `topic: all`
// sources: the rule file shipped in the binary (rules/relevance.yaml). A
// dropped item is logged with its score and cues, so the vocabulary and
// thresholds can be tuned from the logs.
func newRelevance(cfg *config.Config, log *slog.Logger) (func(news.Article) bool, error) {
	f, err := relevance.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the relevance filter: %w", err)
	}
	return func(a news.Article) bool {
		v := f.JudgeArticle(a)
		if !v.Keep {
			log.Info("off-topic item dropped", "url", a.URL, "score", v.Score, "cues", v.Cues, "reason", v.Reason)
		}
		return v.Keep
	}, nil
}
