package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/synth"
)

// BenchOptions size a benchmark run (`framewatch bench`).
type BenchOptions struct {
	Articles int    // synthetic articles to store (synth); 0 means 10,000
	Seed     uint64 // synth seed; 0 means 1
	Repeat   int    // runs of each read; the median is reported; 0 means 3
	Batch    int    // articles per tag-and-save batch and per retag batch; 0 means DefaultRetagBatch
	// Reuse times the reads and the retag over the corpus a previous run
	// stored (same seed), without storing it again: a 1M store is built once.
	Reuse   bool
	NoRetag bool // skip the retag (the longest step)
	// Step is called when a step starts, with the articles it will go
	// through (0 for reads); Progress after each batch of it (optional).
	Step     func(name string, total int)
	Progress func(done int)
}

// BenchStep is one row of the benchmark's table.
type BenchStep struct {
	Step      string  `json:"step"`    // ingest, tag, retag, digest, examples, frame_share, trend_terms
	Command   string  `json:"command"` // what a user runs to get it
	Runs      int     `json:"runs"`
	Seconds   float64 `json:"seconds"`              // the median run (ingest, tag, retag: the one run)
	Articles  int     `json:"articles,omitempty"`   // articles gone through (ingest, tag, retag)
	PerSecond float64 `json:"per_second,omitempty"` // articles per second
	Rows      int     `json:"rows"`                 // what it returned: articles written, examples, query rows, digest stories
	PeakRSSMB float64 `json:"peak_rss_mb"`          // the process's peak resident set during the step (0: unknown)
}

// BenchResult is a benchmark run: the store, the corpus and every step.
type BenchResult struct {
	Store    string      `json:"store"` // the DSN, password redacted
	Backend  string      `json:"backend"`
	Articles int         `json:"articles"` // in the store
	Seed     uint64      `json:"seed"`
	Week     string      `json:"week"` // the week the digest, frame_share and examples... read
	Cores    int         `json:"cores"`
	Started  time.Time   `json:"started"`
	Steps    []BenchStep `json:"steps"`
}

// benchWeek is the corpus's middle week: the digest and frame_share read it
// (its four baseline weeks and the twelve-week sparkline are inside the year).
func benchWeek() (week string, start, end time.Time) {
	start = synth.DefaultStart.AddDate(0, 0, 7*26)
	y, w := start.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w), start, start.AddDate(0, 0, 7)
}

