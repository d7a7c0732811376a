package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Jobs that must run once per deployment (the weekly digest, retag) hold a
// lease in job_leases while they run. ClickHouse has no compare-and-set, so
// a lease is taken by writing a claim and reading the claims back: a claim
// stands only if, once written, no other live claim is seen. Of two
// instances claiming at once at least one reads after both writes, so at
// most one stands; when both see each other both withdraw, back off a
// random moment and look again. On a cluster the table is replicated to
// every node, and each read first syncs the node's replica (SYSTEM SYNC
// REPLICA), so a claim written on another node is seen once its write has
// returned. A holder renews its lease while it runs; a crashed holder's
// lease lapses after its ttl.

// Lease states in job_leases.
const (
	leaseRunning  = "running"
	leaseReleased = "released"
	leaseDone     = "done" // the job ran to its end and must not run again
)

// JobRunningError is the refusal to start a job another instance holds
// (or, for AcquireJobOnce, has already completed).
type JobRunningError struct {
	Job   string
	Owner string    // who holds it, e.g. "host H (pid P)"
	Since time.Time // when the holder took the lease (Done: when it ran)
	Until time.Time // when the holder's lease lapses unless renewed
	Done  bool      // the job already ran to its end
}

func (e *JobRunningError) Error() string {
	const layout = "2006-01-02 15:04:05 UTC"
	if e.Done {
		return fmt.Sprintf("%s already ran on %s at %s", e.Job, e.Owner, e.Since.UTC().Format(layout))
	}
	return fmt.Sprintf("%s is already running on %s since %s; lease until %s",
		e.Job, e.Owner, e.Since.UTC().Format(layout), e.Until.UTC().Format(layout))
}

type leaseRow struct {
	token             uint64
	owner, state      string
	acquired, expires time.Time
	firstVersion      uint64
}

// AcquireJob takes the lease of job for owner (a description of this
// process, e.g. "host H (pid P)"), or returns a *JobRunningError naming
// the holder. The lease is renewed every ttl/3 until release is called;
// release is safe to call more than once.
func (s *Store) AcquireJob(ctx context.Context, job, owner string, ttl time.Duration) (release func(), err error) {
	l, err := s.acquireJob(ctx, job, owner, ttl, false)
	if err != nil {
		return nil, err
	}
	return func() { l.end(leaseReleased) }, nil
}

// AcquireJobOnce is AcquireJob for a job that must run once ever, such as
// one week's digest: finish(true) records that it ran, and any later
// acquirer is refused with "already ran"; finish(false) releases the lease
// so another instance may try again.
func (s *Store) AcquireJobOnce(ctx context.Context, job, owner string, ttl time.Duration) (finish func(completed bool), err error) {
	l, err := s.acquireJob(ctx, job, owner, ttl, true)
	if err != nil {
		return nil, err
	}
	return func(completed bool) {
		if completed {
			l.end(leaseDone)
		} else {
			l.end(leaseReleased)
		}
	}, nil
}

func (s *Store) acquireJob(ctx context.Context, job, owner string, ttl time.Duration, once bool) (*heldLease, error) {
	if ttl < time.Second {
		return nil, fmt.Errorf("job %s: lease ttl %v is under a second", job, ttl)
	}
	for attempt := 0; ; attempt++ {
		rows, err := s.jobLeases(ctx, job)
		if err != nil {
			return nil, err
		}
		if b := blocker(rows, 0, once); b != nil {
			return nil, refusal(job, b)
		}
		l := &heldLease{s: s, job: job, owner: owner, ttl: ttl, token: newToken(), acquired: time.Now().UTC()}
		if err := l.write(ctx, leaseRunning); err != nil {
			return nil, err
		}
		if rows, err = s.jobLeases(ctx, job); err != nil {
			l.end(leaseReleased)
			return nil, err
		}
		b := blocker(rows, l.token, once)
		if b == nil {
			l.renew()
			return l, nil
		}
		// Contention: withdraw and look again after a random moment, so
		// two instances starting together do not refuse each other.
		l.end(leaseReleased)
		if attempt == 3 {
			return nil, refusal(job, b)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(50+rand.IntN(250)) * time.Millisecond):
		}
	}
}

