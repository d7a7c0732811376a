package chsql

import (
	"strings"
	"testing"
)

func TestBind(t *testing.T) {
	tests := []struct {
		query   string
		params  map[string]string
		want    string
		wantErr string
	}{
		{"SELECT * FROM t WHERE outlet = {o:String}", map[string]string{"o": "The Courier"},
			"SELECT * FROM t WHERE outlet = 'The Courier'", ""},
		{"WHERE o = {o:String}", map[string]string{"o": "x' OR 1=1 --"}, `WHERE o = 'x\' OR 1=1 --'`, ""},
		{"WHERE o = {o:String}", map[string]string{"o": `a\' OR 1=1`}, `WHERE o = 'a\\\' OR 1=1'`, ""},
		{"WHERE d >= {d:Date}", map[string]string{"d": "2026-11-16"}, "WHERE d >= toDate('2026-11-16')", ""},
		{"WHERE t >= {t:DateTime}", map[string]string{"t": "2026-11-16T07:00:00+01:00"},
			"WHERE t >= toDateTime('2026-11-16 06:00:00', 'UTC')", ""},
		{"LIMIT {n:UInt64}", map[string]string{"n": "25"}, "LIMIT 25", ""},
		{"WHERE s > {s:Float64}", map[string]string{"s": "2.5"}, "WHERE s > 2.5", ""},
		{"WHERE r IN {r:Array(String)}", map[string]string{"r": "a, b's"}, `WHERE r IN ['a', 'b\'s']`, ""},
		{"{u:Array(String)}", map[string]string{"u": `["https://x.example/a,b", "it's", ""]`},
			`['https://x.example/a,b', 'it\'s', '']`, ""},
		{"{u:Array(String)}", map[string]string{"u": `[1, 2]`}, "", "not a JSON array of strings"},
		{"{b:Array(DateTime)}", map[string]string{"b": "2026-11-02T00:00:00Z, 2026-11-09"},
			`[toDateTime('2026-11-02 00:00:00', 'UTC'), toDateTime('2026-11-09 00:00:00', 'UTC')]`, ""},
		{"{b:Array(DateTime)}", map[string]string{"b": "2026-11-02, 1 Nov"}, "", "not a date"},
		{"{b:Array(DateTime)}", map[string]string{"b": " , "}, "", "no date"},
		{"LIMIT {n:UInt64}", map[string]string{"n": "1; DROP TABLE articles"}, "", "not an unsigned integer"},
		{"LIMIT {n:Int32}", map[string]string{"n": "-3x"}, "", "not an integer"},
		{"WHERE d = {d:Date}", map[string]string{"d": "yesterday"}, "", "not a date"},
		{"WHERE o = {o:String}", nil, "", `"o" (String) has no value`},
		{"WHERE o = {o:Map(String, String)}", map[string]string{"o": "x"}, "", "unsupported parameter type"},
		{"SELECT '{not a param}'", nil, "SELECT '{not a param}'", ""},
	}
	for _, tt := range tests {
		got, err := Bind(tt.query, tt.params)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Bind(%q, %v) error = %v, want %q", tt.query, tt.params, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Bind(%q, %v) = %q, %v; want %q", tt.query, tt.params, got, err, tt.want)
		}
	}
}

// unquote reverses Quote the way ClickHouse reads a string literal.
func unquote(t *testing.T, lit string) string {
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		t.Fatalf("%q is not a quoted literal", lit)
	}
	var b strings.Builder
	body := lit[1 : len(lit)-1]
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\'' {
			t.Fatalf("unescaped quote at %d in %q: the literal would end early", i, lit)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(body) {
			t.Fatalf("dangling backslash in %q", lit)
		}
		switch body[i] {
		case '0':
			b.WriteByte(0)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte(body[i])
		}
	}
	return b.String()
}

// Whatever a user types, a String parameter stays one literal holding
// exactly what was typed.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "plain", "x' OR 1=1 --", `\'`, "a\x00b", "line\nbreak", "’curly’", `\\'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := unquote(t, Quote(s)); got != s {
			t.Fatalf("Quote(%q) reads back as %q", s, got)
		}
	})
}
