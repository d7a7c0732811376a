package crawl

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage/storetest"
)

// BenchmarkCrawl measures fetch + extract + relevance + store of the whole
// sample site, without politeness delay, into a fresh database per
// iteration. The site is served as siteCopies separate hosts, as a crawl
// of several outlets is, so a run's fixed costs (robots.txt, feeds, a few
// inserts) do not swamp the per-article work. It reports articles/s
// (articles stored with a fetched page; feed-only ones excluded), the
// process's peak resident memory and its CPU time per article.
//
//	go test -run '^$' -bench BenchmarkCrawl -benchtime 20x ./pipeline/crawl
func BenchmarkCrawl(b *testing.B) {
	const siteCopies = 4
	for _, be := range storetest.Backends {
		b.Run(be.Name, func(b *testing.B) {
			var srcs []news.Source
			for i := range siteCopies {
				srv := httptest.NewServer(samplesite.New(samplesite.Options{SlowDelay: time.Millisecond}))
				defer srv.Close()
				for _, s := range samplesite.Sources(srv.URL) {
					s.Name = fmt.Sprintf("%s-%d", s.Name, i)
					srcs = append(srcs, s)
				}
			}
			ctx := context.Background()
			articles := 0
			var elapsed, cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				st := be.Open(b)
				c := &Crawler{
					Fetch:    fetch.New(fetch.Options{AllowPrivateNetworks: true, Timeout: 10 * time.Second, Parallelism: 8}),
					Store:    st,
					Relevant: relevant(),
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				sum, err := c.Run(ctx, srcs)
				elapsed += time.Since(start)
				cpu += cpuTime() - cpu0
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				t := sum.Total()
				if t.Stored-t.FeedOnly < 20*siteCopies { // the 404 fails by design; pages must not
					b.Fatalf("crawl stored too little: %+v", t)
				}
				articles += t.Stored - t.FeedOnly
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(articles)/elapsed.Seconds(), "articles/s")
			b.ReportMetric(float64(peakRSS())/(1<<20), "peak-MB")
			// CPU per article is what the rate would be bounded by on an
			// idle machine; on a shared one the wall-clock rate drops first.
			b.ReportMetric(float64(cpu.Milliseconds())/float64(articles), "cpu-ms/article")
		})
	}
}

// cpuTime is the process's user+system CPU time so far (the sample site
// and, with chDB, the database engine included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's high-water resident set (VmHWM), in bytes; 0
// where /proc is missing.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
