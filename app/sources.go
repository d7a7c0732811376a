package app

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/crawl"
	"github.com/framewatch/framewatch/pipeline/schedule"
	"github.com/framewatch/framewatch/storage"
)

// FailingAfter is how long a source must have been failing before health
// output, the web UI and the digest call it failing.
const FailingAfter = 24 * time.Hour

// sourceBook is the crawl state of every source (news.SourceState), kept in
// memory and in the store's source_state table.
type sourceBook struct {
	mu      sync.Mutex
	states  map[string]news.SourceState
	backoff schedule.Backoff
	now     func() time.Time
}

// sources loads the crawl state from the store, once. A store that cannot
// be read starts every source afresh: that costs a few early retries only.
func (a *App) sources(ctx context.Context, st *storage.Store) *sourceBook {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.book != nil {
		return a.book
	}
	b := &sourceBook{states: map[string]news.SourceState{}, now: a.now,
		backoff: schedule.Backoff{Base: a.Config.Crawl.BackoffBase, Max: a.Config.Crawl.BackoffMax}}
	if b.now == nil {
		b.now = time.Now
	}
	states, err := st.SourceStates(ctx)
	if err != nil {
		a.Log.Warn("cannot read source crawl state; every source starts afresh", "err", err)
	}
	for k, v := range states {
		b.states[k] = v
	}
	a.book = b
	return b
}

// due reports whether src may be crawled now, and its state.
func (b *sourceBook) due(src string) (bool, news.SourceState) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.states[src]
	return schedule.Due(st, b.now().UTC()), st
}

// record updates and stores the state of every source of sum.
func (b *sourceBook) record(ctx context.Context, st *storage.Store, sum crawl.Summary, a *App) {
	now := b.now().UTC()
	for _, s := range sum.Sources {
		b.mu.Lock()
		prev := b.states[s.Source]
		prev.Source = s.Source
		next := b.backoff.Record(prev, now, s.SourceError)
		b.states[s.Source] = next
		b.mu.Unlock()
		if next.Failures > 1 {
			a.Log.Warn("source failing: backing off", "source", s.Source, "failures", next.Failures,
				"next_attempt", next.NextAttempt.Format(time.RFC3339), "failing_since", next.FailingSince.Format(time.RFC3339), "err", next.LastError)
		}
		if err := st.SaveSourceState(context.WithoutCancel(ctx), next); err != nil && !errors.Is(err, storage.ErrSpooled) {
			a.Log.Warn("cannot record source crawl state", "source", s.Source, "err", err)
		}
	}
}

// SourceStates returns the crawl state of every source this process knows
// of, by name, for health output.
func (a *App) SourceStates() []news.SourceState {
	a.mu.Lock()
	b := a.book
	a.mu.Unlock()
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]news.SourceState, 0, len(b.states))
	for _, s := range b.states {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}
