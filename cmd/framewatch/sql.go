package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage/chsql"
)

func init() {
	register(command{name: "sql", summary: "run a SQL query on the store and print the result",
		run: func(args []string) int { return runSQL(args, os.Stdin, os.Stdout, os.Stderr) }})
}

// runSQL is `framewatch sql`, with its streams passed in for tests.
func runSQL(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: framewatch sql [--config F] [--format table|csv|tsv|json|jsonl] [--file F] [--write] ["SELECT …"]
       framewatch sql [--config F] [--format …] --query NAME [--param name=value]...

Runs one query against the configured store (the embedded store by default;
while "framewatch run" holds it, through the running daemon) and prints the
result. The query comes from the argument, --file, or stdin. Only reading
statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS) run without --write.
--query runs one of the shipped queries behind the digest (queries/NAME.sql)
with its {name:Type} parameters given by --param; --query list lists them.

Flags:`)
		fs.PrintDefaults()
	}
	queryName := fs.String("query", "", "run the shipped query queries/NAME.sql (\"list\" lists them)")
	params := paramFlags{}
	fs.Var(params, "param", "a parameter of --query as name=value (repeat for each)")
	configPath := fs.String("config", config.DefaultPath, "config file")
	format := fs.String("format", "", "output format: table, csv, tsv, json or jsonl (default: table on a terminal, tsv otherwise)")
	file := fs.String("file", "", "read the query from this file (- for stdin)")
	write := fs.Bool("write", false, "allow statements that change data or schema")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	var query string
	var err error
	var bind map[string]string // only --query binds parameters
	switch {
	case *queryName == "list":
		fmt.Fprint(stdout, queryList())
		return 0
	case *queryName != "" && (fs.NArg() > 0 || *file != ""):
		err = errors.New("give --query or a query, not both")
	case *queryName != "":
		query, err = namedQuery(*queryName, params)
		bind = params
	case len(params) > 0:
		err = errors.New("--param goes with --query")
	default:
		query, err = sqlText(fs.Args(), *file, stdin)
	}
	if err != nil {
		fmt.Fprintln(stderr, "framewatch sql:", err)
		return 2
	}
	if *format == "" {
		*format = "tsv"
		if isTerminal(stdout) {
			*format = "table"
		}
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "framewatch sql: unknown --format %q (want table, csv, tsv, json or jsonl)\n", *format)
		return 2
	}
	reads, err := classifySQL(query)
	if err != nil {
		fmt.Fprintln(stderr, "framewatch sql:", err)
		return 2
	}
	if !reads && !*write {
		fmt.Fprintln(stderr, "framewatch sql: this statement can change data; run it with --write if you mean to")
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "framewatch:", err)
		return 1
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "framewatch:", err)
		return 1
	}
	defer st.Close()
	if !reads {
		if err := st.Exec(ctx, query, nil); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return 0
	}
	rows, err := st.Query(ctx, query, bind)
	if err != nil {
		// ClickHouse's own message, unwrapped: it names the problem.
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := printRows(stdout, rows, *format); err != nil {
		fmt.Fprintln(stderr, "framewatch sql:", err)
		return 1
	}
	return 0
}

// sqlText takes the query from the arguments, --file or stdin, in that order.
func sqlText(args []string, file string, stdin io.Reader) (string, error) {
	var q string
	switch {
	case len(args) > 0 && file != "":
		return "", errors.New("give the query as an argument or with --file, not both")
	case len(args) > 0:
		q = strings.Join(args, " ")
	case file != "" && file != "-":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		q = string(b)
	default:
		if f, ok := stdin.(*os.File); ok && file == "" && isTerminal(f) {
			return "", errors.New(`no query: give it as an argument ("SELECT …"), with --file, or on stdin`)
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("reading the query from stdin: %w", err)
		}
		q = string(b)
	}
	if strings.TrimSpace(q) == "" {
		return "", errors.New("the query is empty")
	}
	return q, nil
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// readVerbs start statements that only read. EXPLAIN and DESCRIBE never run
// their argument; SHOW and EXISTS read the catalogue.
var readVerbs = map[string]bool{
	"SELECT": true, "WITH": true, "SHOW": true, "DESCRIBE": true, "DESC": true, "EXPLAIN": true, "EXISTS": true,
}

var (
	firstWordRe  = regexp.MustCompile(`^[(\s]*([A-Za-z]+)`)
	intoOutfile  = regexp.MustCompile(`(?i)\bINTO\s+OUTFILE\b`)
	formatClause = regexp.MustCompile(`(?i)\bFORMAT\s+[A-Za-z]+\s*$`)
)

// classifySQL reports whether query only reads. It rejects what the command
// cannot run: several statements, or a FORMAT clause (use --format).
// Strings, quoted identifiers and comments are blanked first, so that a
// ';' or a keyword inside them does not count.
func classifySQL(query string) (reads bool, err error) {
	code, err := sqlCode(query)
	if err != nil {
		return false, err
	}
	code = strings.TrimSpace(code)
	if i := strings.IndexByte(code, ';'); i >= 0 {
		if strings.TrimSpace(strings.Trim(code[i:], "; \t\r\n")) != "" {
			return false, errors.New("one statement at a time, please (found more than one, separated by ';')")
		}
		code = strings.TrimSpace(code[:i])
	}
	m := firstWordRe.FindStringSubmatch(code)
	if m == nil {
		return false, errors.New("the query has no statement, only comments")
	}
	if formatClause.MatchString(code) {
		return false, errors.New("drop the FORMAT clause; choose the output with --format table|csv|tsv|json|jsonl")
	}
	verb := strings.ToUpper(m[1])
	if readVerbs[verb] && intoOutfile.MatchString(code) {
		return false, nil // writes a file
	}
	return readVerbs[verb], nil
}

// sqlCode returns query with every comment, string literal and quoted
// identifier replaced by a space, keeping what the parser sees as code.
func sqlCode(q string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '-' && strings.HasPrefix(q[i:], "--"), c == '#':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				return b.String(), nil
			}
			i += j
			b.WriteByte(' ')
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			// ClickHouse block comments nest.
			depth, j := 0, i
			for j < len(q) {
				if strings.HasPrefix(q[j:], "/*") {
					depth++
					j += 2
				} else if strings.HasPrefix(q[j:], "*/") {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			if depth != 0 {
				return "", errors.New("unterminated /* comment")
			}
			i = j
			b.WriteByte(' ')
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for ; j < len(q); j++ {
				if q[j] == '\\' {
					j++
					continue
				}
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						j++
						continue
					}
					break
				}
			}
			if j >= len(q) {
				return "", fmt.Errorf("unterminated %c quote", c)
			}
			i = j + 1
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

func validFormat(f string) bool {
	switch f {
	case "table", "csv", "tsv", "json", "jsonl":
		return true
	}
	return false
}

// printRows writes rows in format: table (aligned, for people), tsv and csv
// (with a header row), json (an array of objects) or jsonl (an object per
// line). 64-bit integers are printed exactly in every format.
func printRows(w io.Writer, rows *chsql.Rows, format string) error {
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
