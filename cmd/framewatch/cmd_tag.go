package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"slices"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "tag", summary: "tag text or HTML documents and print the matches", main: cli(spec{name: "tag", args: true, usage: "Usage: framewatch tag [--rules DIR] [--format text|json|jsonl] FILE|URL|- ...\n\n" +
		"Tags documents with the rules in force and prints every match with its context.\n" +
		"HTML files and URLs go through the same extraction as crawled pages; other files\n" +
		"are tagged as plain text (paragraphs separated by a blank line). \"-\" reads stdin."}, runTag)})
}

type tagOptions struct {
	config   string
	rulesDir string
	style    string
	format   string
	entities bool
}

func (o *tagOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "config file (for rules_dir and crawl settings)")
	styleFlag(fs, &o.style)
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.StringVar(&o.format, "format", "text", "output format: text, json or jsonl")
	fs.BoolVar(&o.entities, "entities", false, "also find people, places and organisations (slower)")
}

func runTag(ctx context.Context, o *tagOptions, args []string, s stdio) error {
	if !slices.Contains(app.TagFormats, o.format) {
		return usageErr("--format must be text, json or jsonl, not %q", o.format)
	}
	if len(args) == 0 {
		return errShowUsage
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir, Style: o.style})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.Tagger(o.entities); err != nil {
		return err
	}
	out := bufio.NewWriter(s.out)
	defer out.Flush()
	var status error
	for _, in := range args {
		r, err := a.Tag(ctx, in, app.TagOptions{Entities: o.entities, Stdin: s.in})
		if err != nil {
			fmt.Fprintln(s.err, "framewatch tag:", err)
			status = exitStatus(1)
			continue
		}
		if err := app.WriteTag(out, r, o.format, len(args) == 1); err != nil {
			return err
		}
	}
	return status
}
