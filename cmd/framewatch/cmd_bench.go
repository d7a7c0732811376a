package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "bench", summary: "time ingest, tagging, retag, the digest, examples and trend queries over a synthetic archive", main: cli(spec{name: "bench", usage: `Usage: framewatch bench [--articles N] [--store DSN] [--reuse] [--no-retag] [--repeat R] [--format table|json]

Fills a store with N synthetic articles (package synth: a year of UK
criminal-justice news over nine outlets, syndicated copies, quotes), tagging
them with the rules in force as a crawl does, then times what users run over
them: ingest, tagging, a retag of the whole archive, the weekly digest,
examples --limit 50, frame_share for one week and a year of weekly
journalist-voice term counts. Reads run --repeat times; the median is shown.
Each step also reports the process's peak RSS during it (embedded engine
included).

--store is the store to fill: chdb://PATH (embedded) or clickhouse://...
(a server); it must be empty, or give --reuse to time the reads and retag
over a corpus an earlier run stored there. Without --store a new embedded
store in a temporary directory is used and deleted afterwards.
docs/benchmarks.md reports the figures at 100K and 1M articles.

Flags:`}, runBench)})
}

type benchOptions struct {
	config   string
	rulesDir string
	store    string
	format   string
	app.BenchOptions
}

func (o *benchOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "config file (rules and time zone; storage.dsn is not used: see --store)")
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.store, "store", "", "store to fill: chdb://PATH or clickhouse://user:pass@host:9000/db (default: a temporary embedded store, deleted afterwards)")
	fs.IntVar(&o.Articles, "articles", 10000, "synthetic articles to store")
	fs.Uint64Var(&o.Seed, "seed", 1, "corpus seed (the same seed gives the same corpus)")
	fs.IntVar(&o.Repeat, "repeat", 3, "runs of each read (the median is shown)")
	fs.IntVar(&o.Batch, "batch", app.DefaultRetagBatch, "articles per tag-and-save batch and per retag batch")
	fs.BoolVar(&o.Reuse, "reuse", false, "time the reads and retag over the articles already in --store instead of storing a corpus")
	fs.BoolVar(&o.NoRetag, "no-retag", false, "skip the retag")
	fs.StringVar(&o.format, "format", "table", "output format: table or json")
}

func runBench(ctx context.Context, o *benchOptions, _ []string, s stdio) error {
	if o.format != "table" && o.format != "json" {
		return usageErr("unknown --format %q (want table or json)", o.format)
	}
	if o.Articles <= 0 {
		return usageErr("--articles %d: want a positive number", o.Articles)
	}
	dsn := o.store
	if dsn == "" {
		if o.Reuse {
			return usageErr("--reuse needs --store")
		}
		dir, err := os.MkdirTemp("", "framewatch-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = "chdb://" + dir
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir, DSN: dsn})
	if err != nil {
		return err
	}
	defer a.Close()
	var bar *progress
	opt := o.BenchOptions
	opt.Step = func(name string, total int) {
		if bar != nil {
			bar.Finish()
			bar = nil
		}
		if total > 0 {
			bar = newProgress(os.Stderr, name, total)
		}
	}
	opt.Progress = func(n int) {
		if bar != nil {
			bar.Add(n)
		}
	}
	res, err := a.Bench(ctx, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	if o.format == "json" {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printBench(s.out, res)
	return nil
}

// printBench is the benchmark's table.
func printBench(w io.Writer, res app.BenchResult) {
	fmt.Fprintf(w, "framewatch bench: %d articles in %s (%s), seed %d, %d cores, digest week %s\n\n",
		res.Articles, res.Store, res.Backend, res.Seed, res.Cores, res.Week)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "step\truns\tseconds\tarticles/s\trows\tpeak RSS MB\twhat a user runs")
	for _, st := range res.Steps {
		rate := ""
		if st.PerSecond > 0 {
			rate = fmt.Sprintf("%.0f", st.PerSecond)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%s\t%d\t%.0f\t%s\n", st.Step, st.Runs, st.Seconds, rate, st.Rows, st.PeakRSSMB, st.Command)
	}
	tw.Flush()
}
