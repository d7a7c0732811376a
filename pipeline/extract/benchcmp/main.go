// Command benchcmp scores framewatch's extraction beside go-trafilatura and
// go-readability on the ScrapingHub article-extraction benchmark, in one
// run on the same decoded pages, and reports F1, precision, recall and CPU
// time per page for the dev and held-out parts. docs/benchmarks.md quotes
// its output.
//
//	go run ./pipeline/extract/benchcmp [-reps 3] [-engines framewatch,...] [-v] [-cpuprofile F]
//
// -v lists the worst dev pages of each engine (held-out pages are never
// listed: they are only scored in aggregate).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/pipeline/extract/aebench"
	"github.com/framewatch/framewatch/pipeline/fetch"
)

type engine struct {
	name string
	run  func(page []byte, u *url.URL) string
}

var engines = []engine{
	{"framewatch", func(page []byte, u *url.URL) string {
		r, err := extract.Extract(page, u.String())
		if err != nil || r.Empty && r.Reason != "paywall" {
			return "" // what the crawler stores: the feed summary, which the benchmark lacks
		}
		return r.Text
	}},
	{"go-trafilatura+fallback", func(page []byte, u *url.URL) string {
		r, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{
			OriginalURL: u, EnableFallback: true, ExcludeComments: true,
		})
		if err != nil || r == nil {
			return ""
		}
		return r.ContentText
	}},
	{"go-trafilatura", func(page []byte, u *url.URL) string {
		r, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{
			OriginalURL: u, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled,
		})
		if err != nil || r == nil {
			return ""
		}
		return r.ContentText
	}},
	{"go-readability", func(page []byte, u *url.URL) string {
		p := readability.NewParser()
		a, err := p.Parse(bytes.NewReader(page), u)
		if err != nil || a.Node == nil {
			return ""
		}
		var b strings.Builder
		if err := a.RenderText(&b); err != nil {
			return ""
		}
		return b.String()
	}},
}

func main() {
	dir := flag.String("data", "", "benchmark directory (default: "+aebench.DefaultDir+" from the repository root)")
	reps := flag.Int("reps", 3, "timed runs per page; the median is kept")
	only := flag.String("engines", "", "comma-separated engines to run (default all)")
	verbose := flag.Bool("v", false, "list the worst dev pages of each engine")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the framewatch runs to this file")
	flag.Parse()
	if *dir == "" {
		*dir = aebench.Find()
	}
	if *dir == "" {
		log.Fatalf("benchmark data not found: expected %s beside the repository", aebench.DefaultDir)
	}
	pages, err := aebench.Load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	decoded := make([][]byte, len(pages))
	urls := make([]*url.URL, len(pages))
	for i, p := range pages {
		decoded[i], _ = fetch.ToUTF8(p.Raw, "")
		if urls[i], err = url.Parse(p.URL); err != nil {
			log.Fatalf("%s: %v", p.ID, err)
		}
	}
	runtime.GOMAXPROCS(1) // CPU per page: one page at a time on one core

	fmt.Printf("%d pages (%d dev, %d held out), %d timed runs each, %s %s/%s\n\n",
		len(pages), count(pages, false), count(pages, true), *reps, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Println("| engine | part | F1 | precision | recall | empty | CPU ms/page median | mean | p90 | allocated MB/page median | max |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, e := range engines {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), e.name) {
			continue
		}
		if *cpuprofile != "" && e.name == "framewatch" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				log.Fatal(err)
			}
			pprof.StartCPUProfile(f)
		}
		counts := make([]aebench.Counts, len(pages))
		cpu := make([]float64, len(pages))
		alloc := make([]float64, len(pages))
		var ms runtime.MemStats
		for i, p := range pages {
			var text string
			times := make([]float64, 0, *reps)
			for range max(*reps, 1) {
				runtime.ReadMemStats(&ms)
				a0 := ms.TotalAlloc
				t0 := cpuTime()
				text = e.run(decoded[i], urls[i])
				times = append(times, float64(cpuTime()-t0)/1e6)
				runtime.ReadMemStats(&ms)
				alloc[i] = float64(ms.TotalAlloc-a0) / (1 << 20)
			}
			slices.Sort(times)
			cpu[i] = times[len(times)/2]
			counts[i] = aebench.Match(p.Truth, text)
		}
		if *cpuprofile != "" && e.name == "framewatch" {
			pprof.StopCPUProfile()
		}
		for _, part := range []string{"dev", "held-out", "all"} {
			var cs []aebench.Counts
			var ms, mb []float64
			for i, p := range pages {
				if part == "all" || p.Held == (part == "held-out") {
					cs = append(cs, counts[i])
					ms = append(ms, cpu[i])
					mb = append(mb, alloc[i])
				}
			}
			s := aebench.Score(cs)
			med, mean, p90 := stats(ms)
			amed, _, _ := stats(mb)
			fmt.Printf("| %s | %s (%d) | %.3f | %.3f | %.3f | %d | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
				e.name, part, s.N, s.F1, s.Precision, s.Recall, s.Empty, med, mean, p90, amed, slices.Max(mb))
		}
		if *verbose {
			type row struct {
				f1 float64
				id string
			}
			var rows []row
			for i, p := range pages {
				if !p.Held {
					rows = append(rows, row{aebench.PageF1(counts[i]), p.ID})
				}
			}
			sort.Slice(rows, func(i, j int) bool { return rows[i].f1 < rows[j].f1 })
			for _, r := range rows[:min(15, len(rows))] {
				fmt.Fprintf(os.Stderr, "  %s worst dev: %.3f %s\n", e.name, r.f1, r.id)
			}
		}
	}
}

func count(pages []aebench.Page, held bool) int {
	n := 0
	for _, p := range pages {
		if p.Held == held {
			n++
		}
	}
	return n
}

func stats(ms []float64) (median, mean, p90 float64) {
	if len(ms) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	for _, v := range s {
		mean += v
	}
	return s[len(s)/2], mean / float64(len(s)), s[len(s)*9/10]
}

// cpuTime is the process's user+system CPU time: what a page costs,
// garbage collection included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		log.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
