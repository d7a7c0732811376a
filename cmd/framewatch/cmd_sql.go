package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/queries"
)

func init() {
	register(command{name: "sql", summary: "run a SQL query on the store and print the result", main: cli(spec{name: "sql", args: true, usage: `Usage: framewatch sql [--config F] [--format table|csv|tsv|json|jsonl|parquet] [--file F] [--write] ["SELECT …"]
       framewatch sql [--config F] [--format …] --query NAME [--param name=value]...

Runs one query against the configured store (the embedded store by default;
while "framewatch run" holds it, through the running daemon) and prints the
result. The query comes from the argument, --file, or stdin. Only reading
statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS) run without --write.
--query runs one of the shipped queries behind the digest (queries/NAME.sql)
with its {name:Type} parameters given by --param; --query list lists them.

Flags:`}, runSQL)})
}

type sqlOptions struct {
	config string
	file   string
	params paramFlags
	app.SQLOptions
}

func (o *sqlOptions) flags(fs *flag.FlagSet) {
	o.params = paramFlags{}
	fs.StringVar(&o.Named, "query", "", "run the shipped query queries/NAME.sql (\"list\" lists them)")
	fs.Var(o.params, "param", "a parameter of --query as name=value (repeat for each)")
	configFlag(fs, &o.config, "")
	fs.StringVar(&o.Format, "format", "", "output format: table, csv, tsv, json, jsonl or parquet (ClickHouse's own Parquet writer; embedded store) (default: table on a terminal, tsv otherwise)")
	fs.StringVar(&o.file, "file", "", "read the query from this file (- for stdin)")
	fs.BoolVar(&o.Write, "write", false, "allow statements that change data or schema")
}

func runSQL(ctx context.Context, o *sqlOptions, args []string, s stdio) error {
	switch {
	case o.Named == "list":
		fmt.Fprint(s.out, queries.Help())
		return nil
	case o.Named != "" && (len(args) > 0 || o.file != ""):
		return usageErr("give --query or a query, not both")
	case o.Named == "" && len(o.params) == 0:
		q, err := sqlText(args, o.file, s.in)
		if err != nil {
			return usageErr("%v", err)
		}
		o.Query = q
	}
	o.Params = o.params
	if o.Format == "" {
		o.Format = "tsv"
		if isTerminal(s.out) {
			o.Format = "table"
		}
	}
	if o.Format == "parquet" && isTerminal(s.out) {
		return usageErr("--format parquet is binary: redirect it to a file (> result.parquet)")
	}
	stmt, err := app.PrepareSQL(o.SQLOptions)
	if err != nil {
		return err
	}
	a, err := app.Load(o.config, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.SQL(ctx, stmt, s.out)
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

// paramFlags collects repeated --param name=value flags.
type paramFlags map[string]string

func (p paramFlags) String() string { return "" }

func (p paramFlags) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("%q: want name=value", v)
	}
	p[strings.TrimSpace(name)] = value
	return nil
}
