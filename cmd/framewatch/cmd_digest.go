package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/report/digest"
)

func init() {
	register(command{name: "digest", summary: "build the weekly framing digest (HTML, Markdown or JSON)", main: cli(spec{name: "digest", usage: `Usage: framewatch digest [--config F] [--week 2026-W47 | --from DATE --to DATE] [--format html|md|json] [--out F]

Builds the framing digest for one ISO week (Monday to Sunday in
digest.timezone, Europe/London by default; the last complete week unless
--week or --from/--to is given). Every figure is compared with the average
of the 4 periods before it and comes from a query in queries/ (see
docs/digest.md). Writes to stdout, or to --out.

Flags:`}, runDigest)})
}

type digestOptions struct {
	config   string
	rulesDir string
	format   string
	out      string
	app.DigestOptions
}

func (o *digestOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	fs.StringVar(&o.Week, "week", "", "ISO week, e.g. 2026-W47 (default: the last complete week)")
	fs.StringVar(&o.From, "from", "", "first day of a custom period (YYYY-MM-DD), with --to")
	fs.StringVar(&o.To, "to", "", "last day of a custom period (YYYY-MM-DD, inclusive)")
	fs.StringVar(&o.format, "format", "html", "output format: html, md or json")
	fs.StringVar(&o.out, "out", "", "write to this file instead of stdout")
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory for advice missing from old matches (default: rules_dir)")
	fs.BoolVar(&o.IncludeLow, "include-low", false, "count low-severity (suggestion-only) rules in the language figures")
}

func runDigest(ctx context.Context, o *digestOptions, _ []string, s stdio) error {
	switch o.format {
	case "html", "md", "markdown", "json", "text":
	default:
		return usageErr("unknown --format %q (want html, md or json)", o.format)
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.DigestPeriod(o.DigestOptions); err != nil {
		return err
	}
	d, err := a.Digest(ctx, o.DigestOptions)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := digest.WriteFile(d, o.format, o.out); err != nil {
			return err
		}
		fmt.Fprintln(s.err, "framewatch digest: wrote", o.out)
		return nil
	}
	b, err := digest.Render(d, o.format)
	if err != nil {
		return err
	}
	_, err = s.out.Write(b)
	return err
}
