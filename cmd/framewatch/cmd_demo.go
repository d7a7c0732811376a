package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "demo", summary: "the whole job, offline, on a bundled sample news site", main: cli(spec{name: "demo", args: true, usage: "Usage: framewatch demo [--dir DIR] [--serve [--addr 127.0.0.1:8080]]\n\n" +
		"Serves a bundled sample news site (invented UK outlets, dated relative to today) on\n" +
		"loopback, crawls, tags and stores it into a fresh embedded store in DIR, prints what it\n" +
		"found, writes a digest and an examples handout, and prints the next commands to try and\n" +
		"the web UI's address. With --serve it then keeps the web UI running until Ctrl-C.\n" +
		"Needs no network or server."}, runDemo)})
}

type demoOptions struct {
	app.DemoOptions
	serve bool
	addr  string
}

func (o *demoOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.Dir, "dir", "framewatch-demo", "directory for the demo's embedded store, digest and handout (recreated)")
	fs.BoolVar(&o.serve, "serve", false, "keep the web UI running over the demo's store until Ctrl-C")
	fs.StringVar(&o.addr, "addr", defaultAddr, "with --serve: host:port for the web UI")
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
	if !o.serve {
		fmt.Fprintf(s.out, "\nWeb UI: run  bin/framewatch demo --serve  (or FRAMEWATCH_DSN=%s bin/framewatch serve)\n", d.DSN)
		fmt.Fprintf(s.out, "        and open http://%s/\n", o.addr)
		return nil
	}
	ln, srv, err := listenUI(ctx, d.App, o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "\nWeb UI: http://%s/  (Ctrl-C to stop)\n", ln.Addr())
	return srv.Serve(ctx, ln)
}
