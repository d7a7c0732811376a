// Package sqlout prints query results the way `framewatch sql` does: an
// aligned table for people, and csv, tsv, json and jsonl for programs, with
// 64-bit integers exact in every format.
package sqlout

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/framewatch/framewatch/storage/chsql"
)

// Formats are the formats framewatch sql offers.
const Formats = "table, csv, tsv, json, jsonl or parquet"

// EngineFormats are written by the ClickHouse engine itself, not by Write:
// the --format name and ClickHouse's name for it.
var EngineFormats = map[string]string{"parquet": "Parquet"}

// ValidFormat reports whether format f is offered (by Write or the engine).
func ValidFormat(f string) bool {
	switch f {
	case "table", "csv", "tsv", "json", "jsonl":
		return true
	}
	_, ok := EngineFormats[f]
	return ok
}

// Write writes rows in format: table (aligned, for people), tsv and csv
// (with a header row), json (an array of objects) or jsonl (an object per
// line). 64-bit integers are printed exactly in every format.
func Write(w io.Writer, rows *chsql.Rows, format string) error {
	switch format {
	case "table":
		return printTable(w, rows)
	case "tsv":
		return printTSV(w, rows)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(columnNames(rows))
		for _, r := range rows.Data {
			rec := make([]string, len(r))
			for i, v := range r {
				if v != nil {
					rec[i] = textValue(v)
				}
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "json", "jsonl":
		return printJSON(w, rows, format == "jsonl")
	}
	return fmt.Errorf("unknown format %q", format)
}

func columnNames(rows *chsql.Rows) []string {
	names := make([]string, len(rows.Columns))
	for i, c := range rows.Columns {
		names[i] = c.Name
	}
	return names
}

// textValue renders a value the way ClickHouse prints it in text formats.
func textValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		b, _ := json.Marshal(jsonValue(x))
		return string(b)
	}
	return fmt.Sprint(v)
}

// jsonValue makes v JSON-ready: times in RFC 3339 UTC, NaN/Inf as strings.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case float64:
		if x != x || x > 1.7976931348623157e308 || x < -1.7976931348623157e308 {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}

func printJSON(w io.Writer, rows *chsql.Rows, lines bool) error {
	keys := make([][]byte, len(rows.Columns))
	for i, c := range rows.Columns {
		keys[i], _ = json.Marshal(c.Name)
	}
	var buf []byte
	if !lines {
		buf = append(buf, '[')
	}
	for n, r := range rows.Data {
		if !lines && n > 0 {
			buf = append(buf, ',')
		}
		if !lines {
			buf = append(buf, '\n')
		}
		buf = append(buf, '{')
		for i, v := range r {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, keys[i]...)
			buf = append(buf, ':')
			b, err := json.Marshal(jsonValue(v))
			if err != nil {
				return err
			}
			buf = append(buf, b...)
		}
		buf = append(buf, '}')
		if lines {
			buf = append(buf, '\n')
		}
		if len(buf) > 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if !lines {
		if len(rows.Data) > 0 {
			buf = append(buf, '\n')
		}
		buf = append(buf, "]\n"...)
	}
	_, err := w.Write(buf)
	return err
}

var tsvEscaper = strings.NewReplacer("\\", `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// printTSV writes ClickHouse's TabSeparatedWithNames: backslash escapes,
// NULL as \N.
func printTSV(w io.Writer, rows *chsql.Rows) error {
	var b strings.Builder
	for i, n := range columnNames(rows) {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(tsvEscaper.Replace(n))
	}
	b.WriteByte('\n')
	for _, r := range rows.Data {
		for i, v := range r {
			if i > 0 {
				b.WriteByte('\t')
			}
			if v == nil {
				b.WriteString(`\N`)
			} else {
				b.WriteString(tsvEscaper.Replace(textValue(v)))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxCell bounds a table cell: article bodies would make a table unreadable.
// The machine formats print every value whole.
const maxCell = 80

var cellEscaper = strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`)

func printTable(w io.Writer, rows *chsql.Rows) error {
	cells := make([][]string, len(rows.Data))
	width := make([]int, len(rows.Columns))
	for i, c := range rows.Columns {
		width[i] = utf8.RuneCountInString(c.Name)
	}
	for n, r := range rows.Data {
		cells[n] = make([]string, len(r))
		for i, v := range r {
			s := cellEscaper.Replace(textValue(v))
			if utf8.RuneCountInString(s) > maxCell {
				s = string([]rune(s)[:maxCell-1]) + "…"
			}
			cells[n][i] = s
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	numeric := make([]bool, len(rows.Columns))
	for i, c := range rows.Columns {
		t := strings.TrimPrefix(c.Type, "Nullable(")
		numeric[i] = strings.HasPrefix(t, "Int") || strings.HasPrefix(t, "UInt") || strings.HasPrefix(t, "Float") || strings.HasPrefix(t, "Decimal")
	}
	var b strings.Builder
	line := func(vals []string) {
		for i, s := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if numeric[i] {
				b.WriteString(pad + s)
			} else if i < len(vals)-1 {
				b.WriteString(s + pad)
			} else {
				b.WriteString(s)
			}
		}
		b.WriteByte('\n')
	}
	line(columnNames(rows))
	dashes := make([]string, len(width))
	for i, n := range width {
		dashes[i] = strings.Repeat("─", n)
	}
	line(dashes)
	for _, r := range cells {
		line(r)
	}
	noun := "rows"
	if len(rows.Data) == 1 {
		noun = "row"
	}
	fmt.Fprintf(&b, "(%d %s)\n", len(rows.Data), noun)
	_, err := io.WriteString(w, b.String())
	return err
}
