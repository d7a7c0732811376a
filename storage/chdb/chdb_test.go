package chdb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as a helper process: the engine's signal handlers
// and its one-process-per-directory lock can only be tested across processes.
const helperEnv = "FRAMEWATCH_CHDB_TEST_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(helper(mode, os.Getenv("FRAMEWATCH_CHDB_TEST_PATH")))
	}
	os.Exit(m.Run())
}

func helper(mode, path string) int {
	ctx := context.Background()
	before := vmRSS()
	b, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 3
	}
	switch mode {
	case "rss":
		// Process memory with the engine open (or, when another process
		// owns path, with the forwarding client), before and after a query.
		opened := vmRSS()
		if _, err := b.Query(ctx, "SELECT count() FROM system.tables"); err != nil {
			fmt.Println("query:", err)
			return 3
		}
		fmt.Println(before, opened, vmRSS(), b.Remote())
		b.Close()
		return 0
	case "serve":
		// Own the store, create a table and serve until stdin closes.
		if err := b.Exec(ctx, "CREATE TABLE IF NOT EXISTS owned (n UInt64, s String) ENGINE = MergeTree ORDER BY n"); err != nil {
			fmt.Println("create:", err)
			return 3
		}
		if err := b.Insert(ctx, "owned", []string{"n", "s"}, [][]any{{uint64(1<<64 - 1), "in the owner"}}); err != nil {
			fmt.Println("insert:", err)
			return 3
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
		b.Close()
		return 0
	case "panic":
		fmt.Println(recovered())
		// Signal 34 is chDB's stack-collection signal; without SA_ONSTACK on
		// its handler this query wedges the Go runtime.
		done := make(chan error, 1)
		go func() {
			_, err := b.Query(ctx, "SELECT count() FROM system.stack_trace")
			done <- err
		}()
		select {
		case err := <-done:
			fmt.Println("stack_trace:", err)
		case <-time.After(20 * time.Second):
			fmt.Println("stack_trace: hung")
		}
		fmt.Println(recovered())
		b.Close()
		return 0
	}
	return 2
}

// recovered dereferences nil under recover: with the engine's handlers left
// in place this kills the process with SIGSEGV instead.
func recovered() (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}()
	var p *struct{ n int }
	return fmt.Sprint(p.n)
}

// vmRSS is this process's resident memory in KiB.
func vmRSS() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "VmRSS:" {
			var kb int
			fmt.Sscan(f[1], &kb)
			return kb
		}
	}
	return 0
}

// needLib skips a test when libchdb.so is absent, except in CI where the
// engine must be installed.
func needLib(t testing.TB) {
	t.Helper()
	if _, err := locate(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skipf("%v", err)
	}
}

func openTest(t testing.TB, opts Options) *Backend {
	t.Helper()
	needLib(t)
	b, err := Open(context.Background(), t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func TestLocate(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FRAMEWATCH_LIBCHDB", filepath.Join(dir, "missing.so"))
	_, err := locate()
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("locate with a missing FRAMEWATCH_LIBCHDB: %v, want ErrNotFound", err)
	}
	for _, want := range []string{"missing.so", "make libchdb", "scripts/get-libchdb.sh"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}

	t.Setenv("FRAMEWATCH_LIBCHDB", "")
	t.Setenv("FRAMEWATCH_CACHE", dir)
	t.Setenv("LD_LIBRARY_PATH", "")
	if p, err := locate(); err == nil && !strings.HasPrefix(p, "/usr/") && !strings.HasPrefix(p, filepath.Dir(os.Args[0])) {
		t.Fatalf("locate found %s with an empty cache", p)
	} else if err != nil {
		for _, want := range []string{"make libchdb", "scripts/get-libchdb.sh", "FRAMEWATCH_LIBCHDB", filepath.Join(dir, Version, "libchdb.so")} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %q", err, want)
			}
		}
	}

	lib := filepath.Join(dir, Version, "libchdb.so")
	os.MkdirAll(filepath.Dir(lib), 0o755)
	os.WriteFile(lib, nil, 0o644)
	if p, err := locate(); err != nil || (p != lib && !strings.HasPrefix(p, filepath.Dir(os.Args[0]))) {
		t.Fatalf("locate = %q, %v; want the cached %s", p, err, lib)
	}
	t.Setenv("FRAMEWATCH_LIBCHDB", os.Args[0])
	if p, err := locate(); err != nil || p != os.Args[0] {
		t.Fatalf("locate = %q, %v; FRAMEWATCH_LIBCHDB must win", p, err)
	}
}

