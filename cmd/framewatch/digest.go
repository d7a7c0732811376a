package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/examples"
	"github.com/framewatch/framewatch/rules"
	"github.com/framewatch/framewatch/storage"
)

func init() {
	register(command{name: "digest", summary: "build the weekly framing digest (HTML, Markdown or JSON)",
		run: func(args []string) int { return runDigest(args, os.Stdout, os.Stderr) }})
	daemonJobs = append(daemonJobs, scheduleDigest)
}

func runDigest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: framewatch digest [--config F] [--week 2026-W47 | --from DATE --to DATE] [--format html|md|json] [--out F]

Builds the framing digest for one ISO week (Monday to Sunday in
digest.timezone, Europe/London by default; the last complete week unless
--week or --from/--to is given). Every figure is compared with the average
of the 4 periods before it and comes from a query in queries/ (see
docs/digest.md). Writes to stdout, or to --out.

Flags:`)
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	week := fs.String("week", "", "ISO week, e.g. 2026-W47 (default: the last complete week)")
	from := fs.String("from", "", "first day of a custom period (YYYY-MM-DD), with --to")
	to := fs.String("to", "", "last day of a custom period (YYYY-MM-DD, inclusive)")
	format := fs.String("format", "html", "output format: html, md or json")
	out := fs.String("out", "", "write to this file instead of stdout")
	rulesDir := fs.String("rules", "", "rules directory for advice missing from old matches (default: rules_dir)")
	includeLow := fs.Bool("include-low", false, "count low-severity (suggestion-only) rules in the language figures")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	switch *format {
	case "html", "md", "markdown", "json", "text":
	default:
		fmt.Fprintf(stderr, "framewatch digest: unknown --format %q (want html, md or json)\n", *format)
		return 2
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	loc, err := digest.Location(cfg.Digest.Timezone)
	if err != nil {
		return fail(err)
	}
	period, err := digestPeriod(*week, *from, *to, time.Now(), loc)
	if err != nil {
		fmt.Fprintln(stderr, "framewatch digest:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	d, err := digest.Build(ctx, st, period, digest.Options{Advice: ruleAdvice(cfg, *rulesDir), IncludeLow: *includeLow})
	if err != nil {
		return fail(err)
	}
	if *out != "" {
		if err := digest.WriteFile(d, *format, *out); err != nil {
			return fail(err)
		}
		fmt.Fprintln(stderr, "framewatch digest: wrote", *out)
		return 0
	}
	b, err := digest.Render(d, *format)
	if err != nil {
		return fail(err)
	}
	stdout.Write(b)
	return 0
}

// digestPeriod picks the period from --week or --from/--to, else the last
// complete week before now.
func digestPeriod(week, from, to string, now time.Time, loc *time.Location) (report.Period, error) {
	switch {
	case week != "" && (from != "" || to != ""):
		return report.Period{}, errors.New("give --week or --from/--to, not both")
	case week != "":
		return report.ParseWeek(week, loc)
	case from != "" || to != "":
		if from == "" || to == "" {
			return report.Period{}, errors.New("--from and --to go together")
		}
		return report.Days(from, to, loc)
	}
	return report.LastCompleteWeek(now, loc), nil
}

// ruleAdvice looks up a rule's message and alternatives in the rules in
// force, for matches stored before the schema kept them. A rules directory
// that fails to load only costs the fallback, so it is logged, not fatal.
func ruleAdvice(cfg *config.Config, rulesDir string) func(string) (report.Advice, bool) {
	if rulesDir == "" {
		rulesDir = cfg.RulesDir
	}
	rs, err := rules.Load(rulesDir)
	if err != nil {
		newLogger(cfg).Warn("rules not loaded: advice missing from stored matches stays empty", "err", err)
		return nil
	}
	byID := make(map[string]report.Advice, len(rs.Rules))
	for _, r := range rs.Rules {
		byID[r.ID] = report.Advice{Message: r.Message, Suggest: []string(r.Suggest)}
	}
	return func(id string) (report.Advice, bool) {
		a, ok := byID[id]
		return a, ok
	}
}

// scheduleDigest adds the weekly digest to `framewatch run`: on
// digest.schedule (cron, in digest.timezone) it writes the last complete
// week's digest into digest.dir and emails it when digest.smtp is set.
func scheduleDigest(cfg *config.Config, st *storage.Store, log *slog.Logger, s *schedule.Scheduler) error {
	spec := cfg.Digest.Schedule
	if spec == "" {
		spec = config.Defaults().Digest.Schedule
	}
	if _, err := digest.Location(cfg.Digest.Timezone); err != nil {
		return fmt.Errorf("%s: %w", cfg.Path, err)
	}
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "@every") {
		tz := cfg.Digest.Timezone
		if tz == "" {
			tz = "Europe/London"
		}
		spec = "CRON_TZ=" + tz + " " + spec
	}
	job := digest.Job{Store: st, Config: cfg.Digest, Options: digest.Options{Advice: ruleAdvice(cfg, "")}, Log: log}
	if err := s.Add("digest", spec, func(ctx context.Context) {
		path, err := job.Run(ctx, time.Now())
		if err != nil {
			log.Error("weekly digest", "path", path, "err", err)
		}
	}); err != nil {
		return fmt.Errorf("%s: digest.schedule %q: %w", cfg.Path, cfg.Digest.Schedule, err)
	}
	return nil
}

// demoOutputs is the end of `framewatch demo`: the digest of the last
// complete week (or, when that week is empty, of the week holding the
// newest stored article) and an examples handout, written into dir. It
// returns the files written.
func demoOutputs(ctx context.Context, st *storage.Store, dir string) ([]string, error) {
	loc, err := digest.Location("")
	if err != nil {
		return nil, err
	}
	period := report.LastCompleteWeek(time.Now(), loc)
	cov, err := report.Run(ctx, st, "coverage_total", period.Params())
	if err != nil {
		return nil, err
	}
	if cov.Int(0, "articles") == 0 {
		t, err := report.Run(ctx, st, "latest_article", nil)
		if err != nil {
			return nil, err
		}
		if latest := t.Time(0, "latest"); !latest.IsZero() {
			y, w := latest.In(loc).ISOWeek()
			period = report.Week(y, w, loc)
		}
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
