package chdb

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rssMB reads this process's resident and peak memory from /proc.
func rssMB(b *testing.B) (rss, peak float64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return rss, peak
}

const benchTable = `CREATE TABLE IF NOT EXISTS bench (
	url String, source String, title String, text String,
	published_at DateTime('UTC'), fingerprint UInt64, word_count UInt32, frames Array(String)
) ENGINE = ReplacingMergeTree ORDER BY url`

var benchColumns = []string{"url", "source", "title", "text", "published_at", "fingerprint", "word_count", "frames"}

// benchRows builds n article-shaped rows with a ~3 KB body each.
func benchRows(start, n int) [][]any {
	body := strings.Repeat("The prisoner was released on licence after serving half of the sentence. ", 40)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		k := start + i
		rows[i] = []any{fmt.Sprintf("https://news.example/%d", k), fmt.Sprintf("outlet-%d", k%7),
			fmt.Sprintf("Headline number %d — “quoted” ü", k), body, t0.Add(time.Duration(k) * time.Minute),
			uint64(k) * 0x9E3779B97F4A7C15, uint32(len(body) / 6), []string{"punitive", "episodic"}}
	}
	return rows
}

// BenchmarkInsert: one op is one Insert call of 10,000 article-shaped rows
// (one JSONEachRow statement). Reports rows/s and the process's memory.
func BenchmarkInsert(b *testing.B) {
	be := openTest(b, Options{MaxMemory: 1 << 30})
	ctx := context.Background()
	openRSS, _ := rssMB(b)
	if err := be.Exec(ctx, benchTable); err != nil {
		b.Fatal(err)
	}
	const n = 10000
	rows := benchRows(0, n)
	b.SetBytes(int64(n * 3200))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := be.Insert(ctx, "bench", benchColumns, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(openRSS, "rss-after-open-MB")
	rss, peak := rssMB(b)
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(peak, "peak-rss-MB")
}

// BenchmarkQuery runs each query against a store of 100,000 article rows,
// in-process and, for the small one, through the owner's socket.
func BenchmarkQuery(b *testing.B) {
	be := openTest(b, Options{MaxMemory: 1 << 30})
	ctx := context.Background()
	if err := be.Exec(ctx, benchTable); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		if err := be.Insert(ctx, "bench", benchColumns, benchRows(i*10000, 10000)); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []struct{ name, sql string }{
		{"point", "SELECT url, title, published_at, fingerprint FROM bench WHERE url = 'https://news.example/4242'"},
		{"groupby-100k", "SELECT source, toMonday(published_at) AS week, count() AS n, uniqExact(fingerprint) FROM bench GROUP BY source, week ORDER BY source, week"},
		{"rows-1000", "SELECT url, title, published_at, fingerprint, frames FROM bench ORDER BY url LIMIT 1000"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := be.Query(ctx, q.sql); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	rss, peak := rssMB(b)
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(peak, "peak-rss-MB")
}

// BenchmarkQueryThroughOwner is the cost `framewatch sql` pays while a
// daemon owns the store: a small query over the unix socket.
func BenchmarkQueryThroughOwner(b *testing.B) {
	needLib(b)
	dir := b.TempDir()
	owner, stdin := startOwner(b, dir)
	defer func() { stdin.Close(); owner.Wait() }()
	be, err := Open(context.Background(), dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer be.Close()
	if !be.Remote() {
		b.Fatal("not forwarded")
	}
	rss, _ := rssMB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := be.Query(context.Background(), "SELECT n, s FROM owned"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(rss, "client-rss-MB")
}

// BenchmarkOpenRSS measures a fresh process: resident memory before Open,
// after Open (engine loaded and connected) and after a first query; then
// the same for a process forwarding to an owner. One op is one process.
func BenchmarkOpenRSS(b *testing.B) {
	needLib(b)
	measure := func(dir string) (before, opened, queried float64, remote bool) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"=rss", "FRAMEWATCH_CHDB_TEST_PATH="+dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var x, y, z int
		if _, err := fmt.Sscan(string(out), &x, &y, &z, &remote); err != nil {
			b.Fatalf("helper said %q", out)
		}
		return float64(x) / 1024, float64(y) / 1024, float64(z) / 1024, remote
	}
	var sum [6]float64
	for i := 0; i < b.N; i++ {
		x, y, z, _ := measure(b.TempDir())
		sum[0], sum[1], sum[2] = sum[0]+x, sum[1]+y, sum[2]+z
		dir := b.TempDir()
		owner, stdin := startOwner(b, dir)
		x, y, z, remote := measure(dir)
		stdin.Close()
		owner.Wait()
		if !remote {
			b.Fatal("client was not forwarded")
		}
		sum[3], sum[4], sum[5] = sum[3]+x, sum[4]+y, sum[5]+z
	}
	n := float64(b.N)
	b.ReportMetric(sum[0]/n, "MB-before-open")
	b.ReportMetric(sum[1]/n, "MB-engine-open")
	b.ReportMetric(sum[2]/n, "MB-after-query")
	b.ReportMetric(sum[5]/n, "MB-forwarding-client")
}
