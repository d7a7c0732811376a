package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"text/tabwriter"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/storage/chsql"
)

func init() {
	register(command{name: "retag", summary: "re-apply the current rules to stored articles", main: cli(spec{name: "retag", args: true, usage: "Usage: framewatch retag [--config F] [--rules DIR] [--since DATE] [--preview]\n\n" +
		"Re-applies the rules in force to stored articles, replacing their earlier matches\n" +
		"and frames (entities are kept: they do not depend on the rules). Streams the store\n" +
		"in batches, so memory stays bounded. Every figure stays on the old rules until all\n" +
		"articles in scope are retagged, then switches at once; an interrupted retag is\n" +
		"continued by running the same command again. --preview shows how each rule's and\n" +
		"frame's counts would change, writing nothing.\n"}, runRetag)})
}

type retagOptions struct {
	config   string
	rulesDir string
	style    string
	since    string
	batch    int
	preview  bool
}

func (o *retagOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	styleFlag(fs, &o.style)
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.since, "since", "", "only articles published on or after this date (YYYY-MM-DD or RFC 3339)")
	fs.IntVar(&o.batch, "batch", app.DefaultRetagBatch, "articles read, tagged and written at a time")
	fs.BoolVar(&o.preview, "preview", false, "show how each rule's and frame's counts would change; write nothing")
}

// retagGoMemory is the Go heap's soft limit during a retag unless GOMEMLIMIT
// says otherwise. A retag keeps ≈ 150–200 MB live (the tagger's tables and
// three batches in flight); left to GOGC the heap doubles that before
// collecting, which with the embedded engine beside it took a 1M-article
// retag to 1.13 GiB of RSS. At 256 MiB the same retag peaked at 0.95 GiB for
// ≈ 13 % of its CPU spent collecting; lower, the collector runs back to back.
const retagGoMemory = 256 << 20

// limitGoMemory sets the Go heap's soft limit, unless the user set one with
// GOMEMLIMIT, and returns what puts the previous limit back.
func limitGoMemory(limit int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

func runRetag(ctx context.Context, o *retagOptions, _ []string, s stdio) error {
	defer limitGoMemory(retagGoMemory)()
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
	if _, err := a.Tagger(false); err != nil {
		return err
	}
	var bar *progress
	opt := app.RetagOptions{Since: from, Batch: o.batch,
		Started:  func(total int) { bar = newProgress(os.Stderr, "retag", total) },
		Progress: func(n int) { bar.Add(n) },
	}
	if o.preview {
		res, err := a.RetagPreview(ctx, opt)
		if bar != nil {
			bar.Finish()
		}
		if err != nil {
			return err
		}
		printPreview(s.out, res)
		return nil
	}
	res, err := a.Retag(ctx, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	how := "retagged"
	if res.Resumed {
		how = "finished an interrupted retag:"
	}
	fmt.Fprintf(s.out, "%s %d articles with ruleset %s (generation %d, now in force)\n", how, res.Done, res.Ruleset, res.Generation)
	return nil
}

// printPreview is the rule author's "what would this do?" table.
func printPreview(w io.Writer, res app.PreviewResult) {
	fmt.Fprintf(w, "preview of ruleset %s over %d articles (nothing written)\n\n", res.Ruleset, res.Articles)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tid\tarticles now\tarticles new\tchange\tuses now\tuses new\tchange\t")
	changed := 0
	for _, r := range res.Rows {
		if r.ArticlesBefore == r.ArticlesAfter && r.UsesBefore == r.UsesAfter {
			continue
		}
		changed++
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%+d\t%d\t%d\t%+d\t\n", r.Kind, r.ID, r.ArticlesBefore, r.ArticlesAfter,
			r.ArticlesAfter-r.ArticlesBefore, r.UsesBefore, r.UsesAfter, r.UsesAfter-r.UsesBefore)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d rules and frames would change\n", changed, len(res.Rows))
}
