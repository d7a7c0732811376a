package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/storage/chsql"
)

func init() {
	register(command{name: "retag", summary: "re-apply the current rules to stored articles", main: cli(spec{name: "retag", args: true, usage: "Usage: framewatch retag [--config F] [--rules DIR] [--since DATE]\n\n" +
		"Re-applies the rules in force to stored articles, replacing their earlier matches,\n" +
		"frames and entities. Streams the store in batches, so memory stays bounded.\n"}, runRetag)})
}

type retagOptions struct {
	config   string
	rulesDir string
	style    string
	since    string
	batch    int
}

func (o *retagOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	styleFlag(fs, &o.style)
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.since, "since", "", "only articles published on or after this date (YYYY-MM-DD or RFC 3339)")
	fs.IntVar(&o.batch, "batch", 500, "articles per batch")
}

func runRetag(ctx context.Context, o *retagOptions, _ []string, s stdio) error {
	var from time.Time
	if o.since != "" {
		t, err := chsql.ParseTime(o.since)
		if err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		from = t
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir, Style: o.style})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.Tagger(true); err != nil {
		return err
	}
	var bar *progress
	res, err := a.Retag(ctx, app.RetagOptions{Since: from, Batch: o.batch,
		Started:  func(total int) { bar = newProgress(os.Stderr, "retag", total) },
		Progress: func(n int) { bar.Add(n) },
	})
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "retagged %d articles with ruleset %s\n", res.Done, res.Ruleset)
	return nil
}
