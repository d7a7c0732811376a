package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "rules", summary: "check rule files and run their tests", main: cli(spec{name: "rules", args: true, usage: "Usage: framewatch rules check [DIR]\n\n" +
		"Validates every rule file of the shipped library and, when DIR is given, of DIR\n" +
		"(which adds to and overrides the library, like rules_dir), reporting problems as\n" +
		"file:line:col; then runs every rule's and frame's tests. Exits 1 on any failure."}, runRules)})
}

type rulesOptions struct{}

func (o *rulesOptions) flags(*flag.FlagSet) {}

func runRules(_ context.Context, _ *rulesOptions, args []string, s stdio) error {
	if len(args) == 2 && args[0] == "check" && (args[1] == "-h" || args[1] == "-help" || args[1] == "--help") {
		return errHelp
	}
	if len(args) < 1 || args[0] != "check" || len(args) > 2 {
		return errShowUsage
	}
	dir := ""
	if len(args) == 2 {
		dir = args[1]
	}
	passed, err := app.RulesCheck(dir, s.out)
	if err != nil {
		return err
	}
	if !passed {
		return exitStatus(1)
	}
	fmt.Fprintln(s.err, "ok")
	return nil
}
