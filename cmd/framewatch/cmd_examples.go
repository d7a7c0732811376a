package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/report/examples"
)

func init() {
	register(command{name: "examples", summary: "real examples of flagged language in context, for trainers", main: cli(spec{name: "examples", usage: `Usage: framewatch examples [--rule ID] [--category C] [--frame F] [--outlet O] [--outlet-type T]
       [--since D] [--until D] [--voice journalist|quote|any] [--location headline|lead|body|any]
       [--search TEXT] [--limit N] [--all-copies] [--format md|csv|json|html] [--out F]
       framewatch examples --speaker-role ROLE [--frame F] [--outlet O] [--since D] [--until D] ...

Prints real sentences where a rule fired, newest first: the match
highlighted with the sentence before and after, headline, outlet, date,
link, the rule's message and a suggested rewrite. Syndicated copies of one
story give one example unless --all-copies. Dates are YYYY-MM-DD in
digest.timezone; --until is inclusive.

With --speaker-role, the examples are quotes instead: what speakers of that
role said (police, prosecutor, judge, defence, politician, official,
justice_staff, victim_family, charity, expert, lived_experience, other,
unknown), with the speaker, the quote highlighted in its sentence, one per
story unless --all-copies.

Flags:`}, runExamples)})
}

type examplesOptions struct {
	config   string
	rulesDir string
	format   string
	out      string
	app.ExamplesOptions
}

func (o *examplesOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	f := &o.Filter
	fs.StringVar(&f.Rule, "rule", "", "rule id, e.g. people.offender")
	fs.StringVar(&f.Category, "category", "", "rule category, e.g. dehumanising")
	fs.StringVar(&f.Frame, "frame", "", "only articles carrying this frame, e.g. punitive")
	fs.StringVar(&f.Outlet, "outlet", "", "outlet name, e.g. \"Northern Gazette\"")
	fs.StringVar(&f.OutletType, "outlet-type", "", "only sources of this outlet_type (config), e.g. national")
	fs.StringVar(&o.Since, "since", "", "published on or after this day (YYYY-MM-DD)")
	fs.StringVar(&o.Until, "until", "", "published on or before this day (YYYY-MM-DD)")
	fs.StringVar(&f.Voice, "voice", "any", "journalist (own voice), quote (quoted speech) or any")
	fs.StringVar(&f.Location, "location", "any", "headline, lead, body or any")
	fs.StringVar(&f.Search, "search", "", "text the sentence must contain (case-insensitive)")
	fs.IntVar(&f.Limit, "limit", examples.DefaultLimit, "most examples to print")
	fs.BoolVar(&f.AllCopies, "all-copies", false, "one example per article, not per story")
	fs.StringVar(&f.SpeakerRole, "speaker-role", "", "list quotes by speakers of this role instead, e.g. lived_experience")
	fs.StringVar(&o.format, "format", "md", "output format: md, csv, json or html")
	fs.StringVar(&o.out, "out", "", "write to this file instead of stdout")
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory for advice missing from old matches (default: rules_dir)")
}

func runExamples(ctx context.Context, o *examplesOptions, _ []string, s stdio) error {
	switch o.format {
	case "md", "markdown", "csv", "json", "html":
	default:
		return usageErr("unknown --format %q (want md, csv, json or html)", o.format)
	}
	if o.Filter.Limit <= 0 {
		return usageErr("--limit %d: want a positive number", o.Filter.Limit)
	}
	if _, err := o.Filter.Params(); err != nil {
		return usageErr("%v", err)
	}
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.ExamplesFilter(o.ExamplesOptions); err != nil {
		return err
	}
	h, err := a.Examples(ctx, o.ExamplesOptions)
	if err != nil {
		return err
	}
	w := s.out
	var file *os.File
	if o.out != "" {
		if file, err = os.Create(o.out); err != nil {
			return err
		}
		w = file
	}
	err = examples.Write(w, h, o.format)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	if o.out != "" {
		fmt.Fprintf(s.err, "framewatch examples: wrote %d examples to %s\n", len(h.Examples), o.out)
	}
	return nil
}
