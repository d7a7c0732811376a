package chdb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$`)

// ident renders a table or column name, quoting it when it is not a plain
// identifier.
func ident(s string) string {
	if identRe.MatchString(s) {
		return s
	}
	return "`" + strings.NewReplacer("\\", "\\\\", "`", "\\`").Replace(s) + "`"
}

// insertStatement writes one INSERT … FORMAT JSONCompactEachRow statement
// into b: each row a JSON array in column order. The column names are given
// once in the statement instead of in every row (as JSONEachRow repeats
// them), which makes a tag-row statement about half as long to build and
// for the engine to parse; the values are encoded exactly as before.
func insertStatement(b *bytes.Buffer, table string, columns []string, rows [][]any) error {
	b.WriteString("INSERT INTO ")
	b.WriteString(ident(table))
	b.WriteString(" (")
	for i, c := range columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(ident(c))
	}
	b.WriteString(") FORMAT JSONCompactEachRow\n")
	for i, row := range rows {
		if len(row) != len(columns) {
			return fmt.Errorf("inserting into %s: row %d has %d values for %d columns", table, i, len(row), len(columns))
		}
		b.WriteByte('[')
		for j, v := range row {
			if j > 0 {
				b.WriteByte(',')
			}
			if err := appendValue(b, v); err != nil {
				return fmt.Errorf("inserting into %s: row %d column %s: %w", table, i, columns[j], err)
			}
		}
		b.WriteString("]\n")
	}
	return nil
}

// appendValue writes v as ClickHouse's JSONEachRow reads it: DateTime as
// "YYYY-MM-DD hh:mm:ss" in UTC, bool as 0/1, 64-bit integers exact.
func appendValue(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		appendString(b, x)
	case []byte:
		appendString(b, string(x))
	case bool:
		if x {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	case int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int8:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int16:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int32:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case uint:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint8:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint16:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint32:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case float32:
		appendFloat(b, float64(x))
	case float64:
		appendFloat(b, x)
	case time.Time:
		b.WriteByte('"')
		b.WriteString(x.UTC().Format("2006-01-02 15:04:05"))
		b.WriteByte('"')
	case []string:
		b.WriteByte('[')
		for i, s := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			appendString(b, s)
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendValue(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		j, err := json.Marshal(x)
		if err != nil {
			return fmt.Errorf("cannot encode %T: %w", v, err)
		}
		b.Write(j)
	}
	return nil
}

func appendFloat(b *bytes.Buffer, f float64) {
	switch {
	case math.IsNaN(f):
		b.WriteString(`"nan"`)
	case math.IsInf(f, 1):
		b.WriteString(`"inf"`)
	case math.IsInf(f, -1):
		b.WriteString(`"-inf"`)
	default:
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	}
}

// appendString writes s as a JSON string without HTML escaping; invalid
// UTF-8 becomes U+FFFD, as encoding/json does.
func appendString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == '"' || r == '\\' }) {
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(`\ufffd`)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}
