// Package storage keeps framewatch's articles, tags and crawl history in
// ClickHouse. Store holds the domain operations, written once over a Backend;
// Open picks the backend from the DSN.
package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/chsql"
)

// Store is the one place where data enters and leaves ClickHouse.
type Store struct {
	b      Backend
	dsn    string // redacted, for messages
	dur    Durability
	counts writeCounters
	layout Layout // single node, or the cluster the schema lives on
}

// New wraps an open backend. Most callers want Open.
func New(b Backend, redactedDSN string) *Store { return &Store{b: b, dsn: redactedDSN} }

// Layout says whether the store is one node or a cluster.
func (s *Store) Layout() Layout { return s.layout }

// DSN returns the store's DSN with any password redacted.
func (s *Store) DSN() string { return s.dsn }

// Close releases the backend.
func (s *Store) Close() error { return s.b.Close() }

// Query binds params into query (see chsql.Bind) and runs it.
func (s *Store) Query(ctx context.Context, query string, params map[string]string) (*chsql.Rows, error) {
	q, err := chsql.Bind(query, params)
	if err != nil {
		return nil, err
	}
	return s.b.Query(ctx, q)
}

// FormatQuerier is a Backend that can return a result in one of the
// engine's own output formats (the embedded engine can; the native protocol
// of a server carries only decoded blocks).
type FormatQuerier interface {
	QueryFormat(ctx context.Context, query, format string) ([]byte, error)
}

// ErrNoEngineFormat says the store cannot produce an engine output format.
var ErrNoEngineFormat = errors.New("this output format is written by the ClickHouse engine itself, which the embedded store " +
	"(chdb://) does; over the native protocol a server returns rows only (use clickhouse-client --format Parquet " +
	"against a ClickHouse server of 19.11 or later)")

// QueryFormat binds params into query and returns the engine's own output in
// format, e.g. "Parquet" (ClickHouse's Parquet writer, with its column types).
func (s *Store) QueryFormat(ctx context.Context, query string, params map[string]string, format string) ([]byte, error) {
	f, ok := s.b.(FormatQuerier)
	if !ok {
		return nil, ErrNoEngineFormat
	}
	q, err := chsql.Bind(query, params)
	if err != nil {
		return nil, err
	}
	return f.QueryFormat(ctx, q, format)
}

// Exec binds params into a statement and runs it.
func (s *Store) Exec(ctx context.Context, query string, params map[string]string) error {
	q, err := chsql.Bind(query, params)
	if err != nil {
		return err
	}
	return s.b.Exec(ctx, q)
}

// version returns a monotonically increasing row version for Replacing
// tables: later writes win.
func version(t time.Time) uint64 { return nextVersion(t) }

// SaveSources records the configured sources.
func (s *Store) SaveSources(ctx context.Context, sources []news.Source) error {
	now := time.Now().UTC()
	return s.apply(ctx, &write{Op: opSources, Sources: sources, At: now, Version: version(now)})
}

func sourcesInsert(sources []news.Source, now time.Time, v uint64) insert {
	rows := make([][]any, 0, len(sources))
	for _, src := range sources {
		rows = append(rows, []any{src.Name, src.Outlet, src.Kind, src.URL, src.Topic, src.Schedule,
			src.OutletType, src.Nation, src.Region, dtime(now), v})
	}
	return insert{Table: "sources", Columns: []string{"name", "outlet", "kind", "url", "topic", "schedule",
		"outlet_type", "nation", "region", "updated_at", "version"}, Rows: rows}
}

// LogCrawl appends fetch events to crawl_log. The events of one call share
// a batch token, which makes the write safe to apply again.
func (s *Store) LogCrawl(ctx context.Context, events []news.CrawlEvent) error {
	if len(events) == 0 {
		return nil
	}
	return s.apply(ctx, &write{Op: opCrawlLog, Events: events, Token: newToken(), At: time.Now().UTC()})
}

