package storage

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/framewatch/framewatch/storage/clickhouse"
)

// DefaultDSN is the embedded store used when no DSN is configured.
const DefaultDSN = "chdb://framewatch-data"

// Options tune the backend Open picks.
type Options struct {
	MaxMemory int64        // embedded engine only: bytes it may use (0: its default)
	Cluster   string       // server only: the remote_servers cluster the schema lives on (storage.cluster)
	Logger    *slog.Logger // nil: slog.Default()
}

// ServerSettings are sent by every connection to a server. ClickHouse 18.16
// pushes a query's WHERE into the SELECT of a view only with
// enable_optimize_predicate_expression (on by default from 19.x): without it
// every current_* view reads its whole table whatever period the query asks
// for (one week of current_frames at a million articles: 0.6 s; with it
// 0.1 s). The embedded engine is current ClickHouse and has it on.
var ServerSettings = map[string]any{"enable_optimize_predicate_expression": 1}

// Open opens the store named by dsn:
//
//	clickhouse://user:pass@host:9000/db?dial_timeout=5s   a server, native protocol
//	chdb://PATH                                          embedded chDB in directory PATH
//
// chdb://data/fw is relative to the working directory, chdb:///var/lib/fw is
// absolute; an empty dsn means DefaultDSN. Open does not migrate: call
// Migrate. Errors name the DSN with its password redacted.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if strings.TrimSpace(dsn) == "" {
		dsn = DefaultDSN
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	red := RedactDSN(dsn)
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return nil, fmt.Errorf("storage dsn %q: want clickhouse://user:pass@host:9000/db or chdb://PATH", red)
	}
	var (
		b      Backend
		layout Layout
		err    error
	)
	switch strings.ToLower(scheme) {
	case "clickhouse":
		co := clickhouse.Options{Logger: opts.Logger, Settings: map[string]any{}}
		for k, v := range ServerSettings {
			co.Settings[k] = v
		}
		if opts.Cluster != "" {
			for k, v := range ClusterSettings {
				co.Settings[k] = v
			}
		}
		var cb *clickhouse.Backend
		cb, err = clickhouse.Open(ctx, dsn, co)
		if err == nil {
			b, layout = cb, Layout{Cluster: opts.Cluster, Database: cb.Database()}
		}
	case "chdb":
		if opts.Cluster != "" {
			return nil, fmt.Errorf("storage dsn %q: storage.cluster needs a clickhouse:// server DSN, not the embedded engine", red)
		}
		path, perr := chdbPath(rest)
		if perr != nil {
			return nil, fmt.Errorf("storage dsn %q: %w", red, perr)
		}
		b, err = openChdb(ctx, path, opts)
	default:
		return nil, fmt.Errorf("storage dsn %q: unknown scheme %q (want clickhouse:// or chdb://)", red, scheme)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", red, redactErr(err, dsn))
	}
	if os.Getenv("FRAMEWATCH_TRACE_SQL") != "" {
		b = traceBackend{b}
	}
	st := New(b, red)
	st.layout = layout
	return st, nil
}

// chdbPath turns the part of a chdb:// DSN after the scheme into a
// directory: "data/fw" stays relative, "/var/lib/fw" is absolute. A query
// string is not allowed: settings belong in the config, not in the path.
func chdbPath(rest string) (string, error) {
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		return "", fmt.Errorf("chdb DSN takes a path only, no %q", rest[i:i+1])
	}
	if rest == "" {
		return "", fmt.Errorf("chdb DSN needs a path, e.g. chdb://framewatch-data")
	}
	if p, err := url.PathUnescape(rest); err == nil {
		rest = p
	}
	return rest, nil
}

// RedactDSN returns dsn with any password replaced by xxxxx, for logs and
// error messages. Text that does not parse as a URL is returned unchanged
// except that anything between "://" "user:" and "@" is masked.
func RedactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
		return dsn
	}
	if err == nil {
		if q := u.Query(); q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
			return u.String()
		}
		return dsn
	}
	// Unparseable: mask user:pass@ by hand rather than leak it.
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			cred := dsn[i+3 : at]
			if user, _, ok := strings.Cut(cred, ":"); ok {
				return dsn[:i+3] + user + ":xxxxx" + dsn[at:]
			}
		}
	}
	return dsn
}

// redactErr removes the password if a driver echoed the DSN in its error.
func redactErr(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" || !strings.Contains(err.Error(), pw) {
		return err
	}
	return fmt.Errorf("%s", strings.ReplaceAll(err.Error(), pw, "xxxxx"))
}
