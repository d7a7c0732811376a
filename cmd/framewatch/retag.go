package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/chsql"
)

func init() {
	register(command{name: "retag", summary: "re-apply the current rules to stored articles", run: runRetag})
}

func runRetag(args []string) int {
	fs := flag.NewFlagSet("retag", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch retag [--config F] [--rules DIR] [--since DATE]\n\n"+
			"Re-applies the rules in force to stored articles, replacing their earlier matches,\n"+
			"frames and entities. Streams the store in batches, so memory stays bounded.")
		fmt.Fprintln(fs.Output())
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	rulesDir := fs.String("rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	since := fs.String("since", "", "only articles published on or after this date (YYYY-MM-DD or RFC 3339)")
	batch := fs.Int("batch", 500, "articles per batch")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	var from time.Time
	if *since != "" {
		t, err := chsql.ParseTime(*since)
		if err != nil {
			return fail(fmt.Errorf("--since: %w", err))
		}
		from = t
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	eng, err := newTagger(cfg, *rulesDir)
	if err != nil {
		return fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	total, err := st.CountArticles(ctx, from)
	if err != nil {
		return fail(err)
	}
	bar := newProgress(os.Stderr, "retag", total)
	done := 0
	err = st.ScanArticles(ctx, from, *batch, func(arts []news.Article) error {
		tagged := tagAll(arts, eng.Tag)
		if err := st.SaveTagging(ctx, tagged); err != nil {
			return err
		}
		done += len(arts)
		bar.Add(len(arts))
		return nil
	})
	bar.Finish()
	if err != nil {
		return fail(fmt.Errorf("retag stopped after %d of %d articles (their new tags are stored; run again to finish): %w", done, total, err))
	}
	fmt.Printf("retagged %d articles with ruleset %s\n", done, eng.Ruleset())
	return 0
}

// tagAll tags a batch on every core; each article's tagging is independent.
func tagAll(arts []news.Article, tag func(news.Article) news.Tagging) []news.TaggedArticle {
	out := make([]news.TaggedArticle, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = news.TaggedArticle{Article: arts[i], Tagging: tag(arts[i])}
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
