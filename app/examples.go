package app

import (
	"context"
	"strings"
	"time"

	"github.com/framewatch/framewatch/report/examples"
)

// ExamplesOptions select examples: the filter, with its dates as the user
// typed them (YYYY-MM-DD in the reporting time zone; Until inclusive).
type ExamplesOptions struct {
	examples.Filter
	Since, Until string
	Title        string // default "Examples for trainers"
}

// Examples finds the examples the options select, newest first, as a
// handout whose Filters line says in words which filters are on.
func (a *App) Examples(ctx context.Context, opt ExamplesOptions) (examples.Handout, error) {
	f, err := a.ExamplesFilter(opt)
	if err != nil {
		return examples.Handout{}, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return examples.Handout{}, err
	}
	ex, err := examples.Find(ctx, st, f, a.Advice())
	if err != nil {
		return examples.Handout{}, err
	}
	title := opt.Title
	if title == "" {
		title = "Examples for trainers"
	}
	return examples.Handout{Title: title, Filters: describeFilter(f, opt.Since, opt.Until), Examples: ex}, nil
}

// ExamplesFilter validates the options and resolves their dates; every
// problem is a UsageError.
func (a *App) ExamplesFilter(opt ExamplesOptions) (examples.Filter, error) {
	f := opt.Filter
	if f.Limit < 0 {
		return f, usagef("--limit %d: want a positive number", f.Limit)
	}
	if _, err := f.Params(); err != nil {
		return f, usage(err)
	}
	loc, err := a.Location()
	if err != nil {
		return f, err
	}
	if opt.Since != "" {
		t, err := time.ParseInLocation("2006-01-02", opt.Since, loc)
		if err != nil {
			return f, usagef("--since %q: want YYYY-MM-DD", opt.Since)
		}
		f.Since = t
	}
	if opt.Until != "" {
		t, err := time.ParseInLocation("2006-01-02", opt.Until, loc)
		if err != nil {
			return f, usagef("--until %q: want YYYY-MM-DD", opt.Until)
		}
		f.Until = t.AddDate(0, 0, 1)
	}
	return f, nil
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
	add("outlet type", f.OutletType)
	add("voice", f.Voice)
	add("location", f.Location)
	add("containing", f.Search)
	add("quotes by", f.SpeakerRole)
	add("from", since)
	add("to", until)
	if f.AllCopies {
		parts = append(parts, "every copy")
	}
	return strings.Join(parts, ", ")
}
