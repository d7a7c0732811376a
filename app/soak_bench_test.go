package app

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/storage/storetest"
)

// hostileSite is a news site that misbehaves at random: each response is,
// by chance, a 500, a 429 with Retry-After, a stall past the crawl
// timeout, a body cut short, binary garbage, a redirect loop, a body past
// crawl.max_body, or the real page. Its feeds list new articles as time
// goes on, so the store keeps growing.
type hostileSite struct {
	epoch    time.Time
	requests atomic.Int64
	bad      atomic.Int64
}

func (h *hostileSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.requests.Add(1)
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	switch p := rand.IntN(100); {
	case p < 8:
		h.bad.Add(1)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	case p < 12:
		h.bad.Add(1)
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case p < 15:
		h.bad.Add(1)
		select { // past crawl.timeout
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
		return
	case p < 19:
		h.bad.Add(1)
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte("<html><body><article><p>The prison"))
		return
	case p < 22:
		h.bad.Add(1)
		b := make([]byte, 4096)
		for i := range b {
			b[i] = byte(rand.IntN(256))
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(b)
		return
	case p < 24:
		h.bad.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
		return
	case p < 26:
		h.bad.Add(1)
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>padding padding padding</p>", 1000))
		for i := 0; i < 100 && r.Context().Err() == nil; i++ { // ≈3 MB, past max_body
			w.Write(chunk)
		}
		return
	}
	base := "http://" + r.Host
	if strings.HasPrefix(r.URL.Path, "/a/") {
		id := strings.TrimPrefix(r.URL.Path, "/a/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html lang="en"><head><title>Court story %s</title></head><body><article><h1>Court story %s</h1>`, id, id)
		for i := 0; i < 6; i++ {
			fmt.Fprintf(w, "<p>An offender was jailed at the crown court on day %s, paragraph %d; the judge said the prisoner had shown remorse and the probation service recommended a community order with support for addiction.</p>", id, i)
		}
		fmt.Fprint(w, `</article></body></html>`)
		return
	}
	// /feed/N: the 20 newest articles of feed N, one more every second.
	feed := strings.TrimPrefix(r.URL.Path, "/feed/")
	now := int(time.Since(h.epoch).Seconds())
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>`+base+`</link>`)
	for i := now; i > now-20 && i >= 0; i-- {
		fmt.Fprintf(w, `<item><title>Court story %s-%d</title><link>%s/a/%s-%d</link><pubDate>%s</pubDate></item>`,
			feed, i, base, feed, i, h.epoch.Add(time.Duration(i)*time.Second).UTC().Format(time.RFC1123Z))
	}
	fmt.Fprint(w, `</channel></rss>`)
}

type soakSample struct {
	heapMB, sysMB, rssMB float64 // rss includes the embedded engine's own memory
	goroutines           int
}

func soakMeasure() soakSample {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	var rss float64
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		var size, res int64
		fmt.Sscan(string(b), &size, &res)
		rss = float64(res*int64(os.Getpagesize())) / (1 << 20)
	}
	return soakSample{float64(m.HeapInuse) / (1 << 20), float64(m.Sys) / (1 << 20), rss, runtime.NumGoroutine()}
}

// BenchmarkSoak crawls a local site that misbehaves at random (see
// hostileSite) into the embedded store, crawl after crawl through the
// application layer as the daemon does, for FRAMEWATCH_SOAK (default 20s),
// and reports heap, memory from the OS and goroutines after the first
// crawl and at the end, with what was stored and whether any write was
// lost. docs/benchmarks.md.
//
//	FRAMEWATCH_SOAK=15m nice go test ./app -run '^$' -bench Soak -benchtime 1x -timeout 0
func BenchmarkSoak(b *testing.B) {
	d := 20 * time.Second
	if v := os.Getenv("FRAMEWATCH_SOAK"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			b.Fatalf("FRAMEWATCH_SOAK: %v", err)
		}
	}
	site := &hostileSite{epoch: time.Now().Add(-time.Minute)}
	srv := httptest.NewServer(site)
	defer srv.Close()
	st := storetest.Open(b, "chdb://"+filepath.Join(b.TempDir(), "data"))
	defer st.Close()
	cfg := testConfig(b)
	cfg.Path = "(soak)"
	cfg.Crawl.Delay, cfg.Crawl.Retries, cfg.Crawl.AllowPrivateNetworks = 0, 1, true
	cfg.Crawl.Timeout, cfg.Crawl.MaxBody, cfg.Crawl.Parallelism = time.Second, 1<<20, 8
	cfg.Spool.Dir = filepath.Join(b.TempDir(), "spool")
	for i := range 4 {
		cfg.Sources = append(cfg.Sources, news.Source{Name: fmt.Sprintf("hostile-%d", i), Outlet: "Hostile", Kind: "rss",
			URL: fmt.Sprintf("%s/feed/%d", srv.URL, i), Schedule: "@every 1m", Topic: "justice"})
	}
	a := New(&cfg, Options{Store: st, Log: slog.New(slog.DiscardHandler)})
	defer a.Close()
	ctx := context.Background()
	for range b.N {
		var crawls, stored, failed int
		var start soakSample
		deadline := time.Now().Add(d)
		for time.Now().Before(deadline) || crawls < 2 {
			sum, err := a.Crawl(ctx, CrawlOptions{})
			if err != nil {
				b.Fatalf("crawl %d: %v", crawls, err)
			}
			if sum.Lost() {
				b.Fatalf("crawl %d lost writes: %+v", crawls, sum.Total())
			}
			t := sum.Total()
			stored += t.Stored
			failed += t.Failed
			if crawls == 0 {
				start = soakMeasure()
			}
			crawls++
		}
		end := soakMeasure()
		rows, err := st.Query(ctx, "SELECT count() FROM current_articles", nil)
		if err != nil {
			b.Fatal(err)
		}
		h := a.Health(ctx)
		b.Logf("soak %v: %d crawls, %d requests (%d misbehaved), %d stored (%v in the store), %d failed; heap %.1f→%.1f MB, sys %.1f→%.1f MB, RSS %.0f→%.0f MB, goroutines %d→%d; spool %d records; health %s",
			d, crawls, site.requests.Load(), site.bad.Load(), stored, rows.Data[0][0], failed, start.heapMB, end.heapMB, start.sysMB, end.sysMB, start.rssMB, end.rssMB,
			start.goroutines, end.goroutines, h.Spool.Records, h.Status)
		b.ReportMetric(float64(crawls), "crawls")
		b.ReportMetric(start.heapMB, "heap-start-MB")
		b.ReportMetric(end.heapMB, "heap-end-MB")
		b.ReportMetric(start.sysMB, "sys-start-MB")
		b.ReportMetric(end.sysMB, "sys-end-MB")
		b.ReportMetric(start.rssMB, "rss-start-MB")
		b.ReportMetric(end.rssMB, "rss-end-MB")
		b.ReportMetric(float64(start.goroutines), "goroutines-start")
		b.ReportMetric(float64(end.goroutines), "goroutines-end")
	}
}
