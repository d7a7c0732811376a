package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/report/examples"
)

func init() {
	register(command{name: "examples", summary: "real examples of flagged language in context, for trainers",
		run: func(args []string) int { return runExamples(args, os.Stdout, os.Stderr) }})
}

func runExamples(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("examples", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: framewatch examples [--rule ID] [--category C] [--frame F] [--outlet O]
       [--since D] [--until D] [--voice journalist|quote|any] [--location headline|lead|body|any]
       [--search TEXT] [--limit N] [--all-copies] [--format md|csv|json|html] [--out F]

Prints real sentences where a rule fired, newest first: the match
highlighted with the sentence before and after, headline, outlet, date,
link, the rule's message and a suggested rewrite. Syndicated copies of one
story give one example unless --all-copies. Dates are YYYY-MM-DD in
digest.timezone; --until is inclusive.

Flags:`)
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	var f examples.Filter
	fs.StringVar(&f.Rule, "rule", "", "rule id, e.g. people.offender")
	fs.StringVar(&f.Category, "category", "", "rule category, e.g. dehumanising")
	fs.StringVar(&f.Frame, "frame", "", "only articles carrying this frame, e.g. punitive")
	fs.StringVar(&f.Outlet, "outlet", "", "outlet name, e.g. \"Northern Gazette\"")
	since := fs.String("since", "", "published on or after this day (YYYY-MM-DD)")
	until := fs.String("until", "", "published on or before this day (YYYY-MM-DD)")
	fs.StringVar(&f.Voice, "voice", "any", "journalist (own voice), quote (quoted speech) or any")
	fs.StringVar(&f.Location, "location", "any", "headline, lead, body or any")
	fs.StringVar(&f.Search, "search", "", "text the sentence must contain (case-insensitive)")
	fs.IntVar(&f.Limit, "limit", examples.DefaultLimit, "most examples to print")
	fs.BoolVar(&f.AllCopies, "all-copies", false, "one example per article, not per story")
	format := fs.String("format", "md", "output format: md, csv, json or html")
	out := fs.String("out", "", "write to this file instead of stdout")
	rulesDir := fs.String("rules", "", "rules directory for advice missing from old matches (default: rules_dir)")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	usageErr := func(err error) int {
		fmt.Fprintln(stderr, "framewatch examples:", err)
		return 2
	}
	switch *format {
	case "md", "markdown", "csv", "json", "html":
	default:
		return usageErr(fmt.Errorf("unknown --format %q (want md, csv, json or html)", *format))
	}
	if f.Limit <= 0 {
		return usageErr(fmt.Errorf("--limit %d: want a positive number", f.Limit))
	}
	if _, err := f.Params(); err != nil {
		return usageErr(err)
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	loc, err := digest.Location(cfg.Digest.Timezone)
	if err != nil {
		return fail(err)
	}
	if *since != "" {
		if f.Since, err = time.ParseInLocation("2006-01-02", *since, loc); err != nil {
			return usageErr(fmt.Errorf("--since %q: want YYYY-MM-DD", *since))
		}
	}
	if *until != "" {
		t, err := time.ParseInLocation("2006-01-02", *until, loc)
		if err != nil {
			return usageErr(fmt.Errorf("--until %q: want YYYY-MM-DD", *until))
		}
		f.Until = t.AddDate(0, 0, 1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	ex, err := examples.Find(ctx, st, f, ruleAdvice(cfg, *rulesDir))
	if err != nil {
		return fail(err)
	}
	h := examples.Handout{Title: "Examples for trainers", Filters: describeFilter(f, *since, *until), Examples: ex}
	w := stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return fail(err)
		}
		w = file
	}
	err = examples.Write(w, h, *format)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(err)
	}
	if *out != "" {
		fmt.Fprintf(stderr, "framewatch examples: wrote %d examples to %s\n", len(ex), *out)
	}
	return 0
}

// describeFilter says in words which filters are on, for the handout.
func describeFilter(f examples.Filter, since, until string) string {
	var parts []string
	add := func(label, v string) {
		if v != "" && v != "any" {
			parts = append(parts, label+" "+v)
		}
	}
	add("rule", f.Rule)
	add("category", f.Category)
	add("frame", f.Frame)
	add("outlet", f.Outlet)
	add("voice", f.Voice)
	add("location", f.Location)
	add("containing", f.Search)
	add("from", since)
	add("to", until)
	if f.AllCopies {
		parts = append(parts, "every copy")
	}
	return strings.Join(parts, ", ")
}
