package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/report/sqlout"
	"github.com/framewatch/framewatch/samplesite"
)

// DemoMarker marks a directory that the demo created, so a rerun may wipe
// it and nothing else is ever deleted.
const DemoMarker = ".framewatch-demo"

// DemoOptions tune the demo.
type DemoOptions struct {
	Dir string // for the demo's embedded store, digest and handout (recreated)
	// Now is the day the demo runs (zero: time.Now): the sample site's dates
	// move so that its newest article falls in the last complete week.
	Now time.Time
}

// Demo is a finished demo run: its App stays open on the demo's store (for
// the web UI) until Close.
type Demo struct {
	App   *App
	DSN   string   // the demo store's DSN
	Files []string // the digest and handout written
	Took  time.Duration
}

// Close closes the demo's store.
func (d *Demo) Close() error { return d.App.Close() }

// RunDemo is the whole job offline: it serves the bundled sample news site
// on loopback, crawls, tags and stores it into a fresh embedded store in
// opt.Dir, prints what it found to w, and writes a digest and an examples
// handout there.
func RunDemo(ctx context.Context, opt DemoOptions, w io.Writer) (*Demo, error) {
	start := time.Now()
	if opt.Now.IsZero() {
		opt.Now = start
	}
	if err := FreshDemoDir(opt.Dir); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(filepath.Join(opt.Dir, "store"))
	if err != nil {
		return nil, err
	}
	// The sample site on a loopback port. Its one deliberately slow page
	// answers after the crawl timeout, to show the feed-only fallback.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the sample site: %w", err)
	}
	srv := &http.Server{Handler: samplesite.HandlerWith(samplesite.Options{SlowDelay: 3 * time.Second, Now: opt.Now}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	cfg := config.Defaults()
	cfg.Path = "(demo)"
	cfg.Storage.DSN = "chdb://" + abs
	cfg.Spool.Dir = filepath.Join(opt.Dir, "spool")
	cfg.Sources = samplesite.Sources(base)
	cfg.Crawl.AllowPrivateNetworks = true // the sample site is on loopback
	cfg.Crawl.Delay = 0
	cfg.Crawl.Timeout = 1500 * time.Millisecond
	cfg.Crawl.Retries = 0
	cfg.Crawl.Parallelism = 4
	cfg.Log.Level = "error"
	a := New(&cfg, Options{})
	d := &Demo{App: a, DSN: cfg.Storage.DSN}

	fmt.Fprintf(w, "framewatch demo: sample news site at %s (%d sources)\n", base, len(cfg.Sources))
	sum, err := a.Crawl(ctx, CrawlOptions{})
	if err != nil {
		a.Close()
		return nil, err
	}
	fmt.Fprintln(w, "\nCrawl summary:")
	sum.WriteTable(w)
	if err := a.demoReport(ctx, w); err != nil {
		a.Close()
		return nil, err
	}
	if d.Files, err = a.demoOutputs(ctx, opt.Dir, opt.Now); err != nil {
		a.Close()
		return nil, err
	}
	fmt.Fprintf(w, "\nWrote:\n")
	for _, f := range d.Files {
		fmt.Fprintf(w, "  %s\n", f)
	}
	d.Took = time.Since(start)
	return d, nil
}

// FreshDemoDir empties dir if an earlier demo made it, and refuses to touch
// a directory it did not make.
func FreshDemoDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		if _, err := os.Stat(filepath.Join(dir, DemoMarker)); err != nil {
			return fmt.Errorf("%s exists and was not made by framewatch demo: choose another --dir", dir)
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, DemoMarker), []byte("made by framewatch demo; rerunning the demo deletes this directory\n"), 0o644)
}

// demoReport prints what was stored: counts, the top flags in the
// journalist's own voice and in quotes, and the frames that fired.
func (a *App) demoReport(ctx context.Context, w io.Writer) error {
	st, err := a.Store(ctx)
	if err != nil {
		return err
	}
	for _, q := range []struct{ title, query string }{
		{"Stored", "demo_stored"},
		{"Top flags in the journalist's own voice (high and medium severity)", "demo_flags_journalist"},
		{"Top flags inside quotes", "demo_flags_quoted"},
		{"Frames (articles where the frame fired)", "demo_frames"},
	} {
		t, err := report.Run(ctx, st, q.query, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", q.title, err)
		}
		fmt.Fprintf(w, "\n%s:\n", q.title)
		if err := sqlout.Write(w, t.Rows, "table"); err != nil {
			return err
		}
	}
	return nil
}

// demoOutputs writes the digest of the last complete week (or, when that
// week is empty, of the week holding the newest stored article) and an
// examples handout into dir, and returns the files written.
func (a *App) demoOutputs(ctx context.Context, dir string, now time.Time) ([]string, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	period, err := a.latestWeek(ctx, st, now)
	if err != nil {
		return nil, err
	}
	d, err := digest.Build(ctx, st, period, digest.Options{Title: "framewatch demo digest"})
	if err != nil {
		return nil, err
	}
	dpath := filepath.Join(dir, digest.FileName(d, "html"))
	if err := digest.WriteFile(d, "html", dpath); err != nil {
		return nil, err
	}
	ex, err := examples.Find(ctx, st, examples.Filter{Limit: 30}, nil)
	if err != nil {
		return nil, err
	}
	epath := filepath.Join(dir, "examples.html")
	f, err := os.Create(epath)
	if err != nil {
		return nil, err
	}
	werr := examples.Write(f, examples.Handout{Title: "framewatch demo: examples for trainers", Examples: ex}, "html")
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		return nil, fmt.Errorf("writing %s: %w", epath, werr)
	}
	return []string{dpath, epath}, nil
}
