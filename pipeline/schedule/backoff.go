package schedule

import (
	"math/rand/v2"
	"time"

	"github.com/framewatch/framewatch/news"
)

// Backoff is the policy for a source whose crawls keep failing: after the
// n-th consecutive failure its scheduled runs are skipped for
// min(Max, Base·2^(n-1)), jittered to between half and all of that so that
// sources failing together (one host down) do not come back in lockstep.
// A success resets it.
type Backoff struct {
	Base time.Duration // default 5m
	Max  time.Duration // default 6h
	// Rand returns a number in [0, 1); nil is math/rand. Tests fix it.
	Rand func() float64
}

// DefaultBackoff is the daemon's policy when the config sets none.
var DefaultBackoff = Backoff{Base: 5 * time.Minute, Max: 6 * time.Hour}

// Delay is how long to wait after the failures-th consecutive failure,
// before jitter.
func (b Backoff) Delay(failures int) time.Duration {
	base, maxd := b.Base, b.Max
	if base <= 0 {
		base = DefaultBackoff.Base
	}
	if maxd <= 0 {
		maxd = DefaultBackoff.Max
	}
	if failures <= 0 {
		return 0
	}
	d := base
	for i := 1; i < failures && d < maxd; i++ {
		d *= 2
	}
	return min(d, maxd)
}

// Record returns st after a crawl at now: a success (errMsg == "") clears
// the failures; a failure counts one more and sets the next attempt.
func (b Backoff) Record(st news.SourceState, now time.Time, errMsg string) news.SourceState {
	st.LastAttempt = now
	if errMsg == "" {
		st.Failures, st.FailingSince, st.NextAttempt, st.LastError = 0, time.Time{}, time.Time{}, ""
		st.LastSuccess = now
		return st
	}
	if st.Failures == 0 {
		st.FailingSince = now
	}
	st.Failures++
	st.LastError = errMsg
	r := b.Rand
	if r == nil {
		r = rand.Float64
	}
	d := b.Delay(st.Failures)
	st.NextAttempt = now.Add(d/2 + time.Duration(r()*float64(d/2)))
	return st
}

// Due reports whether a source in state st may be crawled at now.
func Due(st news.SourceState, now time.Time) bool {
	return st.NextAttempt.IsZero() || !now.Before(st.NextAttempt)
}
