package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/framewatch/framewatch/app"
)

func init() {
	register(command{name: "migrate", summary: "bring the database schema up to date", main: cli(spec{name: "migrate", usage: "Usage: framewatch migrate [--config F]\n\n" +
		"Applies every schema migration the store has not seen yet, in order, and records it\n" +
		"in schema_migrations. Safe to run any number of times; crawl and run do it too."}, runMigrate)})
}

type migrateOptions struct{ config string }

func (o *migrateOptions) flags(fs *flag.FlagSet) { configFlag(fs, &o.config, "") }

func runMigrate(ctx context.Context, o *migrateOptions, _ []string, s stdio) error {
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s: schema at version %d (%d migrations applied)\n", st.DSN, st.Version, st.Applied)
	return nil
}
