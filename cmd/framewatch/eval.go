package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/quality"
)

func init() {
	register(command{name: "eval", summary: "score the rules in force against hand-labelled articles", run: runEval})
}

type evalOptions struct {
	config, labels, rules, format string
	worst                         int
	summary                       bool
}

func runEval(args []string) int {
	var o evalOptions
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch eval --labels DIR [--rules DIR] [--format text|json] [--worst N] [--summary]\n\n"+
			"Tags every labelled article in DIR (one JSON file per article, or one labels.json\n"+
			"array; the shape is in docs/labelling.md) with the rules in force and prints\n"+
			"recall and precision per category and rule, voice accuracy, must-not spans\n"+
			"flagged, per-frame precision/recall/F1 and the worst articles.")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.config, "config", config.DefaultPath, "config file (for rules_dir)")
	fs.StringVar(&o.labels, "labels", "", "folder of labelled articles (required)")
	fs.StringVar(&o.rules, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	fs.IntVar(&o.worst, "worst", 10, "how many of the worst articles to list (0: none, -1: every article with an error)")
	fs.BoolVar(&o.summary, "summary", false, "figures only: nothing that quotes an article (for a held-out half)")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	if o.labels == "" {
		fmt.Fprintln(os.Stderr, "framewatch eval: --labels DIR is required")
		return 2
	}
	if o.format != "text" && o.format != "json" {
		fmt.Fprintf(os.Stderr, "framewatch eval: --format must be text or json, not %q\n", o.format)
		return 2
	}
	rep, err := evaluate(o)
	var lerrs quality.Errors
	if errors.As(err, &lerrs) {
		for _, e := range lerrs {
			fmt.Fprintln(os.Stderr, e)
		}
		fmt.Fprintf(os.Stderr, "framewatch eval: %d problem(s) in the labels; nothing scored\n", len(lerrs))
		return 1
	}
	if err != nil {
		return fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	if o.format == "json" {
		err = rep.WriteJSON(out)
	} else {
		err = rep.WriteText(out)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

// evaluate loads the labels and the rules in force and scores one with the other.
func evaluate(o evalOptions) (*quality.Report, error) {
	arts, err := quality.Load(o.labels)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(o.config)
	if err != nil {
		return nil, err
	}
	eng, err := newTaggerOpts(cfg, o.rules, tag.Options{})
	if err != nil {
		return nil, err
	}
	return quality.Score(eng, arts, quality.Options{Worst: o.worst, Summary: o.summary}), nil
}
