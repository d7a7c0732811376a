package storage_test

import (
	"testing"

	"github.com/framewatch/framewatch/storage"
)

func openChdb(t testing.TB) *storage.Store {
	t.Skip("chdb backend not wired yet")
	return nil
}
