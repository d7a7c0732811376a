// Package clickhouse is the storage backend for a ClickHouse server, over
// clickhouse-go v2's native protocol. The HTTP protocol of clickhouse-go does
// not work with ClickHouse 18.16, which the team still has to support.
package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"reflect"
	"strings"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/framewatch/framewatch/storage/chsql"
)

// BatchRows is how many rows go into one INSERT: large enough to amortise
// the round trip, small enough to bound client and server memory.
const BatchRows = 10000

// Options tune the connection.
type Options struct {
	Logger *slog.Logger
	// Settings are session settings added to those the DSN names (a
	// cluster's distributed_product_mode, say).
	Settings map[string]any
}

// Backend is a pool of native-protocol connections to one database.
type Backend struct {
	conn driver.Conn
	db   string
}

// Open connects to the server named by dsn (clickhouse://user:pass@host:port/db?…),
// creating the database if it does not exist yet.
func Open(ctx context.Context, dsn string, opts Options) (*Backend, error) {
	o, err := ch.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("bad clickhouse DSN: %w", err)
	}
	if o.Protocol != ch.Native {
		return nil, errors.New("only the native protocol is supported (clickhouse://host:9000), not HTTP")
	}
	db := o.Auth.Database
	if db == "" {
		db = "default"
	}
	tune(o)
	for k, v := range opts.Settings {
		if o.Settings == nil {
			o.Settings = ch.Settings{}
		}
		if _, set := o.Settings[k]; !set {
			o.Settings[k] = v
		}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	// Connect to "default" first: the target database may not exist yet,
	// and a connection naming a missing database is refused.
	if db != "default" {
		bo := *o
		bo.Auth.Database = "default"
		boot, err := ch.Open(&bo)
		if err != nil {
			return nil, err
		}
		if err := boot.Ping(ctx); err != nil {
			boot.Close()
			return nil, fmt.Errorf("server unreachable: %w", wrap(err))
		}
		err = boot.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+quoteIdent(db))
		boot.Close()
		if err != nil {
			return nil, fmt.Errorf("creating database %s: %w", db, err)
		}
	}
	conn, err := ch.Open(o)
	if err != nil {
		return nil, err
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("server unreachable: %w", wrap(err))
	}
	if v, err := conn.ServerVersion(); err == nil {
		log.Info("clickhouse: connected", "addr", strings.Join(o.Addr, ","), "database", db, "server", v.String())
	}
	return &Backend{conn: conn, db: db}, nil
}

// tune fills in timeouts and pool sizes that the DSN left at their
// library defaults, which are too patient for a crawler (30 s dial, 5 min
// reads on a single stuck query).
func tune(o *ch.Options) {
	if o.DialTimeout == 0 || o.DialTimeout == 30*time.Second {
		o.DialTimeout = 5 * time.Second
	}
	if o.ReadTimeout == 0 || o.ReadTimeout == 5*time.Minute {
		o.ReadTimeout = 2 * time.Minute
	}
	if o.MaxOpenConns == 0 {
		o.MaxOpenConns = 8
	}
	if o.MaxIdleConns == 0 {
		o.MaxIdleConns = 4
	}
	if o.ConnMaxLifetime == 0 {
		o.ConnMaxLifetime = 30 * time.Minute
	}
	// 18.16 predates the settings newer drivers send by default; keep the
	// session settings empty unless the DSN asked for some.
	o.ClientInfo.Products = append(o.ClientInfo.Products, struct{ Name, Version string }{"framewatch", "0.1"})
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// Exec runs a statement that returns no rows.
func (b *Backend) Exec(ctx context.Context, query string) error {
	if err := b.conn.Exec(ctx, query); err != nil {
		return wrap(err)
	}
	return nil
}

// Query runs a query and decodes every row into chsql's normalised values.
func (b *Backend) Query(ctx context.Context, query string) (*chsql.Rows, error) {
	rows, err := b.conn.Query(ctx, query)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	types := rows.ColumnTypes()
	out := &chsql.Rows{Columns: make([]chsql.Column, len(types))}
	dest := make([]any, len(types))
	for i, ct := range types {
		out.Columns[i] = chsql.Column{Name: ct.Name(), Type: ct.DatabaseTypeName()}
		dest[i] = reflect.New(ct.ScanType()).Interface()
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, wrap(err)
		}
		row := make([]any, len(dest))
		for i, d := range dest {
			row[i] = Normalize(reflect.ValueOf(d).Elem())
		}
		out.Data = append(out.Data, row)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// Normalize turns a scanned driver value into the Go value chsql.Rows
// documents, so that code above storage sees the same values from either
// backend.
func Normalize(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return Normalize(v.Elem())
	case reflect.String:
		return v.String()
	case reflect.Bool:
		if v.Bool() {
			return int64(1)
		}
		return int64(0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return int64(v.Uint())
	case reflect.Uint, reflect.Uint64:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = Normalize(v.Index(i))
		}
		return out
	}
	switch x := v.Interface().(type) {
	case time.Time:
		return x.UTC()
	case big.Int:
		return x.String()
	case net.IP:
		return x.String()
	case fmt.Stringer:
		return x.String()
	}
	return v.Interface()
}

// Insert appends rows in batches of BatchRows. Every batch names its
// columns: 18.16 answers a column-less INSERT with an empty header and every
// Append then fails; and it never uses inline VALUES, which hang on 18.16.
func (b *Backend) Insert(ctx context.Context, table string, columns []string, rows [][]any) error {
	idents := make([]string, len(columns))
	for i, c := range columns {
		idents[i] = quoteIdent(c)
	}
	stmt := "INSERT INTO " + quoteIdent(table) + " (" + strings.Join(idents, ", ") + ")"
	for len(rows) > 0 {
		n := min(len(rows), BatchRows)
		if err := b.insertBatch(ctx, stmt, rows[:n]); err != nil {
			return fmt.Errorf("inserting into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func (b *Backend) insertBatch(ctx context.Context, stmt string, rows [][]any) error {
	batch, err := b.conn.PrepareBatch(ctx, stmt)
	if err != nil {
		return wrap(err)
	}
	for _, r := range rows {
		if err := batch.Append(r...); err != nil {
			batch.Abort()
			return wrap(err)
		}
	}
	return wrap(batch.Send())
}

// Close closes the pool.
func (b *Backend) Close() error { return b.conn.Close() }

// Database is the database the backend reads and writes.
func (b *Backend) Database() string { return b.db }

// wrap keeps ClickHouse's own exception text (analysts read it) but drops
// the driver's nesting.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var ex *ch.Exception
	if errors.As(err, &ex) {
		return fmt.Errorf("Code: %d. DB::Exception: %s", ex.Code, ex.Message)
	}
	return err
}
