package storage

import (
	"context"

	"github.com/framewatch/framewatch/storage/chdb"
)

// openChdb opens the embedded backend (storage/chdb): libchdb.so loaded at
// run time, so the binary needs no cgo.
func openChdb(ctx context.Context, path string, opts Options) (Backend, error) {
	b, err := chdb.Open(ctx, path, chdb.Options{MaxMemory: opts.MaxMemory, Logger: opts.Logger})
	if err != nil {
		return nil, err
	}
	return b, nil
}
