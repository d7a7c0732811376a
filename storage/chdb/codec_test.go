package chdb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]any
	}{
		{"chDB unquoted UInt64 and Int64",
			`{"meta":[{"name":"u","type":"UInt64"},{"name":"i","type":"Int64"}],"data":[[18446744073709551615,-9223372036854775808]],"rows":1}`,
			[][]any{{uint64(math.MaxUint64), int64(math.MinInt64)}}},
		{"18.16 quoted 64-bit integers",
			`{"meta":[{"name":"u","type":"UInt64"},{"name":"i","type":"Int64"}],"data":[["18446744073709551615","-42"]]}`,
			[][]any{{uint64(math.MaxUint64), int64(-42)}}},
		{"small ints, floats, strings",
			`{"meta":[{"name":"a","type":"UInt8"},{"name":"b","type":"Int32"},{"name":"f","type":"Float64"},{"name":"s","type":"String"}],"data":[[1,-7,0.25,"naïve \"café\" 🚔"]]}`,
			[][]any{{int64(1), int64(-7), 0.25, `naïve "café" 🚔`}}},
		{"non-finite floats",
			`{"meta":[{"name":"a","type":"Float64"},{"name":"b","type":"Float32"},{"name":"c","type":"Nullable(Float64)"}],"data":[["inf","-inf",null]]}`,
			[][]any{{math.Inf(1), math.Inf(-1), nil}}},
		{"dates and times in UTC",
			`{"meta":[{"name":"d","type":"Date"},{"name":"t","type":"DateTime"},{"name":"u","type":"DateTime('UTC')"},{"name":"l","type":"DateTime('Europe/London')"}],"data":[["2026-03-29","2026-03-29 01:30:00","2026-03-29 01:30:00","2026-03-29 03:30:00"]]}`,
			[][]any{{time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC),
				time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC)}}},
		{"arrays, nested and nullable",
			`{"meta":[{"name":"a","type":"Array(String)"},{"name":"n","type":"Array(Array(UInt64))"},{"name":"x","type":"Array(Nullable(Int8))"},{"name":"e","type":"Array(String)"}],"data":[[["a","b"],[[1],[18446744073709551615]],[1,null],[]]]}`,
			[][]any{{[]any{"a", "b"}, []any{[]any{uint64(1)}, []any{uint64(math.MaxUint64)}}, []any{int64(1), nil}, []any{}}}},
		{"NULL, LowCardinality, Bool, Int128",
			`{"meta":[{"name":"n","type":"Nullable(Nothing)"},{"name":"l","type":"LowCardinality(String)"},{"name":"b","type":"Bool"},{"name":"h","type":"Int128"}],"data":[[null,"x",true,"170141183460469231731687303715884105727"]]}`,
			[][]any{{nil, "x", true, "170141183460469231731687303715884105727"}}},
		{"no rows", `{"meta":[{"name":"a","type":"String"}],"data":[]}`, [][]any{}},
	}
	for _, tt := range tests {
		rows, err := decode([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if fmt.Sprintf("%#v", rows.Data) != fmt.Sprintf("%#v", tt.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.name, rows.Data, tt.want)
		}
	}
	for _, bad := range []string{`{"meta":[{"name":"a","type":"UInt64"}],"data":[[-1]]}`, `{"meta":[{"name":"a","type":"String"}],"data":[[1,2]]}`, `{"meta":`} {
		if _, err := decode([]byte(bad)); err == nil {
			t.Errorf("decode(%s) succeeded", bad)
		}
	}
}

func TestInsertStatement(t *testing.T) {
	when := time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	var got bytes.Buffer
	err := insertStatement(&got, "articles", []string{"url", "at", "fp", "ok", "tags", "score", "n", "odd col"},
		[][]any{{"a\"<b>\n\x01\xff", when, uint64(math.MaxUint64), true, []string{"x", "ü"}, math.NaN(), nil, int32(-5)},
			{"", when, uint64(0), false, []string(nil), 1.5, nil, int32(0)}})
	if err != nil {
		t.Fatal(err)
	}
	want := "INSERT INTO articles (url, at, fp, ok, tags, score, n, `odd col`) FORMAT JSONCompactEachRow\n" +
		`["a\"<b>\n\u0001\ufffd","2026-11-23 09:00:00",18446744073709551615,1,["x","ü"],"nan",null,-5]` + "\n" +
		`["","2026-11-23 09:00:00",0,0,[],1.5,null,0]` + "\n"
	if got.String() != want {
		t.Errorf("got  %q\nwant %q", got.String(), want)
	}
	if err := insertStatement(new(bytes.Buffer), "t", []string{"a", "b"}, [][]any{{1}}); err == nil {
		t.Error("a short row was accepted")
	}
	if err := insertStatement(new(bytes.Buffer), "t", []string{"a"}, [][]any{{make(chan int)}}); err == nil {
		t.Error("an unencodable value was accepted")
	}
}

// FuzzAppendString: scraped text goes through the hand-written escaper; it
// must read back exactly as encoding/json's encoding of the same string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" and \\ slash", "tab\tnew\nline\r", "\x00\x1f", "ünïcödé 🚔", "bad \xff\xfe utf8", "\u2028\u2029"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		appendString(&b, s)
		var got string
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("appendString(%q) = %s: not JSON: %v", s, b.Bytes(), err)
		}
		ref, _ := json.Marshal(s)
		var want string
		json.Unmarshal(ref, &want)
		if got != want {
			t.Fatalf("appendString(%q) reads back as %q, want %q", s, got, want)
		}
		if strings.ContainsAny(b.String()[1:b.Len()-1], "\n\r") {
			t.Fatalf("raw line break in %q", b.String())
		}
	})
}
