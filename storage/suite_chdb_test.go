package storage_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"

	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chdb"
)

// openChdb opens a fresh embedded store in a temporary directory through
// storage.Open's chdb:// branch. chDB runs one data directory per process at
// a time, so these stores must not overlap: the suite runs sequentially and
// t.Cleanup closes each before the next opens.
func openChdb(t testing.TB) *storage.Store {
	ctx := context.Background()
	st, err := storage.Open(ctx, "chdb://"+t.TempDir(), storage.Options{MaxMemory: 1 << 30, Logger: slog.New(slog.DiscardHandler)})
	if errors.Is(err, chdb.ErrNotFound) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}
