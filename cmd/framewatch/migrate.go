package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage"
)

func init() {
	register(command{name: "migrate", summary: "bring the database schema up to date", run: runMigrate})
}

func runMigrate(args []string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch migrate [--config F]\n\n"+
			"Applies every schema migration the store has not seen yet, in order, and records it\n"+
			"in schema_migrations. Safe to run any number of times; crawl and run do it too.")
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file")
	if code, ok := parseFlagsNoArgs(fs, args); !ok {
		return code
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, cfg) // opens and migrates
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	applied, err := st.AppliedMigrations(ctx)
	if err != nil {
		return fail(err)
	}
	migs, err := storage.Migrations()
	if err != nil {
		return fail(err)
	}
	latest := 0
	for _, m := range migs {
		if applied[m.Version] && m.Version > latest {
			latest = m.Version
		}
	}
	fmt.Printf("%s: schema at version %d (%d migrations applied)\n", st.DSN(), latest, len(applied))
	return 0
}
