package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/framewatch/framewatch/news"
)

var sourceStateColumns = []string{"source", "failures", "last_attempt", "last_success", "failing_since",
	"next_attempt", "last_error", "version"}

// SaveSourceState records a source's crawl state (the newest row wins).
func (s *Store) SaveSourceState(ctx context.Context, st news.SourceState) error {
	now := time.Now().UTC()
	return s.apply(ctx, &write{Op: opSourceState, State: &st, At: now, Version: version(now)})
}

func sourceStateInsert(st news.SourceState, v uint64) insert {
	return insert{Table: "source_state", Columns: sourceStateColumns, Rows: [][]any{{st.Source, uint32(max(st.Failures, 0)),
		dtime(st.LastAttempt), dtime(st.LastSuccess), dtime(st.FailingSince), dtime(st.NextAttempt), st.LastError, v}}}
}

// SourceStates returns the crawl state of every source that has one.
func (s *Store) SourceStates(ctx context.Context) (map[string]news.SourceState, error) {
	rows, err := s.b.Query(ctx, `SELECT source, argMax(failures, version), argMax(last_attempt, version),
    argMax(last_success, version), argMax(failing_since, version), argMax(next_attempt, version),
    argMax(last_error, version)
FROM source_state GROUP BY source`)
	if err != nil {
		return nil, fmt.Errorf("reading source crawl state: %w", err)
	}
	out := make(map[string]news.SourceState, len(rows.Data))
	for _, r := range rows.Data {
		st := news.SourceState{Source: r[0].(string), Failures: int(r[1].(int64)), LastAttempt: r[2].(time.Time),
			LastSuccess: zeroEpoch(r[3].(time.Time)), FailingSince: zeroEpoch(r[4].(time.Time)),
			NextAttempt: zeroEpoch(r[5].(time.Time)), LastError: r[6].(string)}
		st.LastAttempt = zeroEpoch(st.LastAttempt)
		out[st.Source] = st
	}
	return out, nil
}

// zeroEpoch turns DateTime's 1970-01-01 (how a zero time is stored) back
// into the zero time.
func zeroEpoch(t time.Time) time.Time {
	if t.Unix() <= 0 {
		return time.Time{}
	}
	return t
}
