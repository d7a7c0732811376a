package digest

import (
	"context"
	"testing"

	"github.com/framewatch/framewatch/report/reporttest"
)

// BenchmarkBuild times a whole digest (about 40 queries: the week, its 4
// baseline weeks and the 12-week sparkline) over 20,000 articles spread over
// 16 weeks, on each backend.
func BenchmarkBuild(b *testing.B) {
	for _, be := range reporttest.Backends {
		b.Run(be.Name, func(b *testing.B) {
			st := be.Open(b)
			reporttest.Synthetic(b, st, 20000, reporttest.Week47.AddDate(0, 0, 7), 16)
			p := week(nil, "2026-W47", london)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d, err := Build(context.Background(), st, p, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if d.Empty {
					b.Fatal("empty digest")
				}
			}
		})
	}
}

// BenchmarkRenderHTML times rendering the seeded digest's self-contained page.
func BenchmarkRenderHTML(b *testing.B) {
	st := reporttest.OpenServer(b)
	reporttest.Synthetic(b, st, 2000, reporttest.Week47.AddDate(0, 0, 7), 5)
	d, err := Build(context.Background(), st, week(nil, "2026-W47", london), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(d, "html"); err != nil {
			b.Fatal(err)
		}
	}
}
