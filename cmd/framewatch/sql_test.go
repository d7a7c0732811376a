package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage/chtest"
	"github.com/framewatch/framewatch/storage/storetest"
)

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
		code, _, errs := runCmd(t, tt.stdin, "sql", tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("sql %q (stdin %q) = %d, stderr %q; want %d and %q", tt.args, tt.stdin, code, errs, tt.code, tt.want)
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
	a := app.New(&cfg, app.Options{})
	if _, err := a.Store(t.Context()); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
	a.Close()
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
		return runCmd(t, stdinText, "sql", args...)
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
	// Parquet comes from ClickHouse's own writer, through the daemon too.
	code, out, errs = run("SELECT name, outlet, version FROM sources", "--format", "parquet")
	if code != 0 || len(out) < 12 || out[:4] != "PAR1" || out[len(out)-4:] != "PAR1" || !strings.Contains(out, "Northern Gazette") {
		t.Errorf("--format parquet: exit %d, %d bytes starting %.8q (stderr %q); want a Parquet file", code, len(out), out, errs)
	}
	code, _, errs = run("", "SELECT * FROM no_such_table")
	if code != 1 || !strings.HasPrefix(errs, "Code: 60. DB::Exception:") {
		t.Errorf("bad query: exit %d, stderr %q; want 1 and ClickHouse's message", code, errs)
	}
}

// A server over the native protocol returns rows, not Parquet: a clear error.
func TestSQLParquetOnServerSaysWhy(t *testing.T) {
	t.Setenv("FRAMEWATCH_DSN", chtest.Server(t))
	code, out, errs := runCmd(t, "", "sql", "--format", "parquet", "SELECT 1")
	if code == 0 || out != "" || !strings.Contains(errs, "--format parquet") || !strings.Contains(errs, "embedded store") {
		t.Errorf("parquet on a server: exit %d, stdout %q, stderr %q; want an error naming the embedded store", code, out, errs)
	}
}
