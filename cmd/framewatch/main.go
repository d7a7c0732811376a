// Command framewatch crawls criminal-justice news, tags how it is framed and
// stores the results in ClickHouse. Run "framewatch help" for the commands.
//
// Each command lives in its own cmd_<verb>.go: an options struct, its flags,
// and one run function that calls the application layer (package app).
// Business logic never lives here.
package main

import (
	"fmt"
	"os"
	"sort"
)

// command is one subcommand; each registers itself from init, so the list
// below stays in one place: the registry.
type command struct {
	name    string
	summary string
	main    func(args []string, s stdio) int // returns the exit code
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "help" || name == "-h" || name == "--help" {
		usage()
		return
	}
	if name == "--version" || name == "-version" {
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "framewatch: unknown command %q\n\n", name)
		usage()
		os.Exit(2)
	}
	os.Exit(c.main(os.Args[2:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}

func usage() {
	fmt.Fprintln(os.Stderr, "framewatch watches how the news frames crime and justice.\n\nUsage: framewatch <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(os.Stderr, "\nRun \"framewatch <command> --help\" for a command's flags.")
}
