package storage

import (
	"context"
	"time"
)

// CrashedHolder writes a running lease on job for owner that lapses at
// expires and is never renewed nor released: an instance that died.
func (s *Store) CrashedHolder(ctx context.Context, job, owner string, expires time.Time) error {
	now := time.Now().UTC()
	return s.b.Insert(ctx, "job_leases",
		[]string{"job", "token", "owner", "state", "acquired_at", "expires_at", "version"},
		[][]any{{job, newToken(), owner, leaseRunning, now, expires.UTC(), nextVersion(now)}})
}