func crawlLogInsert(events []news.CrawlEvent, batch uint64) insert {
	rows := make([][]any, 0, len(events))
	for _, e := range events {
		rows = append(rows, []any{dtime(e.Time), e.Source, e.URL, uint16(e.Status), uint64(e.Bytes),
			uint32(e.Duration / time.Millisecond), e.Duration.Seconds(), e.Outcome, e.Error, batch})
	}
	return insert{Table: "crawl_log",
		Columns: []string{"time", "source", "url", "status", "bytes", "duration_ms", "duration", "outcome", "error", "batch"},
		Rows:    rows, TokenColumn: "batch", Token: batch}
}

// inList renders a list of strings as a quoted IN list.
func inList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = chsql.Quote(v)
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// KnownURLs reports which of urls are already stored.
func (s *Store) KnownURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	known := make(map[string]bool)
	for len(urls) > 0 {
		n := min(len(urls), 1000)
		rows, err := s.b.Query(ctx, "SELECT DISTINCT url FROM articles WHERE url IN "+inList(urls[:n]))
		if err != nil {
			return nil, fmt.Errorf("looking up known urls: %w", err)
		}
		for _, r := range rows.Data {
			known[r[0].(string)] = true
		}
		urls = urls[n:]
	}
	return known, nil
}

// StoryPrint is a stored article's near-duplicate fingerprint.
type StoryPrint struct {
	URL         string
	StoryID     string
	Fingerprint uint64
}

// RecentPrints returns fingerprints of articles published since t, for
// assigning story ids to syndicated copies.
func (s *Store) RecentPrints(ctx context.Context, since time.Time) ([]StoryPrint, error) {
	rows, err := s.Query(ctx,
		"SELECT url, argMax(story_id, version), argMax(fingerprint, version) FROM articles "+
			"WHERE published_at >= {since:DateTime} GROUP BY url",
		map[string]string{"since": since.UTC().Format(time.RFC3339)})
	if err != nil {
		return nil, fmt.Errorf("loading recent fingerprints: %w", err)
	}
	out := make([]StoryPrint, 0, len(rows.Data))
	for _, r := range rows.Data {
		out = append(out, StoryPrint{URL: r[0].(string), StoryID: r[1].(string), Fingerprint: r[2].(uint64)})
	}
	return out, nil
}

// FeedValidators are the conditional-GET validators of one URL.
type FeedValidators struct {
	ETag         string
	LastModified string
}

// FeedState returns the validators remembered for url (zero if none).
func (s *Store) FeedState(ctx context.Context, url string) (FeedValidators, error) {
	rows, err := s.Query(ctx,
		"SELECT argMax(etag, version), argMax(last_modified, version) FROM feed_state WHERE url = {url:String} GROUP BY url",
		map[string]string{"url": url})
	if err != nil || len(rows.Data) == 0 {
		return FeedValidators{}, err
	}
	return FeedValidators{ETag: rows.Data[0][0].(string), LastModified: rows.Data[0][1].(string)}, nil
}

// SaveFeedState remembers the validators of url.
func (s *Store) SaveFeedState(ctx context.Context, url string, v FeedValidators) error {
	now := time.Now().UTC()
	return s.apply(ctx, &write{Op: opFeedState, URL: url, Validators: &v, At: now, Version: version(now)})
}

// ConcurrentReads is how many read queries are worth running at once: the
// embedded engine gains from one per pooled connection (measured at 1M
// articles: the digest 4.7 → 3.4 s), while a server already spreads one
// query over every core and only slows down when given more (3.6 → 5.5 s
// on 18.16). 1 unless the backend says otherwise.
func (s *Store) ConcurrentReads() int {
	b := s.b
	if t, ok := b.(traceBackend); ok {
		b = t.Backend
	}
	if c, ok := b.(interface{ ConcurrentReads() int }); ok && c.ConcurrentReads() > 1 {
		return c.ConcurrentReads()
	}
	return 1
}
