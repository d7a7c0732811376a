package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage/chsql"
	"github.com/framewatch/framewatch/storage/storetest"
)

func TestClassifySQL(t *testing.T) {
	tests := []struct {
		query   string
		reads   bool
		wantErr string
	}{
		{"SELECT 1", true, ""},
		{"  select 1;  ", true, ""},
		{"-- weekly counts\n/* nested /* comment */ */ WITH 1 AS x SELECT x", true, ""},
		{"(SELECT 1) UNION ALL (SELECT 2)", true, ""},
		{"SHOW TABLES", true, ""},
		{"describe articles", true, ""},
		{"DESC articles", true, ""},
		{"EXPLAIN SELECT 1", true, ""},
		{"EXISTS TABLE articles", true, ""},
		{"SELECT 'a;b', \"c;d\", `e;f` FROM t", true, ""},
		{"SELECT 'it''s; fine', 'back\\'slash;'", true, ""},
		{"SELECT 1 -- trailing; comment", true, ""},
		{"# hash comment\nSELECT 1", true, ""},
		{"SELECT 'format json'", true, ""},
		{"INSERT INTO t VALUES (1)", false, ""},
		{"DROP TABLE articles", false, ""},
		{"ALTER TABLE articles DELETE WHERE 1", false, ""},
		{"/* SELECT */ TRUNCATE TABLE articles", false, ""},
		{"-- SELECT\nOPTIMIZE TABLE articles FINAL", false, ""},
		{"SELECT 1 INTO OUTFILE 'x.csv'", false, ""},
		{"SELECT 1; DROP TABLE articles", false, "one statement"},
		{"SELECT 1;;SELECT 2", false, "one statement"},
		{"SELECT 1 FORMAT JSON", false, "FORMAT"},
		{"SELECT 'x", false, "unterminated"},
		{"SELECT /* x", false, "unterminated"},
		{"-- only a comment", false, "no statement"},
	}
	for _, tt := range tests {
		reads, err := classifySQL(tt.query)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("classifySQL(%q) error = %v, want one containing %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil || reads != tt.reads {
			t.Errorf("classifySQL(%q) = %v, %v; want %v", tt.query, reads, err, tt.reads)
		}
	}
}

// FuzzClassifySQL checks the read-only guard: whatever precedes it, a
// statement smuggled after a ';' on a new line never passes as a read.
func FuzzClassifySQL(f *testing.F) {
	for _, s := range []string{"SELECT 1", "SELECT 'a", "SELECT 1 -- x", "/* a /* b */", "SELECT `x", "WITH 'a\\'' AS x SELECT x", "SHOW TABLES"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		classifySQL(q)
		smuggled := q + "\n;DROP TABLE articles"
		if reads, err := classifySQL(smuggled); reads && err == nil {
			t.Fatalf("%q classified as a single read", smuggled)
		}
	})
}

func TestPrintRows(t *testing.T) {
	rows := &chsql.Rows{
		Columns: []chsql.Column{{Name: "url", Type: "String"}, {Name: "n", Type: "UInt64"}, {Name: "at", Type: "DateTime('UTC')"}, {Name: "tags", Type: "Array(String)"}, {Name: "x", Type: "Nullable(Float64)"}},
		Data: [][]any{
			{"https://e.example/a", uint64(18446744073709551615), time.Date(2026, 11, 23, 9, 5, 0, 0, time.UTC), []any{"a", "b"}, 0.5},
			{"tab\there, \"quoted\"\nnewline — ü", uint64(7), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), []any{}, nil},
		},
	}
	tests := []struct{ format, want string }{
		{"tsv", "url\tn\tat\ttags\tx\n" +
			"https://e.example/a\t18446744073709551615\t2026-11-23 09:05:00\t[\"a\",\"b\"]\t0.5\n" +
			"tab\\there, \"quoted\"\\nnewline — ü\t7\t2026-01-02 00:00:00\t[]\t\\N\n"},
		{"csv", "url,n,at,tags,x\n" +
			"https://e.example/a,18446744073709551615,2026-11-23 09:05:00,\"[\"\"a\"\",\"\"b\"\"]\",0.5\n" +
			"\"tab\there, \"\"quoted\"\"\nnewline — ü\",7,2026-01-02 00:00:00,[],\n"},
		{"jsonl", `{"url":"https://e.example/a","n":18446744073709551615,"at":"2026-11-23T09:05:00Z","tags":["a","b"],"x":0.5}` + "\n" +
			`{"url":"tab\there, \"quoted\"\nnewline — ü","n":7,"at":"2026-01-02T00:00:00Z","tags":[],"x":null}` + "\n"},
		{"json", "[\n" + `{"url":"https://e.example/a","n":18446744073709551615,"at":"2026-11-23T09:05:00Z","tags":["a","b"],"x":0.5},` + "\n" +
			`{"url":"tab\there, \"quoted\"\nnewline — ü","n":7,"at":"2026-01-02T00:00:00Z","tags":[],"x":null}` + "\n]\n"},
		{"table", "url                                                  n  at                   tags          x\n" +
			"────────────────────────────────  ────────────────────  ───────────────────  ─────────  ────\n" +
			"https://e.example/a               18446744073709551615  2026-11-23 09:05:00  [\"a\",\"b\"]   0.5\n" +
			"tab\\there, \"quoted\"\\nnewline — ü                     7  2026-01-02 00:00:00  []         NULL\n" +
			"(2 rows)\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := printRows(&b, rows, tt.format); err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.format, b.String(), tt.want)
		}
	}
	var b bytes.Buffer
	if err := printRows(&b, &chsql.Rows{Columns: rows.Columns}, "json"); err != nil || b.String() != "[]\n" {
		t.Errorf("empty json = %q, %v", b.String(), err)
	}
}

