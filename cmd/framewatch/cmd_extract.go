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
	register(command{name: "extract", summary: "show exactly what would be stored from article pages", main: cli(spec{name: "extract", args: true,
		usage: "Usage: framewatch extract [--format text|json] [--explain] [--url URL] FILE|URL ...\n\n" +
			"Decodes and extracts each page as the crawler does and prints what it would store:\n" +
			"title, byline, date and where it was read, kind, language, canonical URL, charset,\n" +
			"paywall / feed_only, and the body text. URLs are fetched with the config's crawl:\n" +
			"settings (user agent, redirects, SSRF guard). --explain also lists where the body\n" +
			"was found and which parts were left out, and why."}, runExtract)})
}

type extractOptions struct {
	config  string
	format  string
	explain bool
	pageURL string
}

func (o *extractOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "config file (for the crawl: settings used to fetch URLs)")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	fs.BoolVar(&o.explain, "explain", false, "also list where the body was found and what was removed, and why")
	fs.StringVar(&o.pageURL, "url", "", "the URL a FILE was saved from (resolves its canonical link and URL-based kind)")
}

func runExtract(ctx context.Context, o *extractOptions, args []string, s stdio) error {
	if !slices.Contains(app.ExtractFormats, o.format) {
		return usageErr("--format must be text or json, not %q", o.format)
	}
	if len(args) == 0 {
		return errShowUsage
	}
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	var results []app.ExtractResult
	var status error
	for _, in := range args {
		r, err := a.Extract(ctx, in, app.ExtractOptions{Explain: o.explain, PageURL: o.pageURL})
		if err != nil {
			fmt.Fprintln(s.err, "framewatch extract:", err)
			status = exitStatus(1)
			continue
		}
		results = append(results, r)
	}
	out := bufio.NewWriter(s.out)
	defer out.Flush()
	if len(results) > 0 {
		if err := app.WriteExtract(out, results, o.format); err != nil {
			return err
		}
	}
	return status
}
