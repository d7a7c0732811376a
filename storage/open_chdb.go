package storage

import (
	"context"
	"errors"
)

// openChdb opens the embedded backend. Kept in its own file so the server
// backend builds while storage/chdb is being written.
func openChdb(ctx context.Context, path string, opts Options) (Backend, error) {
	return nil, errors.New("embedded chDB backend not available in this build")
}
