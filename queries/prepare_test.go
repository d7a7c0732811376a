package queries

import (
	"strings"
	"testing"
)

func TestPrepare(t *testing.T) {
	for _, c := range []struct {
		name    string
		params  map[string]string
		wantErr string
	}{
		{"coverage_total", map[string]string{"week_start": "2026-11-16", "week_end": "2026-11-23"}, ""},
		{"coverage_total", map[string]string{"week_start": "2026-11-16"}, "--param week_end=… (DateTime)"},
		{"coverage_total", map[string]string{"week_start": "x", "week_end": "y", "nope": "1"}, `no parameter "nope"`},
		{"no_such_query", nil, "no query named"},
		{"latest_article", map[string]string{}, ""},
	} {
		_, err := Prepare(c.name, c.params)
		if (err == nil) != (c.wantErr == "") || err != nil && !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("Prepare(%s, %v) error = %v, want %q", c.name, c.params, err, c.wantErr)
		}
	}
	if !strings.Contains(Help(), "frame_share") {
		t.Error("Help lacks frame_share")
	}
}
