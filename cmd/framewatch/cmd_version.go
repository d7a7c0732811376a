package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "version", summary: "print the version, commit and ruleset hash", main: cli(spec{name: "version", usage: "Usage: framewatch version [--config F] [--rules DIR] [--json]\n       framewatch --version\n\n" +
		"Prints the build's version and commit, and the hash of the rules in force (the shipped\n" +
		"library plus rules_dir or --rules): the ruleset every stored match records."}, runVersion)})
}

type versionOptions struct {
	config   string
	rulesDir string
	json     bool
}

func (o *versionOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "")
	fs.StringVar(&o.rulesDir, "rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func runVersion(_ context.Context, o *versionOptions, _ []string, s stdio) error {
	a, err := app.Load(o.config, app.Options{RulesDir: o.rulesDir})
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.Version()
	if err != nil {
		return err
	}
	if o.json {
		b, _ := json.MarshalIndent(v, "", "  ")
		fmt.Fprintf(s.out, "%s\n", b)
		return nil
	}
	fmt.Fprintf(s.out, "framewatch %s\ncommit  %s\n", v.Version, v.Commit)
	if v.Built != "" {
		fmt.Fprintf(s.out, "built   %s with %s\n", v.Built, v.Go)
	} else {
		fmt.Fprintf(s.out, "go      %s\n", v.Go)
	}
	rules := "shipped library"
	if v.RulesDir != "" {
		rules += " + " + v.RulesDir
	}
	fmt.Fprintf(s.out, "ruleset %s (%s)\n", v.Ruleset, rules)
	return nil
}
