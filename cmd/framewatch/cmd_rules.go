package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
)

func init() {
	register(command{name: "rules", summary: "check rule files and run their tests", main: cli(spec{name: "rules", args: true, usage: "Usage: framewatch rules check [--style uk|us] [DIR]\n\n" +
		"Validates every rule file of the shipped library and, when DIR is given, of DIR\n" +
		"(which adds to and overrides the library, like rules_dir), reporting problems as\n" +
		"file:line:col; then runs every rule's and frame's tests. Exits 1 on any failure."}, runRules)})
}

type rulesOptions struct{ config, style string }

func (o *rulesOptions) flags(fs *flag.FlagSet) {
	configFlag(fs, &o.config, "config file (for rules.style)")
	styleFlag(fs, &o.style)
}

func runRules(_ context.Context, o *rulesOptions, args []string, s stdio) error {
	if len(args) < 1 || args[0] != "check" {
		return errShowUsage
	}
	// Flags may also follow "check": rules check --style us DIR.
	sub := flag.NewFlagSet("rules check", flag.ContinueOnError)
	sub.SetOutput(s.err)
	var after rulesOptions
	after.flags(sub)
	if err := sub.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errShowUsage
	}
	if sub.NArg() > 1 {
		return errShowUsage
	}
	if after.style != "" {
		o.style = after.style
	}
	if after.config != config.DefaultPath {
		o.config = after.config
	}
	style := o.style
	if style == "" {
		cfg, err := config.Load(o.config)
		if err != nil {
			return err
		}
		style = cfg.Rules.Style
	}
	passed, err := app.RulesCheck(sub.Arg(0), style, s.out)
	if err != nil {
		return err
	}
	if !passed {
		return exitStatus(1)
	}
	fmt.Fprintln(s.err, "ok")
	return nil
}