// jobLeases reads every claim on job, newest state of each, oldest first.
func (s *Store) jobLeases(ctx context.Context, job string) ([]leaseRow, error) {
	if s.layout.Cluster != "" {
		if err := s.b.Exec(ctx, "SYSTEM SYNC REPLICA "+quoteIdent(s.layout.Database)+".job_leases"); err != nil {
			return nil, fmt.Errorf("job %s: syncing the lease table's replica: %w", job, err)
		}
	}
	rows, err := s.Query(ctx, `SELECT token, argMax(owner, version), argMax(state, version),
    min(acquired_at), argMax(expires_at, version), min(version)
FROM job_leases WHERE job = {job:String} GROUP BY token`, map[string]string{"job": job})
	if err != nil {
		return nil, fmt.Errorf("job %s: reading its leases: %w", job, err)
	}
	out := make([]leaseRow, len(rows.Data))
	for i, r := range rows.Data {
		out[i] = leaseRow{token: r[0].(uint64), owner: r[1].(string), state: r[2].(string),
			acquired: r[3].(time.Time), expires: r[4].(time.Time), firstVersion: r[5].(uint64)}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].firstVersion < out[j].firstVersion })
	return out, nil
}

// blocker is the oldest claim other than mine that keeps the job from
// starting: a live running lease, or with once a completed run.
func blocker(rows []leaseRow, mine uint64, once bool) *leaseRow {
	now := time.Now()
	for i, r := range rows {
		if r.token == mine {
			continue
		}
		if r.state == leaseRunning && r.expires.After(now) || once && r.state == leaseDone {
			return &rows[i]
		}
	}
	return nil
}

func refusal(job string, b *leaseRow) error {
	return &JobRunningError{Job: job, Owner: b.owner, Since: b.acquired, Until: b.expires, Done: b.state == leaseDone}
}

// heldLease is a lease this process holds.
type heldLease struct {
	s          *Store
	job, owner string
	ttl        time.Duration
	token      uint64
	acquired   time.Time

	stop    chan struct{}
	stopped sync.WaitGroup
	once    sync.Once
}

func (l *heldLease) write(ctx context.Context, state string) error {
	now := time.Now().UTC()
	expires := now
	if state == leaseRunning {
		// Whole seconds up, so a DateTime never shortens the lease.
		expires = now.Add(l.ttl).Truncate(time.Second).Add(time.Second)
	}
	err := l.s.b.Insert(ctx, "job_leases",
		[]string{"job", "token", "owner", "state", "acquired_at", "expires_at", "version"},
		[][]any{{l.job, l.token, l.owner, state, l.acquired, expires, nextVersion(now)}})
	if err != nil {
		return fmt.Errorf("job %s: writing its lease: %w", l.job, err)
	}
	return nil
}

// renew extends the lease every ttl/3 until end. A failed renewal is
// tried again at the next tick; the lease lapses only if renewals fail
// for a whole ttl.
func (l *heldLease) renew() {
	l.stop = make(chan struct{})
	l.stopped.Add(1)
	go func() {
		defer l.stopped.Done()
		t := time.NewTicker(l.ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-l.stop:
				return
			case <-t.C:
				ctx, cancel := context.WithTimeout(context.Background(), l.ttl/3)
				_ = l.write(ctx, leaseRunning)
				cancel()
			}
		}
	}()
}

// end stops renewing and records state; later calls do nothing. It uses
// its own context: the job's may already be cancelled.
func (l *heldLease) end(state string) {
	l.once.Do(func() {
		if l.stop != nil {
			close(l.stop)
			l.stopped.Wait()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = l.write(ctx, state)
	})
}