func TestRoundTrip(t *testing.T) {
	b := openTest(t, Options{})
	ctx := context.Background()
	if err := b.Exec(ctx, `CREATE TABLE rt (
		s String, t DateTime('UTC'), u UInt64, i Int64, small UInt8, f Float64, a Array(String)
	) ENGINE = MergeTree ORDER BY s;`); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC) // the hour the UK clocks change
	in := [][]any{
		{"Prison officers' \"union\" — naïve café 🚔 <b>&", when, uint64(1<<64 - 1), int64(-1 << 63), true, 0.1, []string{"a,b", "ünïcode", ""}},
		{"line\nbreak\ttab\\slash", when.In(time.FixedZone("BST", 3600)), uint64(1), int64(42), false, -2.5e300, []string{}},
	}
	if err := b.Insert(ctx, "rt", []string{"s", "t", "u", "i", "small", "f", "a"}, in); err != nil {
		t.Fatal(err)
	}
	rows, err := b.Query(ctx, "SELECT s, t, u, i, small, f, a FROM rt ORDER BY u DESC")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{
		{in[0][0], when, uint64(1<<64 - 1), int64(-1 << 63), int64(1), 0.1, []any{"a,b", "ünïcode", ""}},
		{in[1][0], when, uint64(1), int64(42), int64(0), -2.5e300, []any{}},
	}
	if fmt.Sprintf("%#v", rows.Data) != fmt.Sprintf("%#v", want) {
		t.Errorf("round trip:\n got %#v\nwant %#v", rows.Data, want)
	}
	if got := rows.Columns[1].Type; got != "DateTime('UTC')" {
		t.Errorf("column type %q", got)
	}
	if rows.Index("u") != 2 {
		t.Errorf("Index(u) = %d", rows.Index("u"))
	}
	// NaN goes as "nan" and nil as null (the column's default), in the
	// compact rows as they went in keyed rows.
	if err := b.Insert(ctx, "rt", []string{"s", "t", "u", "i", "small", "f", "a"},
		[][]any{{"nan", when, nil, int64(0), nil, math.NaN(), nil}}); err != nil {
		t.Fatal(err)
	}
	rows, err = b.Query(ctx, "SELECT u, small, isNaN(f), length(a) FROM rt WHERE s = 'nan'")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rows.Data); got != "[[0 0 1 0]]" {
		t.Errorf("NaN and null row read back as %s", got)
	}
}

func TestEngineErrors(t *testing.T) {
	b := openTest(t, Options{})
	ctx := context.Background()
	tests := []struct {
		query string
		want  []string
	}{
		{"SELECT * FROM no_such_table", []string{"Code: 60.", "DB::Exception", "no_such_table"}},
		{"SELEKT 1", []string{"Code: 62.", "Syntax error"}},
		{"SELECT toDateTime('not a date')", []string{"Code: ", "not a date"}},
	}
	for _, tt := range tests {
		_, err := b.Query(ctx, tt.query)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v is not an engine *Error", tt.query, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.query, err, w)
			}
		}
	}
	for _, q := range []string{"USE default", " -- x\n/* y */ set max_threads = 1"} {
		if err := b.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "not supported on the pooled store") {
			t.Errorf("Exec(%q) = %v; session statements must be refused", q, err)
		}
	}
	if err := b.Exec(ctx, "DROP TABLE no_such_table"); err == nil || !strings.Contains(err.Error(), "Code: 60.") {
		t.Errorf("Exec error = %v", err)
	}
	err := b.Insert(ctx, "no_such_table", []string{"a"}, [][]any{{"x"}})
	if err == nil || !strings.Contains(err.Error(), "no_such_table") {
		t.Errorf("Insert error = %v", err)
	}
}

func TestDatabase(t *testing.T) {
	b := openTest(t, Options{Conns: 3})
	ctx := context.Background()
	// Every pooled connection is its own session; each must be in the
	// framewatch database. Hold all three at once to see each of them.
	var wg sync.WaitGroup
	got := make([]string, 3)
	errs := make([]error, 3)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows, err := b.Query(ctx, "SELECT currentDatabase(), sleep(0.3)")
			if err == nil {
				got[i] = rows.Data[0][0].(string)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i] != Database {
			t.Errorf("connection %d: database %q, %v", i, got[i], errs[i])
		}
	}
}

