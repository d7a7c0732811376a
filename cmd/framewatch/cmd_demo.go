package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "demo", summary: "the whole job, offline, on a bundled sample news site", main: cli(spec{name: "demo", args: true, usage: "Usage: framewatch demo [--dir DIR]\n\n" +
		"Serves a bundled sample news site (invented UK outlets) on loopback, crawls, tags and\n" +
		"stores it into a fresh embedded store in DIR, prints what it found, writes a digest and\n" +
		"an examples handout, and prints the next commands to try. Needs no network or server."}, runDemo)})
}

type demoOptions struct {
	app.DemoOptions
}

func (o *demoOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.Dir, "dir", "framewatch-demo", "directory for the demo's embedded store, digest and handout (recreated)")
}

func runDemo(ctx context.Context, o *demoOptions, _ []string, s stdio) error {
	d, err := app.RunDemo(ctx, o.DemoOptions, s.out)
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintf(s.out, "\nDone in %s. Next, try:\n", d.Took.Round(100*time.Millisecond))
	fmt.Fprintf(s.out, "  FRAMEWATCH_DSN=%s bin/framewatch sql \"SELECT outlet, count() AS articles FROM current_articles GROUP BY outlet\"\n", d.DSN)
	fmt.Fprintf(s.out, "  FRAMEWATCH_DSN=%s bin/framewatch examples --category dehumanising --voice journalist\n", d.DSN)
	fmt.Fprintf(s.out, "  bin/framewatch tag --format text some-article.html\n")
	fmt.Fprintf(s.out, "  cp framewatch.example.yaml framewatch.yaml && bin/framewatch run   # real UK sources\n")
	return nil
}
