package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/rules"
)

func init() {
	register(command{name: "rules", summary: "check rule files and run their tests", run: runRules})
}

func runRules(args []string) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch rules check [DIR]\n\n"+
			"Validates every rule file of the shipped library and, when DIR is given, of DIR\n"+
			"(which adds to and overrides the library, like rules_dir), reporting problems as\n"+
			"file:line:col; then runs every rule's and frame's tests. Exits 1 on any failure.")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if a := fs.Arg(1); fs.Arg(0) == "check" && (a == "-h" || a == "-help" || a == "--help") {
		fs.Usage()
		return 0
	}
	if fs.NArg() < 1 || fs.Arg(0) != "check" || fs.NArg() > 2 {
		fs.Usage()
		return 2
	}
	dir := fs.Arg(1)
	rs, err := rules.Load(dir)
	var errs rules.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Println(e)
		}
		fmt.Printf("%d problem(s) in the rule files; tests not run\n", len(errs))
		return 1
	}
	if err != nil {
		return fail(err)
	}
	eng, err := tag.New(rs, tag.Options{})
	if err != nil {
		return fail(err)
	}
	res := eng.Check()
	for _, f := range res.Failures {
		fmt.Println(f)
	}
	fmt.Printf("%d rules, %d frames, %d files, ruleset %s: %d tests, %d failed\n",
		len(rs.Rules), len(rs.Frames), len(rs.Files), rs.Hash, res.Tests, len(res.Failures))
	if len(res.Failures) > 0 {
		return 1
	}
	fmt.Fprintln(os.Stderr, "ok")
	return 0
}
