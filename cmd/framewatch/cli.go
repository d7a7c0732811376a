package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/framewatch/framewatch/pipeline/shard"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
)

// stdio is where a command reads and writes; tests pass buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// options is a command's options struct: it registers its flags.
type options interface{ flags(fs *flag.FlagSet) }

// spec describes a command for cli: its name, the usage text printed
// above the flags by --help, and whether it takes positional arguments.
type spec struct {
	name, usage string
	args        bool
}

// cli turns a command's options struct and run function into a main: it
// parses the flags into a fresh options value (--help exits 0, a bad flag
// 2), cancels the context on SIGINT/SIGTERM, and maps run's error to the
// exit code every command uses (see exitCode).
func cli[T any, P interface {
	*T
	options
}](sp spec, run func(ctx context.Context, o P, args []string, s stdio) error) func([]string, stdio) int {
	return func(args []string, s stdio) int {
		o := P(new(T))
		fs := flag.NewFlagSet(sp.name, flag.ContinueOnError)
		fs.SetOutput(s.err)
		fs.Usage = func() {
			fmt.Fprintln(fs.Output(), sp.usage)
			fs.PrintDefaults()
		}
		o.flags(fs)
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if !sp.args && fs.NArg() > 0 {
			fmt.Fprintf(s.err, "framewatch %s: unexpected argument %q\n", sp.name, fs.Arg(0))
			return 2
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := run(ctx, o, fs.Args(), s)
		if errors.Is(err, errShowUsage) || errors.Is(err, errHelp) {
			fs.Usage()
		}
		return exitCode(sp.name, err, s.err)
	}
}

// errShowUsage makes cli print the command's usage and exit 2; errHelp
// prints it and exits 0.
var (
	errShowUsage = errors.New("usage")
	errHelp      = errors.New("help")
)

// exitStatus ends a command with this exit code and no message (the command
// has said what went wrong).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// exitCode prints err the way every command does and returns the exit
// code: 0 without an error; 2 for a usage mistake ("framewatch NAME: …");
// the database's own message as is; else "framewatch: …" and 1.
func exitCode(name string, err error, stderr io.Writer) int {
	var status exitStatus
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errShowUsage):
		return 2
	case errors.As(err, &status):
		return int(status)
	case app.IsUsage(err):
		fmt.Fprintf(stderr, "framewatch %s: %v\n", name, err)
		return 2
	case app.IsQueryError(err):
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stderr, "framewatch:", err)
	return 1
}

// usageErr is a usage mistake found by the command itself.
func usageErr(format string, args ...any) error {
	return &app.UsageError{Err: fmt.Errorf(format, args...)}
}

// configFlag registers --config.
func configFlag(fs *flag.FlagSet, dst *string, help string) {
	if help == "" {
		help = "config file"
	}
	fs.StringVar(dst, "config", config.DefaultPath, help)
}

// styleFlag registers --style: the style profile of the rules in force.
func styleFlag(fs *flag.FlagSet, dst *string) {
	fs.StringVar(dst, "style", "", "style profile for the terms guides disagree on: uk or us (default: rules.style from the config, else uk)")
}

// names is a repeatable string flag.
type names []string

func (n *names) String() string     { return strings.Join(*n, ",") }
func (n *names) Set(v string) error { *n = append(*n, v); return nil }

// shardFlag is --shard i/n.
type shardFlag struct{ shard.Spec }

func (f *shardFlag) String() string { return f.Spec.String() }
func (f *shardFlag) Set(v string) (err error) {
	f.Spec, err = shard.Parse(v)
	return err
}

// isTerminal reports whether f is a terminal (not a pipe or file).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := file.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
