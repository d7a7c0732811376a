package digest

import (
	"context"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
)

// A source whose crawls have failed for more than a day (source_state, kept
// by the daemon's backoff) is 'failing' in the data-quality section, with
// the date it began, whatever its fetches in the week looked like.
func TestFailingSourceInQuality(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	since := reporttest.Week47.AddDate(0, 0, -3)
	if err := st.SaveSourceState(context.Background(), news.SourceState{Source: "dc", Failures: 9,
		FailingSince: since, LastAttempt: reporttest.Week47, LastError: "HTTP 503"}); err != nil {
		t.Fatal(err)
	}
	d, err := Build(context.Background(), st, week(t, "2026-W47", london), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dc *SourceRow
	for i := range d.Quality.Sources {
		if d.Quality.Sources[i].Source == "dc" {
			dc = &d.Quality.Sources[i]
		}
	}
	if dc == nil || dc.Status != "failing" || !dc.FailingSince.Equal(since) {
		t.Fatalf("dc = %+v, want failing since %v", dc, since)
	}
	for _, f := range []string{"md", "html"} {
		b, err := Render(d, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "failing since") {
			t.Errorf("%s digest does not say since when dc is failing", f)
		}
	}
}