func TestPoolRunsInParallel(t *testing.T) {
	b := openTest(t, Options{Conns: 2})
	ctx := context.Background()
	// A slow query holds one connection; the other must still answer, and
	// see the slow one running.
	done := make(chan error, 1)
	go func() {
		_, err := b.Query(ctx, "SELECT sleep(2) AS marker_pool_parallel")
		done <- err
	}()
	for {
		rows, err := b.Query(ctx, "SELECT count() FROM system.processes WHERE query LIKE '%marker_pool_parallel%' AND query NOT LIKE '%system.processes%'")
		if err != nil {
			t.Fatal(err)
		}
		if rows.Data[0][0].(uint64) == 1 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the slow query finished (%v) before a second connection saw it running", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestMemoryLimit(t *testing.T) {
	for _, limit := range []int64{1 << 30, 3 << 29} {
		b := openTest(t, Options{MaxMemory: limit})
		rows, err := b.Query(context.Background(), "SELECT value FROM system.server_settings WHERE name = 'max_server_memory_usage'")
		if err != nil {
			t.Fatal(err)
		}
		if got := rows.Data[0][0]; got != fmt.Sprint(limit) {
			t.Errorf("max_server_memory_usage = %v, want %d", got, limit)
		}
		b.Close()
	}
	// Past the limit a query fails with the engine's message; the process lives.
	b := openTest(t, Options{MaxMemory: 400 << 20})
	_, err := b.Query(context.Background(), "SELECT length(groupArray(toString(number))) FROM numbers(100000000)")
	if err == nil || !strings.Contains(err.Error(), "MEMORY_LIMIT_EXCEEDED") {
		t.Errorf("query past the memory limit: %v", err)
	}
}

func TestClose(t *testing.T) {
	b := openTest(t, Options{})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := b.Query(context.Background(), "SELECT 1"); err == nil {
		t.Error("Query after Close succeeded")
	}
	// The directory is free again for this process.
	b2, err := Open(context.Background(), b.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b2.Close()
}

func TestPanicRecoverAfterOpen(t *testing.T) {
	needLib(t)
	// ClickHouse's own SIGSEGV handler can sit for minutes before the
	// process dies: bound the wait.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=panic", "FRAMEWATCH_CHDB_TEST_PATH="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper died (%v); a nil dereference after Open must be recoverable:\n%s", err, out)
	}
	want := "recovered: runtime error: invalid memory address or nil pointer dereference\nstack_trace: <nil>\nrecovered: runtime error: invalid memory address or nil pointer dereference\n"
	if !strings.Contains(string(out), want) {
		t.Errorf("helper output:\n%s\nwant it to contain:\n%s", out, want)
	}
}

// startOwner runs a helper process that owns dir and serves it.
func startOwner(t testing.TB, dir string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=serve", "FRAMEWATCH_CHDB_TEST_PATH="+dir)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("owner process: %q", line)
	}
	return cmd, stdin
}

func TestSecondProcessGoesThroughOwner(t *testing.T) {
	needLib(t)
	ctx := context.Background()
	dir := t.TempDir()
	owner, stdin := startOwner(t, dir)
	defer func() { stdin.Close(); owner.Wait() }()

	if fi, err := os.Stat(filepath.Join(dir, socketName)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket: %v, %v; want mode 0600", fi, err)
	}
	b, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Remote() {
		t.Fatal("second Open of an owned directory is not forwarded")
	}
	if err := b.Insert(ctx, "owned", []string{"n", "s"}, [][]any{{uint64(7), "through the socket ✓"}}); err != nil {
		t.Fatal(err)
	}
	rows, err := b.Query(ctx, "SELECT n, s FROM owned ORDER BY n")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{uint64(7), "through the socket ✓"}, {uint64(1<<64 - 1), "in the owner"}}
	if fmt.Sprint(rows.Data) != fmt.Sprint(want) {
		t.Errorf("rows through the owner: %v, want %v", rows.Data, want)
	}
	_, err = b.Query(ctx, "SELECT * FROM missing_table")
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "Code: 60.") {
		t.Errorf("engine error through the owner: %v", err)
	}
	// Parallel callers share the forwarded connection pool.
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := b.Query(ctx, "SELECT count() FROM owned"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	b.Close()

	// The owner dies without cleaning up: its socket is stale, the lock is
	// gone, and the next Open owns the directory itself.
	owner.Process.Kill()
	owner.Wait()
	if _, err := os.Stat(filepath.Join(dir, socketName)); err != nil {
		t.Fatalf("expected a stale socket after kill: %v", err)
	}
	b2, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	if b2.Remote() {
		t.Fatal("Open after the owner died still forwards")
	}
	rows, err = b2.Query(ctx, "SELECT count() FROM owned")
	if err != nil || rows.Data[0][0] != uint64(2) {
		t.Fatalf("after taking over: %v, %v", rows, err)
	}
}
