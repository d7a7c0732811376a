package app

import (
	"reflect"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
)

func TestPickSources(t *testing.T) {
	cfg := &config.Config{Path: "fw.yaml", Sources: []news.Source{{Name: "a"}, {Name: "b"}, {Name: "c"}}}
	tests := []struct {
		only    []string
		want    []string
		wantErr string
	}{
		{nil, []string{"a", "b", "c"}, ""},
		{[]string{"c", "a"}, []string{"a", "c"}, ""},
		{[]string{"b", "b"}, []string{"b"}, ""},
		{[]string{"a", "zz", "yy"}, nil, "unknown source zz, yy (configured: a, b, c)"},
	}
	for _, tt := range tests {
		got, err := PickSources(cfg, tt.only)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("PickSources(%v) err = %v, want %q", tt.only, err, tt.wantErr)
			}
			continue
		}
		var names []string
		for _, s := range got {
			names = append(names, s.Name)
		}
		if err != nil || !reflect.DeepEqual(names, tt.want) {
			t.Errorf("PickSources(%v) = %v, %v; want %v", tt.only, names, err, tt.want)
		}
	}
	if _, err := PickSources(&config.Config{Path: "empty.yaml"}, nil); err == nil || !strings.Contains(err.Error(), "empty.yaml: no sources") {
		t.Errorf("no sources: err = %v", err)
	}
}
