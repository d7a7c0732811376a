package clickhouse

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/storage/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

func open(t *testing.T) *Backend {
	t.Helper()
	b, err := Open(context.Background(), chtest.Server(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// Every ClickHouse type framewatch may meet decodes to the value chsql.Rows
// documents.
func TestQueryDecodes(t *testing.T) {
	b := open(t)
	ctx := context.Background()
	at := time.Date(2026, 7, 1, 8, 30, 15, 0, time.UTC)
	for _, c := range []struct {
		expr string
		want any
	}{
		{"'“curly” Siân 🚔'", "“curly” Siân 🚔"},
		{"toInt8(-5)", int64(-5)},
		{"toInt64(-9223372036854775808)", int64(-9223372036854775808)},
		{"toUInt8(255)", int64(255)},
		{"toUInt32(4294967295)", int64(4294967295)},
		{"toUInt64(18446744073709551615)", uint64(18446744073709551615)},
		{"toFloat32(0.5)", 0.5},
		{"toFloat64(2.25)", 2.25},
		{"toDate('2026-07-01')", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		{"toDateTime('2026-07-01 08:30:15', 'UTC')", at},
		{"toDateTime('2026-07-01 09:30:15', 'Europe/London')", at},
		{"['a', 'b']", []any{"a", "b"}},
		{"emptyArrayString()", []any{}},
		{"[[1, 2], [3]]", []any{[]any{int64(1), int64(2)}, []any{int64(3)}}},
		{"CAST(NULL AS Nullable(String))", nil},
		{"toNullable(7)", int64(7)},
		{"[toNullable('x'), NULL]", []any{"x", nil}},
		{"toFixedString('ab', 2)", "ab"},
	} {
		rows, err := b.Query(ctx, "SELECT "+c.expr+" AS v")
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		got := rows.Data[0][0]
		if tm, ok := got.(time.Time); ok && tm.Location() != time.UTC {
			t.Errorf("%s: time in %v, want UTC", c.expr, tm.Location())
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("SELECT %s = %#v (%T), want %#v", c.expr, got, got, c.want)
		}
		if rows.Columns[0].Name != "v" || rows.Columns[0].Type == "" {
			t.Errorf("%s: column = %+v", c.expr, rows.Columns[0])
		}
	}
}

// Inserts larger than one batch arrive whole; bools go into UInt8.
func TestInsertBatches(t *testing.T) {
	b := open(t)
	ctx := context.Background()
	if err := b.Exec(ctx, "CREATE TABLE t (n UInt64, s String, ok UInt8, tags Array(String), at DateTime('UTC')) ENGINE = MergeTree ORDER BY n"); err != nil {
		t.Fatal(err)
	}
	const n = 2*BatchRows + 123
	rows := make([][]any, n)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = []any{uint64(i), fmt.Sprint("row ", i), i%2 == 0, []string{"x"}, at}
	}
	if err := b.Insert(ctx, "t", []string{"n", "s", "ok", "tags", "at"}, rows); err != nil {
		t.Fatal(err)
	}
	got, err := b.Query(ctx, "SELECT count(), sum(ok), max(n), min(at) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	want := []any{uint64(n), uint64(n/2 + 1), uint64(n - 1), at}
	if !reflect.DeepEqual(got.Data[0], want) {
		t.Errorf("after insert: %v, want %v", got.Data[0], want)
	}
}

// Errors carry ClickHouse's own message, which analysts read.
func TestErrorsKeepServerMessage(t *testing.T) {
	b := open(t)
	_, err := b.Query(context.Background(), "SELECT * FROM no_such_table")
	if err == nil || !strings.Contains(err.Error(), "Code: 60") || !strings.Contains(err.Error(), "no_such_table") {
		t.Errorf("error = %v, want ClickHouse's UNKNOWN_TABLE message", err)
	}
	if err := b.Insert(context.Background(), "no_such_table", []string{"a"}, [][]any{{"x"}}); err == nil {
		t.Error("insert into a missing table succeeded")
	}
}

// Open creates the DSN's database, and a second Open finds it.
func TestOpenCreatesDatabase(t *testing.T) {
	dsn := chtest.Server(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		b, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatalf("open %d: %v", i+1, err)
		}
		rows, err := b.Query(ctx, "SELECT currentDatabase()")
		b.Close()
		if err != nil {
			t.Fatal(err)
		}
		if db := rows.Data[0][0].(string); !strings.HasSuffix(dsn, "/"+db) {
			t.Errorf("connected to %q, DSN %s", db, dsn)
		}
	}
}

func TestOpenRejectsHTTP(t *testing.T) {
	if _, err := Open(context.Background(), "http://127.0.0.1:8123/db", Options{}); err == nil {
		t.Error("HTTP DSN accepted; clickhouse-go's HTTP protocol does not work with 18.16")
	}
}
