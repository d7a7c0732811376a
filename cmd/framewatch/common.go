package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage"
)

// loadConfig loads the config file; path is the --config flag value.
func loadConfig(path string) (*config.Config, error) {
	return config.Load(path)
}

// openStore opens the configured store and brings its schema up to date.
func openStore(ctx context.Context, cfg *config.Config) (*storage.Store, error) {
	st, err := storage.Open(ctx, cfg.DSN(), storage.Options{MaxMemory: cfg.Storage.MaxMemory, Logger: newLogger(cfg)})
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrating %s: %w", st.DSN(), err)
	}
	return st, nil
}

// newLogger builds the structured logger described by the log: section.
// Logs go to stderr so that stdout stays clean for command output.
func newLogger(cfg *config.Config) *slog.Logger {
	var level slog.Level
	switch strings.ToLower(cfg.Log.Level) {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// parseFlags parses a command's flags. When ok is false the command should
// return code: 0 after --help (the usage has been printed), 2 after a
// usage error (flag has printed what was wrong).
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	default:
		return 2, false
	}
}

// parseFlagsNoArgs is parseFlags for commands that take flags only: a
// positional argument is a usage error.
func parseFlagsNoArgs(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if code, ok := parseFlags(fs, args); !ok {
		return code, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "framewatch %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

// fail prints an error the way every command does and returns exit code 1.
func fail(err error) int {
	fmt.Fprintln(os.Stderr, "framewatch:", err)
	return 1
}
