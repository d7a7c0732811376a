package chsql

import (
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		query   string
		reads   bool
		wantErr string
	}{
		{"SELECT 1", true, ""},
		{"  select 1;  ", true, ""},
		{"-- weekly counts\n/* nested /* comment */ */ WITH 1 AS x SELECT x", true, ""},
		{"(SELECT 1) UNION ALL (SELECT 2)", true, ""},
		{"SHOW TABLES", true, ""},
		{"describe articles", true, ""},
		{"DESC articles", true, ""},
		{"EXPLAIN SELECT 1", true, ""},
		{"EXISTS TABLE articles", true, ""},
		{"SELECT 'a;b', \"c;d\", `e;f` FROM t", true, ""},
		{"SELECT 'it''s; fine', 'back\\'slash;'", true, ""},
		{"SELECT 1 -- trailing; comment", true, ""},
		{"# hash comment\nSELECT 1", true, ""},
		{"SELECT 'format json'", true, ""},
		{"INSERT INTO t VALUES (1)", false, ""},
		{"DROP TABLE articles", false, ""},
		{"ALTER TABLE articles DELETE WHERE 1", false, ""},
		{"/* SELECT */ TRUNCATE TABLE articles", false, ""},
		{"-- SELECT\nOPTIMIZE TABLE articles FINAL", false, ""},
		{"SELECT 1 INTO OUTFILE 'x.csv'", false, ""},
		{"SELECT 1; DROP TABLE articles", false, "one statement"},
		{"SELECT 1;;SELECT 2", false, "one statement"},
		{"SELECT 1 FORMAT JSON", false, "FORMAT"},
		{"SELECT 'x", false, "unterminated"},
		{"SELECT /* x", false, "unterminated"},
		{"-- only a comment", false, "no statement"},
	}
	for _, tt := range tests {
		reads, err := Classify(tt.query)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Classify(%q) error = %v, want one containing %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil || reads != tt.reads {
			t.Errorf("Classify(%q) = %v, %v; want %v", tt.query, reads, err, tt.reads)
		}
	}
}

// FuzzClassify checks the read-only guard: whatever precedes it, a
// statement smuggled after a ';' on a new line never passes as a read.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"SELECT 1", "SELECT 'a", "SELECT 1 -- x", "/* a /* b */", "SELECT `x", "WITH 'a\\'' AS x SELECT x", "SHOW TABLES"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		Classify(q)
		smuggled := q + "\n;DROP TABLE articles"
		if reads, err := Classify(smuggled); reads && err == nil {
			t.Fatalf("%q classified as a single read", smuggled)
		}
	})
}
