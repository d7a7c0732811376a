package storage

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/framewatch/framewatch/storage/chsql"
)

// traceBackend prints every statement with its duration to stderr when
// FRAMEWATCH_TRACE_SQL is set: the quickest way to see where a slow command
// spends its time (docs/operations.md).
type traceBackend struct{ Backend }

func trace(q string, t time.Time) {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 150 {
		q = q[:150]
	}
	fmt.Fprintf(os.Stderr, "TRACE %6.1fms %s\n", float64(time.Since(t).Microseconds())/1000, q)
}
func (b traceBackend) Exec(ctx context.Context, q string) error {
	defer trace(q, time.Now())
	return b.Backend.Exec(ctx, q)
}
func (b traceBackend) Query(ctx context.Context, q string) (*chsql.Rows, error) {
	defer trace(q, time.Now())
	return b.Backend.Query(ctx, q)
}
func (b traceBackend) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	defer trace(fmt.Sprintf("INSERT %s %d rows", table, len(rows)), time.Now())
	return b.Backend.Insert(ctx, table, cols, rows)
}

func (b traceBackend) QueryFormat(ctx context.Context, q, format string) ([]byte, error) {
	f, ok := b.Backend.(FormatQuerier)
	if !ok {
		return nil, ErrNoEngineFormat
	}
	defer trace(q+" FORMAT "+format, time.Now())
	return f.QueryFormat(ctx, q, format)
}
