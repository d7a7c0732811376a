package chtest

import (
	"context"
	"strings"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2"
)

func TestMain(m *testing.M) { Main(m) }

// recorder stands in for *testing.T to observe Skip and Fatal.
type recorder struct {
	testing.TB
	skipped, failed string
}

type stop struct{}

func (r *recorder) Helper()                   {}
func (r *recorder) Skip(args ...any)          { r.skipped = strings.TrimSpace(sprint(args)); panic(stop{}) }
func (r *recorder) Fatal(args ...any)         { r.failed = strings.TrimSpace(sprint(args)); panic(stop{}) }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = f; panic(stop{}) }

func sprint(args []any) string {
	var b strings.Builder
	for _, a := range args {
		b.WriteString(" ")
		b.WriteString(a.(string))
	}
	return b.String()
}

func call(r *recorder) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				panic(v)
			}
		}
	}()
	Server(r)
}

func TestMissingBinary(t *testing.T) {
	t.Setenv("FRAMEWATCH_CLICKHOUSE_SERVER", "/nonexistent/clickhouse-server")
	for _, c := range []struct {
		ci       string
		wantSkip bool
	}{{"", true}, {"false", true}, {"true", false}} {
		t.Setenv("CI", c.ci)
		r := &recorder{TB: t}
		call(r)
		if c.wantSkip && (r.skipped == "" || r.failed != "") {
			t.Errorf("CI=%q: skipped %q failed %q, want a skip", c.ci, r.skipped, r.failed)
		}
		if !c.wantSkip && (r.failed == "" || r.skipped != "") {
			t.Errorf("CI=%q: skipped %q failed %q, want a failure", c.ci, r.skipped, r.failed)
		}
		if msg := r.skipped + r.failed; !strings.Contains(msg, "/nonexistent/clickhouse-server") {
			t.Errorf("message %q does not name the binary", msg)
		}
	}
}

// Two callers share one server but get different databases, and each
// database is usable.
func TestServerSharedFreshDatabases(t *testing.T) {
	a, b := Server(t), Server(t)
	if a == b {
		t.Fatalf("two callers got the same DSN %s", a)
	}
	hostA, _, _ := strings.Cut(strings.TrimPrefix(a, "clickhouse://"), "/")
	hostB, _, _ := strings.Cut(strings.TrimPrefix(b, "clickhouse://"), "/")
	if hostA != hostB {
		t.Errorf("callers got different servers: %s, %s", a, b)
	}
	opt, err := clickhouse.ParseDSN(a)
	if err != nil {
		t.Fatal(err)
	}
	db := opt.Auth.Database
	opt.Auth.Database = "default"
	conn, err := clickhouse.Open(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	if err := conn.Exec(ctx, "CREATE DATABASE "+db); err != nil {
		t.Fatalf("database %s not fresh: %v", db, err)
	}
	var v string
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&v); err != nil {
		t.Fatal(err)
	}
	t.Logf("throwaway server version %s at %s", v, hostA)
}
