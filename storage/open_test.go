package storage

import (
	"context"
	"net"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRedactDSN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"clickhouse://fw:s3cret@db.example:9000/framewatch", "clickhouse://fw:xxxxx@db.example:9000/framewatch"},
		{"clickhouse://fw:p%40ss@127.0.0.1:9000/fw?dial_timeout=5s", "clickhouse://fw:xxxxx@127.0.0.1:9000/fw?dial_timeout=5s"},
		{"clickhouse://fw@127.0.0.1:9000/fw", "clickhouse://fw@127.0.0.1:9000/fw"},
		{"clickhouse://127.0.0.1:9000/fw?username=fw&password=hunter2", "clickhouse://127.0.0.1:9000/fw?password=xxxxx&username=fw"},
		{"chdb://framewatch-data", "chdb://framewatch-data"},
		{"chdb:///var/lib/framewatch", "chdb:///var/lib/framewatch"},
		{"clickhouse://fw:pa ss%zz@host:9000/db", "clickhouse://fw:xxxxx@host:9000/db"}, // unparseable
		{"", ""},
	} {
		if got := RedactDSN(c.in); got != c.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestChdbPath(t *testing.T) {
	for _, c := range []struct {
		rest, want string
		bad        bool
	}{
		{rest: "framewatch-data", want: "framewatch-data"},
		{rest: "data/fw", want: "data/fw"},
		{rest: "/var/lib/fw", want: "/var/lib/fw"},
		{rest: "/tmp/with%20space", want: "/tmp/with space"},
		{rest: "", bad: true},
		{rest: "data?max_memory=1", bad: true},
	} {
		got, err := chdbPath(c.rest)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("chdbPath(%q) = %q, %v; want %q (error %v)", c.rest, got, err, c.want, c.bad)
		}
	}
}

func TestOpenBadDSN(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{"postgres://u:topsecret@h/db", "framewatch-data", "chdb://data?x=1"} {
		_, err := Open(ctx, dsn, Options{})
		if err == nil {
			t.Errorf("Open(%q) succeeded", dsn)
			continue
		}
		if strings.Contains(err.Error(), "topsecret") {
			t.Errorf("Open(%q) error leaks the password: %v", dsn, err)
		}
	}
}

// An unreachable server is a clear error naming the DSN, password redacted,
// and it comes back promptly rather than after the driver's 30 s default.
func TestOpenUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	dsn := "clickhouse://fw:topsecret@" + addr + "/framewatch"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = Open(ctx, dsn, Options{})
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	msg := err.Error()
	if !strings.Contains(msg, "clickhouse://fw:xxxxx@"+addr+"/framewatch") || strings.Contains(msg, "topsecret") {
		t.Errorf("error does not name the redacted DSN: %v", err)
	}
}

func TestSplitStatements(t *testing.T) {
	src := `-- header comment;
CREATE TABLE a (
    x String, -- inline comment stays
    y UInt8
) ENGINE = MergeTree ORDER BY x;

  -- indented comment
ALTER TABLE a ADD COLUMN z String;
SELECT ';' ;
`
	got, err := SplitStatements(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"CREATE TABLE a (\n    x String, -- inline comment stays\n    y UInt8\n) ENGINE = MergeTree ORDER BY x",
		"ALTER TABLE a ADD COLUMN z String",
		"SELECT ';'",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitStatements:\n got %q\nwant %q", got, want)
	}
	if _, err := SplitStatements("SELECT 1;\nSELECT 2"); err == nil {
		t.Error("unterminated last statement accepted")
	}
}

func TestShippedMigrations(t *testing.T) {
	migs, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) == 0 || migs[0].Version != 1 {
		t.Fatalf("migrations = %+v", migs)
	}
	for i, m := range migs {
		if i > 0 && m.Version <= migs[i-1].Version {
			t.Errorf("%s out of order", m.Name)
		}
		if len(m.Statements) == 0 {
			t.Errorf("%s has no statements", m.Name)
		}
		for _, s := range m.Statements {
			// The 18.16 traps that a migration must avoid.
			for _, bad := range []string{"LowCardinality", "DateTime64", "CODEC", " TTL ", "toStartOfWeek", "ADD COLUMN IF NOT EXISTS", " Map("} {
				if strings.Contains(strings.ReplaceAll(s, "(Map(", "( Map("), bad) {
					t.Errorf("%s uses %q, which ClickHouse 18.16 lacks", m.Name, bad)
				}
			}
		}
	}
}

func TestNextVersionIncreases(t *testing.T) {
	now := time.Now()
	a, b := nextVersion(now), nextVersion(now)
	if b <= a {
		t.Errorf("versions in the same tick: %d then %d", a, b)
	}
}

// FuzzRedactDSN: whatever a user puts in storage.dsn, a password given in
// the URL never reaches a log line.
func FuzzRedactDSN(f *testing.F) {
	for _, s := range []string{
		"clickhouse://fw:s3cret@db:9000/framewatch",
		"clickhouse://fw:p%40ss@127.0.0.1:9000/fw?dial_timeout=5s",
		"clickhouse://127.0.0.1:9000/fw?password=hunter2",
		"chdb://framewatch-data",
		"clickhouse://fw:pa ss%zz@host:9000/db",
		"clickhouse://a:b@c@d:9000/x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		red := RedactDSN(dsn)
		u, err := url.Parse(dsn)
		if err != nil || u.User == nil {
			return
		}
		pw, ok := u.User.Password()
		if !ok || len(pw) < 4 || strings.Count(dsn, pw) != 1 || strings.Contains("clickhouse://xxxxx@:/?", pw) {
			return // too short, or also part of the rest of the text: cannot tell a leak
		}
		if strings.Contains(red, pw) {
			t.Errorf("RedactDSN(%q) = %q leaks password %q", dsn, red, pw)
		}
	})
}
