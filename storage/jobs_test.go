package storage_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framewatch/framewatch/storage"
)

func testJobLeases(t *testing.T, ctx context.Context, st *storage.Store) {
	refused := func(err error, owner string) *storage.JobRunningError {
		t.Helper()
		var jr *storage.JobRunningError
		if !errors.As(err, &jr) {
			t.Fatalf("want a refusal naming %s, got %v", owner, err)
		}
		if jr.Owner != owner || !strings.Contains(err.Error(), "is already running on "+owner+" since ") ||
			!strings.Contains(err.Error(), "; lease until ") {
			t.Fatalf("refusal %q does not name %s", err, owner)
		}
		return jr
	}

	// Two instances starting the job at once: exactly one runs.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		releases []func()
		errs     []error
	)
	for _, owner := range []string{"host a (pid 1)", "host b (pid 2)"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rel, err := st.AcquireJob(ctx, "retag", owner, 30*time.Second)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			} else {
				releases = append(releases, rel)
			}
		}()
	}
	wg.Wait()
	if len(releases) != 1 || len(errs) != 1 {
		t.Fatalf("two acquirers at once: %d got the lease, refusals %v", len(releases), errs)
	}
	var jr *storage.JobRunningError
	if !errors.As(errs[0], &jr) {
		t.Fatalf("the second acquirer failed without a refusal: %v", errs[0])
	}
	holder := jr.Owner
	refused(func() error { _, err := st.AcquireJob(ctx, "retag", "host c (pid 3)", time.Minute); return err }(), holder)

	// Another job is independent; a released lease can be taken again.
	relDigest, err := st.AcquireJob(ctx, "digest", "host c (pid 3)", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	relDigest()
	releases[0]()
	releases[0]() // twice is harmless
	rel, err := st.AcquireJob(ctx, "retag", "host c (pid 3)", 2*time.Second)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	// The holder renews its lease while it runs: after more than its ttl
	// a newcomer is still refused.
	time.Sleep(2500 * time.Millisecond)
	refused(func() error { _, err := st.AcquireJob(ctx, "retag", "host d (pid 4)", time.Minute); return err }(), "host c (pid 3)")
	rel()

	// A holder that died stops renewing: refused until its lease lapses.
	if err := st.CrashedHolder(ctx, "backfill", "host e (pid 5)", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	refused(func() error { _, err := st.AcquireJob(ctx, "backfill", "host f (pid 6)", time.Minute); return err }(), "host e (pid 5)")
	if err := st.CrashedHolder(ctx, "expired", "host e (pid 5)", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	rel, err = st.AcquireJob(ctx, "expired", "host f (pid 6)", time.Minute)
	if err != nil {
		t.Fatalf("an expired lease still refuses: %v", err)
	}
	rel()

	// A job that must run once: done is done, a failure lets another try.
	finish, err := st.AcquireJobOnce(ctx, "digest 2026-W47", "host a (pid 1)", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	finish(false)
	finish, err = st.AcquireJobOnce(ctx, "digest 2026-W47", "host b (pid 2)", time.Minute)
	if err != nil {
		t.Fatalf("after a failed run: %v", err)
	}
	finish(true)
	_, err = st.AcquireJobOnce(ctx, "digest 2026-W47", "host a (pid 1)", time.Minute)
	if !errors.As(err, &jr) || !jr.Done || !strings.Contains(err.Error(), "digest 2026-W47 already ran on host b (pid 2) at ") {
		t.Fatalf("a completed once-job ran again or was refused unclearly: %v", err)
	}
}
