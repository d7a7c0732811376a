package schedule

import (
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
)

func TestBackoffTiming(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for _, jitter := range []float64{0, 0.5, 0.999} {
		b := Backoff{Base: time.Minute, Max: 30 * time.Minute, Rand: func() float64 { return jitter }}
		st := news.SourceState{Source: "s"}
		now := t0
		// Expected waits: 1m, 2m, 4m, 8m, 16m, then capped at 30m; each
		// jittered into [d/2, d).
		for n, d := range []time.Duration{1, 2, 4, 8, 16, 30, 30} {
			d *= time.Minute
			st = b.Record(st, now, "HTTP 503")
			wait := st.NextAttempt.Sub(now)
			want := d/2 + time.Duration(jitter*float64(d/2))
			if wait != want || wait < d/2 || wait >= d {
				t.Fatalf("jitter %.3f: failure %d: wait %v, want %v (in [%v, %v))", jitter, n+1, wait, want, d/2, d)
			}
			if st.Failures != n+1 || !st.FailingSince.Equal(t0) || st.LastError != "HTTP 503" {
				t.Fatalf("state after %d failures: %+v", n+1, st)
			}
			// Not due until the wait is over, due from then on.
			if Due(st, now.Add(wait-time.Second)) || !Due(st, now.Add(wait)) {
				t.Fatalf("Due wrong around %v", st.NextAttempt)
			}
			now = st.NextAttempt
		}
		if got := st.FailingFor(t0.Add(25 * time.Hour)); got != 25*time.Hour {
			t.Errorf("failing for %v", got)
		}
		st = b.Record(st, now, "")
		if st.Failures != 0 || !st.FailingSince.IsZero() || !Due(st, now) || !st.LastSuccess.Equal(now) || st.FailingFor(now) != 0 {
			t.Errorf("after a success: %+v", st)
		}
		// The next failure starts again from the base.
		st = b.Record(st, now, "timeout")
		if w := st.NextAttempt.Sub(now); w < 30*time.Second || w >= time.Minute {
			t.Errorf("first wait after a reset: %v", w)
		}
	}
}

func TestBackoffDefaults(t *testing.T) {
	var b Backoff
	if b.Delay(0) != 0 || b.Delay(1) != 5*time.Minute || b.Delay(100) != 6*time.Hour {
		t.Errorf("defaults: %v %v %v", b.Delay(0), b.Delay(1), b.Delay(100))
	}
}
