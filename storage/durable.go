package storage

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/spool"
)

// Every write of the Store is a write: a logical operation (save these
// articles, log these events …) with the versions and tokens it was given
// when it was made, so that it can be applied again — retried after an
// error, replayed from the spool after an outage or a crash — without
// doubling anything. Applying reads what it needs from the store (earlier
// versions to supersede, the generation in force), then makes its inserts
// in order; each insert is idempotent:
//   - an insert into a table the views read row by row carries a token
//     column whose value is unique to the write: version (articles),
//     tag_version (tag tables, taggings), batch (crawl_log). Rows go in
//     chunks of chunkRows, each one INSERT and so atomic; before applying
//     again, the rows already holding the token are counted and that many
//     whole chunks skipped;
//   - the rest (sources, feed_state, superseded_*) are read by key or by
//     argMax, where a repeated row changes nothing.
type write struct {
	Op         string               `json:"op"`
	Version    uint64               `json:"version,omitempty"`
	At         time.Time            `json:"at"`
	Token      uint64               `json:"token,omitempty"`
	Articles   []news.TaggedArticle `json:"articles,omitempty"`
	Events     []news.CrawlEvent    `json:"events,omitempty"`
	Sources    []news.Source        `json:"sources,omitempty"`
	URL        string               `json:"url,omitempty"`
	Validators *FeedValidators      `json:"validators,omitempty"`
	State      *news.SourceState    `json:"state,omitempty"`

	tried bool            // an attempt may have reached the store
	done  map[string]bool // inserts completed in this process
}

// Write operations.
const (
	opArticles    = "articles"
	opTagging     = "tagging"
	opCrawlLog    = "crawl_log"
	opSources     = "sources"
	opFeedState   = "feed_state"
	opSourceState = "source_state"
)

func (w *write) describe() string {
	switch w.Op {
	case opArticles, opTagging:
		return fmt.Sprintf("%s of %d articles", w.Op, len(w.Articles))
	case opCrawlLog:
		return fmt.Sprintf("crawl log (%d events)", len(w.Events))
	case opFeedState:
		return "feed validators of " + w.URL
	}
	return w.Op
}

// insert is one table insert of a write.
type insert struct {
	Table   string
	Columns []string
	Rows    [][]any
	// TokenColumn and Token identify this write's rows; empty for tables
	// where a repeated row changes nothing.
	TokenColumn string
	Token       uint64
	// Chunk is the most rows of one INSERT; 0: chunkRows.
	Chunk int
}

// chunkRows is the most rows of one INSERT statement; both backends send a
// statement of at most this many rows as one block.
const chunkRows = 10000

// ErrSpooled wraps the store's error when a write could not be made but is
// safe in the spool: callers count it as kept, not lost.
var ErrSpooled = errors.New("kept in the spool until the store is back")

// Durability is how the Store keeps writes it cannot make at once.
type Durability struct {
	Spool *spool.Spool // nil: a failed write is an error
	// Retries and RetryWait bound the attempts before a write is spooled
	// (defaults 3 and 500ms, growing fourfold).
	Retries   int
	RetryWait time.Duration
	Log       *slog.Logger
	// OnInsert, when set, sees every insert attempt (for metrics).
	OnInsert func(table string, rows int, took time.Duration, err error)
}

// WriteStats counts what became of the Store's writes in this process.
type WriteStats struct {
	Spooled  int64 // writes kept in the spool
	Replayed int64 // spooled writes applied
	Lost     int64 // writes neither made nor spooled
}

type writeCounters struct{ spooled, replayed, lost atomic.Int64 }

// SetDurability makes the Store retry and spool its writes (see Durability).
// Call it before the Store is shared.
func (s *Store) SetDurability(d Durability) {
	if d.Retries <= 0 {
		d.Retries = 3
	}
	if d.RetryWait <= 0 {
		d.RetryWait = 500 * time.Millisecond
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	s.dur = d
}

// Spool is the Store's spool, or nil.
func (s *Store) Spool() *spool.Spool { return s.dur.Spool }

// WriteStats reports the writes spooled, replayed and lost so far.
func (s *Store) WriteStats() WriteStats {
	return WriteStats{Spooled: s.counts.spooled.Load(), Replayed: s.counts.replayed.Load(), Lost: s.counts.lost.Load()}
}

// Ping checks that the store answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.b.Query(ctx, "SELECT 1")
	return err
}

// apply makes w, retrying; when it still fails, w goes to the spool and
// the error wraps ErrSpooled. Any other error means w is lost.
func (s *Store) apply(ctx context.Context, w *write) error {
	err := s.applyRetrying(ctx, w)
	if err == nil {
		return nil
	}
	if s.dur.Spool == nil {
		s.counts.lost.Add(1)
		return err
	}
	rec, eerr := json.Marshal(w)
	if eerr == nil {
		eerr = s.dur.Spool.Append(rec)
	}
	if eerr != nil {
		s.counts.lost.Add(1)
		s.dur.Log.Error("write lost: the store refused it and the spool could not keep it",
			"write", w.describe(), "store_err", err, "spool_err", eerr)
		return fmt.Errorf("%w; and it could not be spooled: %v", err, eerr)
	}
	s.counts.spooled.Add(1)
	s.dur.Log.Warn("store unavailable: write spooled for replay", "write", w.describe(), "spool", s.dur.Spool.Dir(), "err", err)
	return fmt.Errorf("%w (%w)", err, ErrSpooled)
}

