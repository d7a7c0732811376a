package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage"
)

func init() {
	register(command{name: "demo", summary: "the whole job, offline, on a bundled sample news site", run: runDemo})
}

// demoMarker marks a directory that demo created, so a rerun may wipe it
// and nothing else is ever deleted.
const demoMarker = ".framewatch-demo"

func runDemo(args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch demo [--dir DIR]\n\n"+
			"Serves a bundled sample news site (invented UK outlets) on loopback, crawls, tags and\n"+
			"stores it into a fresh embedded store in DIR, prints what it found, writes a digest and\n"+
			"an examples handout, and prints the next commands to try. Needs no network or server.")
		fs.PrintDefaults()
	}
	dir := fs.String("dir", "framewatch-demo", "directory for the demo's embedded store, digest and handout (recreated)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := demo(ctx, os.Stdout, *dir); err != nil {
		return fail(err)
	}
	return 0
}

func demo(ctx context.Context, out io.Writer, dir string) error {
	start := time.Now()
	if err := freshDemoDir(dir); err != nil {
		return err
	}
	abs, err := filepath.Abs(filepath.Join(dir, "store"))
	if err != nil {
		return err
	}

	// The sample site on a loopback port. Its one deliberately slow page
	// answers after the crawl timeout, to show the feed-only fallback.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("starting the sample site: %w", err)
	}
	srv := &http.Server{Handler: samplesite.HandlerWith(samplesite.Options{SlowDelay: 3 * time.Second}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	cfg := config.Defaults()
	cfg.Path = "(demo)"
	cfg.Storage.DSN = "chdb://" + abs
	cfg.Sources = samplesite.Sources(base)
	cfg.Crawl.AllowPrivateNetworks = true // the sample site is on loopback
	cfg.Crawl.Delay = 0
	cfg.Crawl.Timeout = 1500 * time.Millisecond
	cfg.Crawl.Retries = 0
	cfg.Crawl.Parallelism = 4
	cfg.Log.Level = "error"
	log := newLogger(&cfg)

	fmt.Fprintf(out, "framewatch demo: sample news site at %s (%d sources)\n", base, len(cfg.Sources))
	st, c, err := openCrawler(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := c.Run(ctx, cfg.Sources)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\nCrawl summary:")
	sum.WriteTable(out)

	if err := demoReport(ctx, out, st); err != nil {
		return err
	}
	files, err := demoOutputs(ctx, st, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nWrote:\n")
	for _, f := range files {
		fmt.Fprintf(out, "  %s\n", f)
	}
	dsn := "chdb://" + abs
	fmt.Fprintf(out, "\nDone in %s. Next, try:\n", time.Since(start).Round(100*time.Millisecond))
	fmt.Fprintf(out, "  FRAMEWATCH_DSN=%s bin/framewatch sql \"SELECT outlet, count() AS articles FROM current_articles GROUP BY outlet\"\n", dsn)
	fmt.Fprintf(out, "  FRAMEWATCH_DSN=%s bin/framewatch examples --category dehumanising --voice journalist\n", dsn)
	fmt.Fprintf(out, "  bin/framewatch tag --format text some-article.html\n")
	fmt.Fprintf(out, "  cp framewatch.example.yaml framewatch.yaml && bin/framewatch run   # real UK sources\n")
	return nil
}

// freshDemoDir empties dir if an earlier demo made it, and refuses to touch
// a directory it did not make.
func freshDemoDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		if _, err := os.Stat(filepath.Join(dir, demoMarker)); err != nil {
			return fmt.Errorf("%s exists and was not made by framewatch demo: choose another --dir", dir)
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, demoMarker), []byte("made by framewatch demo; rerunning the demo deletes this directory\n"), 0o644)
}

// demoReport prints what was stored: counts, the top flags in the
// journalist's own voice and the frames that fired.
func demoReport(ctx context.Context, out io.Writer, st *storage.Store) error {
	for _, q := range []struct{ title, sql string }{
		{"Stored", `SELECT outlet, count() AS articles, uniqExact(story_id) AS stories, countIf(feed_only = 1) AS feed_only
			FROM current_articles GROUP BY outlet ORDER BY outlet`},
		// Low severity is a suggestion, not counted in headline figures.
		{"Top flags in the journalist's own voice (high and medium severity)", `SELECT rule, severity, any(text) AS example, count() AS flags
			FROM current_matches WHERE in_quote = 0 AND severity != 'low' GROUP BY rule, severity ORDER BY flags DESC, rule LIMIT 10`},
		{"Top flags inside quotes", `SELECT rule, any(text) AS example, count() AS flags
			FROM current_matches WHERE in_quote = 1 GROUP BY rule ORDER BY flags DESC, rule LIMIT 5`},
		{"Frames (articles where the frame fired)", `SELECT frame, countIf(fired = 1) AS articles, round(avg(score), 2) AS mean_score
			FROM current_frames GROUP BY frame ORDER BY articles DESC, frame`},
	} {
		rows, err := st.Query(ctx, q.sql, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", q.title, err)
		}
		fmt.Fprintf(out, "\n%s:\n", q.title)
		if err := printRows(out, rows, "table"); err != nil {
			return err
		}
	}
	return nil
}
