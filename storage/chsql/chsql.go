// Package chsql holds what both storage backends share about ClickHouse SQL:
// the decoded result shape and client-side binding of typed parameters.
//
// Query files use ClickHouse's own parameter syntax, {name:Type}, so analysts
// can run them in clickhouse-client with --param_name=…. ClickHouse 18.16
// cannot bind those on the server, so Bind substitutes them here as escaped,
// typed literals before the query is sent to either backend.
package chsql

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Column is a result column's name and ClickHouse type.
type Column struct {
	Name string
	Type string
}

// Rows is a fully decoded result. Values are normalised the same way by both
// backends: String → string; Int* → int64; UInt8..32 → int64; UInt64 → uint64;
// Float* → float64; Date/DateTime → time.Time in UTC; Array(T) → []any;
// NULL → nil.
type Rows struct {
	Columns []Column
	Data    [][]any
}

// Index returns the position of the named column, or -1.
func (r *Rows) Index(name string) int {
	for i, c := range r.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

var paramRe = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z0-9_(), ']+)\}`)

// Bind replaces every {name:Type} placeholder in query with the value of
// params[name] rendered as a literal of that type. A value that does not
// parse as its type, or a placeholder without a value, is an error: nothing
// a user types can change the shape of the query.
func Bind(query string, params map[string]string) (string, error) {
	var err error
	out := paramRe.ReplaceAllStringFunc(query, func(m string) string {
		if err != nil {
			return m
		}
		sub := paramRe.FindStringSubmatch(m)
		name, typ := sub[1], strings.TrimSpace(sub[2])
		v, ok := params[name]
		if !ok {
			err = fmt.Errorf("query parameter %q (%s) has no value", name, typ)
			return m
		}
		var lit string
		lit, err = Literal(typ, v)
		if err != nil {
			err = fmt.Errorf("query parameter %q: %w", name, err)
		}
		return lit
	})
	return out, err
}

// Literal renders v as a ClickHouse literal of type typ.
func Literal(typ, v string) (string, error) {
	switch {
	case typ == "String":
		return Quote(v), nil
	case typ == "Date":
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return "", fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
		return "toDate('" + t.Format("2006-01-02") + "')", nil
	case typ == "DateTime" || strings.HasPrefix(typ, "DateTime("):
		t, err := ParseTime(v)
		if err != nil {
			return "", err
		}
		return "toDateTime('" + t.UTC().Format("2006-01-02 15:04:05") + "', 'UTC')", nil
	case strings.HasPrefix(typ, "UInt"):
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not an unsigned integer", v)
		}
		return strconv.FormatUint(n, 10), nil
	case strings.HasPrefix(typ, "Int"):
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not an integer", v)
		}
		return strconv.FormatInt(n, 10), nil
	case strings.HasPrefix(typ, "Float"):
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not a number", v)
		}
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	case typ == "Array(DateTime)":
		var parts []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			lit, err := Literal("DateTime", s)
			if err != nil {
				return "", err
			}
			parts = append(parts, lit)
		}
		if len(parts) == 0 {
			return "", fmt.Errorf("%q holds no date or time", v)
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	case typ == "Array(String)":
		// A JSON array carries values that may hold commas (URLs from the
		// store); otherwise the value is a comma-separated list, as typed.
		var elems []string
		if strings.HasPrefix(strings.TrimSpace(v), "[") {
			if err := json.Unmarshal([]byte(v), &elems); err != nil {
				return "", fmt.Errorf("%.60q is not a JSON array of strings: %v", v, err)
			}
		} else {
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					elems = append(elems, s)
				}
			}
		}
		parts := make([]string, len(elems))
		for i, s := range elems {
			parts[i] = Quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	return "", fmt.Errorf("unsupported parameter type %s", typ)
}

// ParseTime accepts the time forms users type: RFC 3339, "YYYY-MM-DD hh:mm:ss"
// (UTC) and a bare date (midnight UTC).
func ParseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date or time (YYYY-MM-DD or RFC 3339)", v)
}

// Quote renders s as a single-quoted ClickHouse string literal.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
