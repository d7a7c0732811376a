package queries

import (
	"strings"
	"testing"
)

// Every shipped query must say what it answers and document every
// parameter it uses, so an analyst can run it without reading Go.
func TestHeadersDocumentParams(t *testing.T) {
	names := List()
	if len(names) < 10 {
		t.Fatalf("List() = %v, want the shipped queries", names)
	}
	for _, name := range names {
		sql, err := Get(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sql, "-- "+name+": ") {
			t.Errorf("%s: header must start with %q", name, "-- "+name+": ")
		}
		header := strings.TrimSuffix(sql, body(sql))
		for _, p := range Params(sql) {
			if !strings.Contains(header, "{"+p.Name+":"+p.Type+"}") {
				t.Errorf("%s: parameter {%s:%s} not documented in the header", name, p.Name, p.Type)
			}
		}
		if strings.Contains(strings.ToLower(body(sql)), "tostartofweek") {
			t.Errorf("%s: toStartOfWeek does not exist on ClickHouse 18.16", name)
		}
	}
}

func TestGet(t *testing.T) {
	for _, name := range []string{"frame_share", "frame_share.sql", "queries/frame_share.sql"} {
		if _, err := Get(name); err != nil {
			t.Errorf("Get(%q): %v", name, err)
		}
	}
	if _, err := Get("nope"); err == nil || !strings.Contains(err.Error(), "frame_share") {
		t.Errorf("Get(nope) error = %v, want one listing the queries", err)
	}
}

func TestParams(t *testing.T) {
	sql := "-- x: y {a:String}\nSELECT {b:DateTime}, {c:UInt64}, {b:DateTime}"
	got := Params(sql)
	want := []Param{{"b", "DateTime"}, {"c", "UInt64"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Params = %v, want %v", got, want)
	}
	if s := Summary(sql); s != "y {a:String}" {
		t.Errorf("Summary = %q", s)
	}
}
