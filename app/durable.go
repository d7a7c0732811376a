package app

import (
	"context"
	"fmt"
	"time"

	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/spool"
)

// SpoolCheck is how often the daemon looks for spooled writes to replay.
const SpoolCheck = 15 * time.Second

// durable gives the store of a writing use case (crawl, run, demo) its
// spool (spool.dir), once: writes the store refuses after a few tries wait
// there. Whatever an earlier run left is replayed now if the store answers.
func (a *App) durable(ctx context.Context, st *storage.Store) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.spool != nil {
		return nil
	}
	sp, err := spool.Open(a.Config.Spool.Dir, spool.Options{MaxBytes: a.Config.Spool.MaxSize, Logger: a.Log})
	if err != nil {
		return fmt.Errorf("%s: spool.dir: %w", a.Config.Path, err)
	}
	a.spool = sp
	st.SetDurability(storage.Durability{Spool: sp, Log: a.Log, OnInsert: a.onInsert})
	if n, err := st.Drain(ctx); err != nil {
		a.Log.Warn("spool: the store still refuses writes; they stay spooled", "replayed", n, "err", err)
	}
	return nil
}

// LostWritesError says that writes could be neither made nor spooled: the
// one outcome a crawl or the daemon must not exit 0 on.
type LostWritesError struct {
	Writes int64
	Store  string
}

func (e *LostWritesError) Error() string {
	return fmt.Sprintf("%d write(s) could not be made to %s nor kept in the spool (see the log); lost articles are fetched again by the next crawl while their source still lists them", e.Writes, e.Store)
}

// finishWrites replays what the run spooled if the store is back (a brief
// outage), logs what still waits in the spool, and returns a
// LostWritesError if any write of this process was lost.
func (a *App) finishWrites(st *storage.Store, lost bool) error {
	if ws := st.WriteStats(); st.Spool() != nil && ws.Spooled > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if _, err := st.Drain(ctx); err != nil {
			a.Log.Warn("spool: writes stay spooled until the next crawl or run", "err", err)
		}
		cancel()
	}
	ws := st.WriteStats()
	if lost || ws.Lost > 0 {
		return &LostWritesError{Writes: max(ws.Lost, 1), Store: st.DSN()}
	}
	if sp := st.Spool(); sp != nil {
		if s := sp.Stats(); s.Records > 0 {
			a.Log.Warn("the store is unavailable: writes are safe in the spool and are replayed by the next crawl or by run",
				"records", s.Records, "bytes", s.Bytes, "spool", s.Dir)
		}
	}
	return nil
}

// drainLoop replays the spool whenever it holds writes and the store
// answers, checking every interval, until ctx ends.
func (a *App) drainLoop(ctx context.Context, st *storage.Store, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if sp := st.Spool(); sp == nil || sp.Stats().Records == 0 {
			continue
		}
		if _, err := st.Drain(ctx); err != nil {
			a.Log.Debug("spool: store still unavailable", "err", err)
		}
	}
}
