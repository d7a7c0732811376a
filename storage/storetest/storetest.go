// Package storetest opens throwaway stores for tests, on both backends: the
// ClickHouse test server (storage/chtest) and embedded chDB.
//
// A missing libchdb.so skips the test, except with CI=true in the
// environment, where it fails the run: CI must test both backends.
//
// chDB runs one data directory per process at a time, so tests using the
// chdb backend must not run in parallel, and each store must be closed (Open
// does it at t's cleanup) before the next opens.
package storetest

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"

	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chdb"
	"github.com/framewatch/framewatch/storage/chtest"
)

// Backend is one engine tests run on.
type Backend struct {
	Name string
	Open func(t testing.TB) *storage.Store // an empty, migrated store (or skip)
	// Bare opens an empty store without migrating it, for upgrade tests.
	Bare func(t testing.TB) *storage.Store
}

// Backends are the ClickHouse test server (a fresh database of its own per
// call) and embedded chDB (a fresh data directory in t.TempDir per call).
// Packages using them need a TestMain calling chtest.Main.
var Backends = []Backend{
	{"clickhouse-server",
		func(t testing.TB) *storage.Store { return Open(t, chtest.Server(t)) },
		func(t testing.TB) *storage.Store { return openBare(t, chtest.Server(t), storage.Options{}) }},
	{"chdb",
		func(t testing.TB) *storage.Store {
			return OpenWith(t, "chdb://"+t.TempDir(), storage.Options{MaxMemory: MaxMemory, Logger: slog.New(slog.DiscardHandler)})
		},
		func(t testing.TB) *storage.Store {
			return openBare(t, "chdb://"+t.TempDir(), storage.Options{MaxMemory: MaxMemory, Logger: slog.New(slog.DiscardHandler)})
		}},
}

// MaxMemory bounds the embedded engine of the stores Open opens.
const MaxMemory = 1 << 30

// Open opens dsn with the embedded engine bounded to MaxMemory, migrates it
// and closes it when t ends.
func Open(t testing.TB, dsn string) *storage.Store {
	t.Helper()
	return OpenWith(t, dsn, storage.Options{MaxMemory: MaxMemory})
}

// OpenWith is Open with the given options.
func OpenWith(t testing.TB, dsn string, opts storage.Options) *storage.Store {
	t.Helper()
	st := openBare(t, dsn, opts)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

func openBare(t testing.TB, dsn string, opts storage.Options) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), dsn, opts)
	if errors.Is(err, chdb.ErrNotFound) {
		noLibchdb(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// RequireLibchdb skips t when libchdb.so is missing (fails it with CI=true),
// for tests that open the embedded store themselves.
func RequireLibchdb(t testing.TB) {
	t.Helper()
	if _, err := chdb.Locate(); err != nil {
		noLibchdb(t, err)
	}
}

func noLibchdb(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %v", err)
	}
	t.Skip(err)
}
