package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/quality"
)

func init() {
	register(command{name: "eval", summary: "score the rules in force against hand-labelled articles", main: cli(spec{name: "eval", usage: "Usage: framewatch eval --labels DIR [--rules DIR] [--style uk|us] [--format text|json] [--worst N] [--summary] [--calibrate]\n\n" +
		"Tags every labelled article in DIR (one JSON file per article, or one labels.json\n" +
		"array; the shape is in docs/labelling.md) with the rules in force and prints\n" +
		"recall and precision per category and rule, voice accuracy, must-not spans\n" +
		"flagged, per-frame precision/recall/F1 and the worst articles."}, runEval)})
}

type evalOptions struct {
	config, labels, rules, format, style string
	worst                                int
	summary, calibrate                   bool
}

func (o *evalOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "config file (for rules_dir)")
	fs.StringVar(&o.labels, "labels", "", "folder of labelled articles (required)")
	fs.StringVar(&o.rules, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	styleFlag(fs, &o.style)
	fs.IntVar(&o.worst, "worst", 10, "how many of the worst articles to list (0: none, -1: every article with an error)")
	fs.BoolVar(&o.calibrate, "calibrate", false, "also suggest each frame's threshold and min_cues from these labels (tune on a dev half only)")
	fs.BoolVar(&o.summary, "summary", false, "figures only: nothing that quotes an article (for a held-out half)")
}

func runEval(_ context.Context, o *evalOptions, _ []string, s stdio) error {
	if o.labels == "" {
		return usageErr("--labels DIR is required")
	}
	if o.format != "text" && o.format != "json" {
		return usageErr("--format must be text or json, not %q", o.format)
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rules, Style: o.style})
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Eval(app.EvalOptions{Labels: o.labels, Worst: o.worst, Summary: o.summary, Calibrate: o.calibrate})
	var lerrs quality.Errors
	if errors.As(err, &lerrs) {
		for _, e := range lerrs {
			fmt.Fprintln(s.err, e)
		}
		fmt.Fprintf(s.err, "framewatch eval: %d problem(s) in the labels; nothing scored\n", len(lerrs))
		return exitStatus(1)
	}
	if err != nil {
		return err
	}
	out := bufio.NewWriter(s.out)
	if o.format == "json" {
		err = rep.WriteJSON(out)
	} else {
		err = rep.WriteText(out)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}