func TestSQLArguments(t *testing.T) {
	tests := []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"--format", "xml", "SELECT 1"}, "", 2, "unknown --format"},
		{[]string{"DROP TABLE articles"}, "", 2, "--write"},
		{[]string{}, "SELECT 1; DELETE FROM articles WHERE 1", 2, "one statement"},
		{[]string{}, "  \n", 2, "empty"},
		{[]string{"--file", "x.sql", "SELECT 1"}, "", 2, "not both"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := runSQL(tt.args, strings.NewReader(tt.stdin), &out, &errb)
		if code != tt.code || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("sql %q (stdin %q) = %d, stderr %q; want %d and %q", tt.args, tt.stdin, code, errb.String(), tt.code, tt.want)
		}
	}
}

// TestSQLDaemonHelper is not a test: TestSQLWhileDaemonHoldsStore runs the
// test binary with it as the "daemon" that owns the embedded store.
func TestSQLDaemonHelper(t *testing.T) {
	if os.Getenv("FRAMEWATCH_SQL_TEST_DAEMON") == "" {
		t.Skip("helper process only")
	}
	cfg := config.Defaults()
	st, err := openStore(t.Context(), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
	st.Close()
}

func TestSQLWhileDaemonHoldsStore(t *testing.T) {
	storetest.RequireLibchdb(t)
	t.Setenv("FRAMEWATCH_DSN", "chdb://"+t.TempDir())
	daemon := exec.Command(os.Args[0], "-test.run=^TestSQLDaemonHelper$")
	daemon.Env = append(os.Environ(), "FRAMEWATCH_SQL_TEST_DAEMON=1")
	stdin, _ := daemon.StdinPipe()
	stdout, _ := daemon.StdoutPipe()
	daemon.Stderr = os.Stderr
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); daemon.Wait() }()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("daemon: %q", line)
	}

	run := func(stdinText string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := runSQL(args, strings.NewReader(stdinText), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, _, errs := run("", "--write", "INSERT INTO sources (name, outlet, kind, url, topic, schedule, updated_at, version) "+
		"VALUES ('gazette', 'Northern Gazette', 'rss', 'https://g.example/feed', 'justice', '', now(), 18446744073709551615)")
	if code != 0 {
		t.Fatalf("insert through the daemon: exit %d: %s", code, errs)
	}
	code, out, errs := run("SELECT name, outlet, version FROM sources", "--format", "jsonl")
	want := `{"name":"gazette","outlet":"Northern Gazette","version":18446744073709551615}` + "\n"
	if code != 0 || out != want {
		t.Errorf("query through the daemon: exit %d, %q (stderr %q); want %q", code, out, errs, want)
	}
	code, _, errs = run("", "SELECT * FROM no_such_table")
	if code != 1 || !strings.HasPrefix(errs, "Code: 60. DB::Exception:") {
		t.Errorf("bad query: exit %d, stderr %q; want 1 and ClickHouse's message", code, errs)
	}
}
