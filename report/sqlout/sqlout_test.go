package sqlout

import (
	"bytes"
	"testing"
	"time"

	"github.com/framewatch/framewatch/storage/chsql"
)

func TestWrite(t *testing.T) {
	rows := &chsql.Rows{
		Columns: []chsql.Column{{Name: "url", Type: "String"}, {Name: "n", Type: "UInt64"}, {Name: "at", Type: "DateTime('UTC')"}, {Name: "tags", Type: "Array(String)"}, {Name: "x", Type: "Nullable(Float64)"}},
		Data: [][]any{
			{"https://e.example/a", uint64(18446744073709551615), time.Date(2026, 11, 23, 9, 5, 0, 0, time.UTC), []any{"a", "b"}, 0.5},
			{"tab\there, \"quoted\"\nnewline — ü", uint64(7), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), []any{}, nil},
		},
	}
	tests := []struct{ format, want string }{
		{"tsv", "url\tn\tat\ttags\tx\n" +
			"https://e.example/a\t18446744073709551615\t2026-11-23 09:05:00\t[\"a\",\"b\"]\t0.5\n" +
			"tab\\there, \"quoted\"\\nnewline — ü\t7\t2026-01-02 00:00:00\t[]\t\\N\n"},
		{"csv", "url,n,at,tags,x\n" +
			"https://e.example/a,18446744073709551615,2026-11-23 09:05:00,\"[\"\"a\"\",\"\"b\"\"]\",0.5\n" +
			"\"tab\there, \"\"quoted\"\"\nnewline — ü\",7,2026-01-02 00:00:00,[],\n"},
		{"jsonl", `{"url":"https://e.example/a","n":18446744073709551615,"at":"2026-11-23T09:05:00Z","tags":["a","b"],"x":0.5}` + "\n" +
			`{"url":"tab\there, \"quoted\"\nnewline — ü","n":7,"at":"2026-01-02T00:00:00Z","tags":[],"x":null}` + "\n"},
		{"json", "[\n" + `{"url":"https://e.example/a","n":18446744073709551615,"at":"2026-11-23T09:05:00Z","tags":["a","b"],"x":0.5},` + "\n" +
			`{"url":"tab\there, \"quoted\"\nnewline — ü","n":7,"at":"2026-01-02T00:00:00Z","tags":[],"x":null}` + "\n]\n"},
		{"table", "url                                                  n  at                   tags          x\n" +
			"────────────────────────────────  ────────────────────  ───────────────────  ─────────  ────\n" +
			"https://e.example/a               18446744073709551615  2026-11-23 09:05:00  [\"a\",\"b\"]   0.5\n" +
			"tab\\there, \"quoted\"\\nnewline — ü                     7  2026-01-02 00:00:00  []         NULL\n" +
			"(2 rows)\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, rows, tt.format); err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.format, b.String(), tt.want)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, &chsql.Rows{Columns: rows.Columns}, "json"); err != nil || b.String() != "[]\n" {
		t.Errorf("empty json = %q, %v", b.String(), err)
	}
}