func (s *Store) applyRetrying(ctx context.Context, w *write) error {
	retries, wait := s.dur.Retries, s.dur.RetryWait
	if retries <= 0 { // no durability configured: one try, as before
		retries = 1
	}
	var err error
	for i := 0; i < retries; i, wait = i+1, wait*4 {
		if err = s.applyOnce(ctx, w); err == nil || ctx.Err() != nil {
			return err
		}
		if i < retries-1 {
			select {
			case <-ctx.Done():
				return err
			case <-time.After(wait):
			}
		}
	}
	return err
}

// applyOnce applies w: its reads, then the inserts not done yet, in order.
func (s *Store) applyOnce(ctx context.Context, w *write) error {
	inserts, err := s.plan(ctx, w)
	if err != nil {
		return err
	}
	if w.done == nil {
		w.done = map[string]bool{}
	}
	tried := w.tried
	w.tried = true
	for _, in := range inserts {
		if w.done[in.Table] {
			continue
		}
		if err := s.insert(ctx, in, tried); err != nil {
			return err
		}
		w.done[in.Table] = true
	}
	return nil
}

// insert makes one insert in chunks; after an earlier attempt (tried), the
// chunks already in the store are skipped.
func (s *Store) insert(ctx context.Context, in insert, tried bool) error {
	rows := in.Rows
	chunk := chunkRows
	if in.Chunk > 0 {
		chunk = in.Chunk
	}
	if tried && in.TokenColumn != "" {
		n, err := s.countToken(ctx, in)
		if err != nil {
			return err
		}
		skip := min(n-n%chunk, len(rows))
		if n >= len(rows) {
			skip = len(rows)
		}
		rows = rows[skip:]
	}
	for len(rows) > 0 {
		k := min(len(rows), chunk)
		start := time.Now()
		err := s.b.Insert(ctx, in.Table, in.Columns, rows[:k])
		if s.dur.OnInsert != nil {
			s.dur.OnInsert(in.Table, k, time.Since(start), err)
		}
		if err != nil {
			return fmt.Errorf("inserting into %s: %w", in.Table, err)
		}
		rows = rows[k:]
	}
	return nil
}

// plan is the inserts that make w, in order, after the reads they need.
func (s *Store) plan(ctx context.Context, w *write) ([]insert, error) {
	switch w.Op {
	case opArticles:
		return s.planArticles(ctx, w)
	case opTagging:
		gen, err := s.GenerationInForce(ctx)
		if err != nil {
			return nil, err
		}
		return s.planTags(ctx, w.Articles, gen, w.Version, w.At, true)
	case opCrawlLog:
		return []insert{crawlLogInsert(w.Events, w.Token)}, nil
	case opSources:
		return []insert{sourcesInsert(w.Sources, w.At, w.Version)}, nil
	case opSourceState:
		return []insert{sourceStateInsert(*w.State, w.Version)}, nil
	case opFeedState:
		return []insert{{Table: "feed_state", Columns: []string{"url", "etag", "last_modified", "updated_at", "version"},
			Rows: [][]any{{w.URL, w.Validators.ETag, w.Validators.LastModified, w.At, w.Version}}}}, nil
	}
	return nil, fmt.Errorf("unknown write %q", w.Op)
}

func (s *Store) countToken(ctx context.Context, in insert) (int, error) {
	rows, err := s.b.Query(ctx, "SELECT count() FROM "+in.Table+" WHERE "+in.TokenColumn+" = "+strconv.FormatUint(in.Token, 10))
	if err != nil {
		return 0, fmt.Errorf("checking what reached %s: %w", in.Table, err)
	}
	return int(rows.Data[0][0].(uint64)), nil
}

// Drain replays the spool into the store, oldest write first, and returns
// how many writes it applied. It stops at the first write the store
// refuses (the rest wait for the next Drain).
func (s *Store) Drain(ctx context.Context) (int, error) {
	if s.dur.Spool == nil {
		return 0, nil
	}
	n, err := s.dur.Spool.Replay(func(rec []byte) error {
		w := &write{}
		if err := json.Unmarshal(rec, w); err != nil {
			// Written by this program and checksummed: a record that
			// does not decode is a bug, and retrying cannot fix it.
			s.dur.Log.Error("spool: record does not decode; skipped", "err", err, "bytes", len(rec))
			return nil
		}
		w.tried = true // it may have been applied before a crash
		return s.applyOnce(ctx, w)
	})
	s.counts.replayed.Add(int64(n))
	if n > 0 {
		s.dur.Log.Info("spool: replayed writes into the store", "writes", n, "err", err)
	}
	return n, err
}

// newToken is a write's token for append-only tables: random, so two
// processes never share one.
func newToken() uint64 {
	var b [8]byte
	rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) | 1 // never 0, the default of old rows
}
