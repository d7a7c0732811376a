package storage

import (
	"context"

	"github.com/framewatch/framewatch/storage/chsql"
)

// Backend is a ClickHouse engine that framewatch can talk to. There are two:
// a server over the native protocol (storage/clickhouse) and the embedded
// chDB engine (storage/chdb). Everything above Backend is written once.
type Backend interface {
	// Exec runs a statement that returns no rows (DDL, ALTER, OPTIMIZE…).
	Exec(ctx context.Context, query string) error
	// Query runs a SELECT (or SHOW, DESCRIBE…) and decodes every row.
	Query(ctx context.Context, query string) (*chsql.Rows, error)
	// Insert appends rows to table. columns names every column given, in
	// the order of each row's values. Values are Go values of the column's
	// type: string, integers, float64, time.Time, []string, bool for UInt8.
	Insert(ctx context.Context, table string, columns []string, rows [][]any) error
	// Close releases the connection(s); it is safe to call once.
	Close() error
}
