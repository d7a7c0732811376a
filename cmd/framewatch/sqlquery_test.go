package main

import (
	"strings"
	"testing"
)

func TestNamedQuery(t *testing.T) {
	for _, c := range []struct {
		name    string
		params  paramFlags
		wantErr string
	}{
		{"coverage_total", paramFlags{"week_start": "2026-11-16", "week_end": "2026-11-23"}, ""},
		{"coverage_total", paramFlags{"week_start": "2026-11-16"}, "--param week_end=… (DateTime)"},
		{"coverage_total", paramFlags{"week_start": "x", "week_end": "y", "nope": "1"}, `no parameter "nope"`},
		{"no_such_query", nil, "no query named"},
		{"latest_article", paramFlags{}, ""},
	} {
		_, err := namedQuery(c.name, c.params)
		if (err == nil) != (c.wantErr == "") || err != nil && !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("namedQuery(%s, %v) error = %v, want %q", c.name, c.params, err, c.wantErr)
		}
	}
	p := paramFlags{}
	if err := p.Set("outlet=x' OR 1=1 --=y"); err != nil || p["outlet"] != "x' OR 1=1 --=y" {
		t.Errorf("Set kept %q, %v", p["outlet"], err)
	}
	if err := p.Set("novalue"); err == nil {
		t.Error("--param without = must be an error")
	}
	if !strings.Contains(queryList(), "frame_share") {
		t.Error("queryList lacks frame_share")
	}
}
