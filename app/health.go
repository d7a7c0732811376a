package app

import (
	"context"
	"sort"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/spool"
)

// Health is what /healthz answers: whether the daemon can do its job now.
type Health struct {
	// Status is ok, degraded (some source failing for over a day: the
	// daemon works, an outlet does not) or unavailable (the store does not
	// answer, or the spool is nearly full so writes are about to be lost).
	Status  string        `json:"status"`
	Time    time.Time     `json:"time"`
	Store   StoreHealth   `json:"store"`
	Spool   spool.Stats   `json:"spool"`
	Writes  WritesHealth  `json:"writes"`
	Ruleset string        `json:"ruleset,omitempty"`
	Failing []SourceState `json:"sources_failing"`
	// Sources counts the sources with a recorded crawl state.
	Sources int `json:"sources"`
}

// StoreHealth says whether the store answered a query.
type StoreHealth struct {
	DSN       string `json:"dsn"` // password redacted
	Reachable bool   `json:"reachable"`
	Error     string `json:"error,omitempty"`
	LatencyMS int64  `json:"latency_ms"`
}

// WritesHealth counts this process's writes the store refused.
type WritesHealth struct {
	Spooled  int64 `json:"spooled"`
	Replayed int64 `json:"replayed"`
	Lost     int64 `json:"lost"`
}

// SourceState is a source's crawl state as health output shows it.
type SourceState struct {
	news.SourceState
	FailingFor string `json:"failing_for,omitempty"`
}

// Health statuses.
const (
	HealthOK          = "ok"
	HealthDegraded    = "degraded"
	HealthUnavailable = "unavailable"
)

// spoolFullShare is how full the spool may be before health says
// unavailable: past it, an outage of a few more minutes loses writes.
const spoolFullShare = 0.9

// Health checks the store (a query, bounded by ctx), reads the spool
// directory and lists the sources failing for more than FailingAfter.
func (a *App) Health(ctx context.Context) Health {
	now := a.clock()
	h := Health{Status: HealthOK, Time: now, Ruleset: a.RulesetHash(), Failing: []SourceState{}}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	st, err := a.Store(ctx)
	if err == nil {
		h.Store.DSN = st.DSN()
		start := time.Now()
		err = st.Ping(ctx)
		h.Store.LatencyMS = time.Since(start).Milliseconds()
		ws := st.WriteStats()
		h.Writes = WritesHealth{Spooled: ws.Spooled, Replayed: ws.Replayed, Lost: ws.Lost}
	}
	if err != nil {
		h.Store.Error = err.Error()
		h.Status = HealthUnavailable
	} else {
		h.Store.Reachable = true
	}
	h.Spool = *a.spoolStats()
	if float64(h.Spool.Bytes) >= spoolFullShare*float64(h.Spool.MaxBytes) {
		h.Status = HealthUnavailable
	}
	states := a.sourceStates(ctx, h.Store.Reachable)
	h.Sources = len(states)
	for _, s := range states {
		if d := s.FailingFor(now); d > FailingAfter {
			h.Failing = append(h.Failing, SourceState{SourceState: s, FailingFor: d.Round(time.Minute).String()})
		}
	}
	if len(h.Failing) > 0 && h.Status == HealthOK {
		h.Status = HealthDegraded
	}
	return h
}

// sourceStates is the crawl state of every source: the daemon's own, or
// (serve, which crawls nothing) the store's when it answers.
func (a *App) sourceStates(ctx context.Context, storeUp bool) []news.SourceState {
	a.mu.Lock()
	book, st := a.book, a.store
	a.mu.Unlock()
	if book != nil || st == nil || !storeUp {
		return a.SourceStates()
	}
	m, err := st.SourceStates(ctx)
	if err != nil {
		a.Log.Warn("health: cannot read source crawl state", "err", err)
		return nil
	}
	out := make([]news.SourceState, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

// spoolStats reads the spool of this process, or the configured spool
// directory when this process has none open (serve).
func (a *App) spoolStats() *spool.Stats {
	a.mu.Lock()
	sp := a.spool
	a.mu.Unlock()
	var s spool.Stats
	if sp != nil {
		s = sp.Stats()
	} else {
		s = spool.DirStats(a.Config.Spool.Dir, a.Config.Spool.MaxSize)
	}
	return &s
}

func (a *App) clock() time.Time {
	if a.now != nil {
		return a.now().UTC()
	}
	return time.Now().UTC()
}
