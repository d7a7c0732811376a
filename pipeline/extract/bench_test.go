package extract

import "testing"

// BenchmarkExtract runs Extract over every sample-site article and the
// hand-written pages; pages/s is the throughput figure in
// docs/benchmarks.md.
func BenchmarkExtract(b *testing.B) {
	pages := append(localPages(b), samplePages(b)...)
	var bytes int64
	for _, p := range pages {
		bytes += int64(len(p.html))
	}
	b.SetBytes(bytes / int64(len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		p := pages[n%len(pages)]
		if _, err := Extract(p.html, p.url); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}
