package chdb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/framewatch/framewatch/storage/chsql"
)

// jsonCompact is ClickHouse's JSONCompact output: column names and types,
// then rows as arrays.
type jsonCompact struct {
	Meta []chsql.Column `json:"meta"`
	Data [][]any        `json:"data"`
}

// decode turns JSONCompact output into normalised Rows. Numbers are kept as
// json.Number until their column type is known, so 64-bit integers survive.
func decode(out []byte) (*chsql.Rows, error) {
	rows := &chsql.Rows{}
	if len(bytes.TrimSpace(out)) == 0 {
		return rows, nil
	}
	var jc jsonCompact
	d := json.NewDecoder(bytes.NewReader(out))
	d.UseNumber()
	if err := d.Decode(&jc); err != nil {
		return nil, fmt.Errorf("chdb: decoding result: %w", err)
	}
	rows.Columns = jc.Meta
	rows.Data = make([][]any, len(jc.Data))
	for i, raw := range jc.Data {
		if len(raw) != len(jc.Meta) {
			return nil, fmt.Errorf("chdb: result row %d has %d values for %d columns", i, len(raw), len(jc.Meta))
		}
		row := make([]any, len(raw))
		for j, cell := range raw {
			v, err := convert(jc.Meta[j].Type, cell)
			if err != nil {
				return nil, fmt.Errorf("chdb: column %s (%s) row %d: %w", jc.Meta[j].Name, jc.Meta[j].Type, i, err)
			}
			row[j] = v
		}
		rows.Data[i] = row
	}
	return rows, nil
}

// unwrap strips a wrapper type such as Nullable(T) and returns T.
func unwrap(typ, wrapper string) (string, bool) {
	if strings.HasPrefix(typ, wrapper+"(") && strings.HasSuffix(typ, ")") {
		return typ[len(wrapper)+1 : len(typ)-1], true
	}
	return typ, false
}

// convert normalises one decoded JSON value of ClickHouse type typ.
func convert(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	for _, w := range []string{"Nullable", "LowCardinality", "SimpleAggregateFunction"} {
		if inner, ok := unwrap(typ, w); ok {
			return convert(inner, v)
		}
	}
	if inner, ok := unwrap(typ, "Array"); ok {
		arr, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("expected an array, got %T", v)
		}
		out := make([]any, len(arr))
		for i, e := range arr {
			c, err := convert(inner, e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	if inner, ok := unwrap(typ, "Tuple"); ok {
		arr, ok := v.([]any)
		if !ok {
			return v, nil // named tuples come as objects: leave as decoded
		}
		types := splitTypes(inner)
		out := make([]any, len(arr))
		for i, e := range arr {
			t := ""
			if i < len(types) {
				t = types[i]
			}
			c, err := convert(t, e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	switch {
	case typ == "UInt64":
		return strconv.ParseUint(numText(v), 10, 64)
	case typ == "Int64" || isSmallInt(typ):
		return strconv.ParseInt(numText(v), 10, 64)
	case typ == "Float32" || typ == "Float64" || strings.HasPrefix(typ, "Decimal"):
		s := numText(v)
		switch s {
		case "inf", "+inf":
			s = "+Inf"
		case "-inf":
			s = "-Inf"
		case "nan", "-nan":
			s = "NaN"
		}
		return strconv.ParseFloat(s, 64)
	case typ == "Date" || typ == "Date32":
		return time.Parse("2006-01-02", fmt.Sprint(v))
	case typ == "DateTime" || strings.HasPrefix(typ, "DateTime(") || strings.HasPrefix(typ, "DateTime64"):
		return parseDateTime(typ, fmt.Sprint(v))
	case typ == "Bool":
		if b, ok := v.(bool); ok {
			return b, nil
		}
	}
	if n, ok := v.(json.Number); ok {
		// A numeric type we do not list (Int128, UInt256…): keep every digit.
		return n.String(), nil
	}
	if arr, ok := v.([]any); ok {
		for i, e := range arr {
			arr[i], _ = convert("", e)
		}
		return arr, nil
	}
	return v, nil
}

func isSmallInt(typ string) bool {
	switch typ {
	case "Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32":
		return true
	}
	return false
}

// numText is the digits of a number that ClickHouse may or may not have
// quoted (18.16 quotes 64-bit integers in JSON, chDB does not).
func numText(v any) string {
	switch n := v.(type) {
	case json.Number:
		return n.String()
	case string:
		return n
	case bool:
		if n {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// parseDateTime reads a DateTime printed in the column's zone (the engine
// runs in UTC when the type names none) and returns it in UTC.
func parseDateTime(typ, s string) (time.Time, error) {
	loc := time.UTC
	if i := strings.Index(typ, "'"); i >= 0 {
		if j := strings.LastIndex(typ, "'"); j > i {
			if l, err := time.LoadLocation(typ[i+1 : j]); err == nil {
				loc = l
			}
		}
	}
	layout := "2006-01-02 15:04:05"
	if strings.Contains(s, ".") {
		layout = "2006-01-02 15:04:05.999999999"
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// splitTypes splits "String, Array(UInt8), Tuple(a Int8, b String)" at
// top-level commas.
func splitTypes(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}