// Bench fills the store with a synthetic corpus (synth), tagging it as a
// crawl does, then times what users run over it: ingest, tagging, a retag of
// the whole archive, the weekly digest, examples --limit 50, frame_share for
// one week and a year of weekly journalist-voice term counts (trend_terms).
// The store must be empty unless opt.Reuse.
func (a *App) Bench(ctx context.Context, opt BenchOptions) (BenchResult, error) {
	if opt.Articles <= 0 {
		opt.Articles = 10000
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Repeat <= 0 {
		opt.Repeat = 3
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultRetagBatch
	}
	st, err := a.Store(ctx)
	if err != nil {
		return BenchResult{}, err
	}
	week, weekStart, weekEnd := benchWeek()
	backend, _, _ := strings.Cut(st.DSN(), "://")
	res := BenchResult{Store: st.DSN(), Backend: backend, Seed: opt.Seed, Week: week,
		Cores: runtime.GOMAXPROCS(0), Started: time.Now().UTC()}
	stored, err := st.CountArticles(ctx, time.Time{})
	if err != nil {
		return res, err
	}
	switch {
	case opt.Reuse && stored == 0:
		return res, usagef("--reuse: %s holds no articles; run bench without --reuse first", res.Store)
	case !opt.Reuse && stored > 0:
		return res, usagef("%s already holds %d articles: bench fills an empty store (or give --reuse to time the reads and retag over them)", res.Store, stored)
	}
	step := func(name string, total int) {
		if opt.Step != nil {
			opt.Step(name, total)
		}
	}
	if !opt.Reuse {
		ingest, tagging, err := a.benchFill(ctx, opt, step)
		if err != nil {
			return res, err
		}
		res.Steps = append(res.Steps, tagging, ingest)
	}
	if res.Articles, err = st.CountArticles(ctx, time.Time{}); err != nil {
		return res, err
	}
	if !opt.NoRetag {
		step("retag", res.Articles)
		resetPeakRSS()
		start := time.Now()
		r, err := a.Retag(ctx, RetagOptions{Batch: opt.Batch, Progress: opt.Progress})
		if err != nil {
			return res, err
		}
		res.Steps = append(res.Steps, rateStep(BenchStep{Step: "retag", Command: "framewatch retag", Runs: 1,
			Seconds: time.Since(start).Seconds(), Articles: r.Done, Rows: r.Done, PeakRSSMB: peakRSSMB()}))
	}
	loc, err := a.Location()
	if err != nil {
		return res, err
	}
	utc := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	yearStart := time.Date(synth.DefaultStart.Year(), synth.DefaultStart.Month(), synth.DefaultStart.Day(), 0, 0, 0, 0, loc)
	reads := []struct {
		step, command string
		run           func() (int, error)
	}{
		{"digest", "framewatch digest --week " + week, func() (int, error) {
			d, err := a.Digest(ctx, DigestOptions{Week: week})
			if err != nil {
				return 0, err
			}
			return int(d.Coverage.Stories.Value), nil
		}},
		{"examples", "framewatch examples --limit 50", func() (int, error) {
			h, err := a.Examples(ctx, ExamplesOptions{Filter: examples.Filter{Limit: 50}})
			return len(h.Examples), err
		}},
		{"frame_share", "framewatch sql --query frame_share (one week)", func() (int, error) {
			return a.benchQuery(ctx, "frame_share", map[string]string{"week_start": utc(weekStart), "week_end": utc(weekEnd)})
		}},
		{"trend_terms", "framewatch sql --query trend_terms --param voice=journalist (52 weeks)", func() (int, error) {
			return a.benchQuery(ctx, "trend_terms", map[string]string{"tz": loc.String(), "since": utc(yearStart),
				"until": utc(yearStart.AddDate(0, 0, 7*52)), "rule": "", "category": "", "outlet": "", "outlet_type": "", "voice": "journalist"})
		}},
	}
	for _, r := range reads {
		step(r.step, 0)
		resetPeakRSS()
		times := make([]float64, opt.Repeat)
		rows := 0
		for i := range times {
			start := time.Now()
			n, err := r.run()
			if err != nil {
				return res, fmt.Errorf("bench %s: %w", r.step, err)
			}
			times[i], rows = time.Since(start).Seconds(), n
		}
		slices.Sort(times)
		res.Steps = append(res.Steps, BenchStep{Step: r.step, Command: r.command, Runs: opt.Repeat,
			Seconds: times[len(times)/2], Rows: rows, PeakRSSMB: peakRSSMB()})
	}
	return res, nil
}

// benchFill generates the corpus batch by batch, tags each batch on every
// core with entities (as a crawl stores them) and saves it, timing the two
// apart.
func (a *App) benchFill(ctx context.Context, opt BenchOptions, step func(string, int)) (ingest, tagging BenchStep, err error) {
	eng, err := a.Tagger(true)
	if err != nil {
		return ingest, tagging, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return ingest, tagging, err
	}
	if err := st.SaveSources(ctx, synth.Sources()); err != nil { // outlet types and nations
		return ingest, tagging, err
	}
	step("tag+ingest", opt.Articles)
	resetPeakRSS()
	var tagTime, saveTime time.Duration
	batch := make([]news.Article, 0, opt.Batch)
	flush := func() error {
		start := time.Now()
		tagged := TagAll(batch, eng.Tag)
		tagTime += time.Since(start)
		start = time.Now()
		if err := st.SaveArticles(ctx, tagged); err != nil {
			return err
		}
		saveTime += time.Since(start)
		if opt.Progress != nil {
			opt.Progress(len(batch))
		}
		batch = batch[:0]
		return ctx.Err()
	}
	err = synth.Generate(synth.Options{Articles: opt.Articles, Seed: opt.Seed}, func(art news.Article) error {
		if batch = append(batch, art); len(batch) == opt.Batch {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return ingest, tagging, fmt.Errorf("bench: filling the store: %w", err)
	}
	rss := peakRSSMB()
	tagging = rateStep(BenchStep{Step: "tag", Command: "tagging with entities, as a crawl does (every core)", Runs: 1,
		Seconds: tagTime.Seconds(), Articles: opt.Articles, Rows: opt.Articles, PeakRSSMB: rss})
	ingest = rateStep(BenchStep{Step: "ingest", Command: fmt.Sprintf("SaveArticles, batches of %d (articles and tag rows)", opt.Batch), Runs: 1,
		Seconds: saveTime.Seconds(), Articles: opt.Articles, Rows: opt.Articles, PeakRSSMB: rss})
	return ingest, tagging, nil
}

func rateStep(s BenchStep) BenchStep {
	if s.Seconds > 0 {
		s.PerSecond = float64(s.Articles) / s.Seconds
	}
	return s
}

// benchQuery runs a shipped query as `framewatch sql --query` does and
// returns its row count.
func (a *App) benchQuery(ctx context.Context, name string, params map[string]string) (int, error) {
	q, err := queries.Get(name)
	if err != nil {
		return 0, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := st.Query(ctx, q, params)
	if err != nil {
		return 0, err
	}
	return len(rows.Data), nil
}

// resetPeakRSS restarts the kernel's peak-RSS count (VmHWM) of this
// process, so each step reports its own peak; a no-op where it cannot.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB is the process's peak resident set since the last reset, in
// MB; 0 where /proc is missing.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	return vmHWM(f)
}

func vmHWM(r io.Reader) float64 {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
