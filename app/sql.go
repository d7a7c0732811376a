package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/report/sqlout"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chsql"
)

// SQLOptions are one `framewatch sql` request: either a query text or a
// shipped query by name with its parameters.
type SQLOptions struct {
	Query  string            // SQL text
	Named  string            // a shipped query (queries/NAME.sql), instead of Query
	Params map[string]string // Named's {name:Type} parameters
	Write  bool              // allow statements that change data or schema
	Format string            // sqlout format
}

// Statement is a checked SQL request, ready to run.
type Statement struct {
	SQL    string
	Params map[string]string // bound as typed literals; only named queries have them
	Reads  bool
	Format string
}

// PrepareSQL checks a request without touching the store: the named query
// and its parameters, the format, one statement, and --write for anything
// that is not a read. Every problem is a UsageError.
func PrepareSQL(opt SQLOptions) (Statement, error) {
	st := Statement{SQL: opt.Query, Format: opt.Format}
	switch {
	case opt.Named != "" && opt.Query != "":
		return st, usagef("give --query or a query, not both")
	case opt.Named != "":
		sql, err := queries.Prepare(opt.Named, opt.Params)
		if err != nil {
			return st, usage(err)
		}
		st.SQL, st.Params = sql, opt.Params
	case len(opt.Params) > 0:
		return st, usagef("--param goes with --query")
	}
	if !sqlout.ValidFormat(st.Format) {
		return st, usagef("unknown --format %q (want %s)", st.Format, sqlout.Formats)
	}
	reads, err := chsql.Classify(st.SQL)
	if err != nil {
		return st, usage(err)
	}
	if !reads && !opt.Write {
		return st, usagef("this statement can change data; run it with --write if you mean to")
	}
	st.Reads = reads
	return st, nil
}

// QueryError is the database's own answer to a statement; its message
// (ClickHouse's, with the code) names the problem, so it is shown as is.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// SQL runs a prepared statement and writes a read's rows to w in its format.
func (a *App) SQL(ctx context.Context, stmt Statement, w io.Writer) error {
	st, err := a.Store(ctx)
	if err != nil {
		return err
	}
	if !stmt.Reads {
		if err := st.Exec(ctx, stmt.SQL, nil); err != nil {
			return &QueryError{err}
		}
		return nil
	}
	if engine, ok := sqlout.EngineFormats[stmt.Format]; ok {
		out, err := st.QueryFormat(ctx, stmt.SQL, stmt.Params, engine)
		if errors.Is(err, storage.ErrNoEngineFormat) {
			return fmt.Errorf("--format %s: %w", stmt.Format, err)
		}
		if err != nil {
			return &QueryError{err}
		}
		if _, err := w.Write(out); err != nil {
			return fmt.Errorf("writing the result: %w", err)
		}
		return nil
	}
	rows, err := st.Query(ctx, stmt.SQL, stmt.Params)
	if err != nil {
		return &QueryError{err}
	}
	if err := sqlout.Write(w, rows, stmt.Format); err != nil {
		return fmt.Errorf("writing the result: %w", err)
	}
	return nil
}

// IsQueryError reports whether err is the database's answer to a statement.
func IsQueryError(err error) bool {
	var q *QueryError
	return errors.As(err, &q)
}
