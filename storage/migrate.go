package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one versioned schema file, split into statements.
type Migration struct {
	Version    int
	Name       string // file name, e.g. 001_initial.sql
	Statements []string
}

// Migrations returns the shipped migrations in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migrations/%s: name must start with a version number, e.g. 002_add_x.sql", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations/%s: version %d already used by %s", name, v, prev)
		}
		seen[v] = name
		src, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		stmts, err := SplitStatements(string(src))
		if err != nil {
			return nil, fmt.Errorf("migrations/%s: %w", name, err)
		}
		out = append(out, Migration{Version: v, Name: name, Statements: stmts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// SplitStatements splits a migration file into statements. A statement ends
// on a line whose last non-blank character is ';'; lines that start with
// "--" are comments and dropped (comments after code on a line are left to
// ClickHouse, which understands them). The split is line-based on purpose:
// no tokenizer to disagree with ClickHouse's about quotes.
func SplitStatements(src string) ([]string, error) {
	var stmts []string
	var cur []string
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		if strings.HasSuffix(trimmed, ";") {
			cur = append(cur, strings.TrimSuffix(strings.TrimRight(line, " \t\r"), ";"))
			stmt := strings.TrimSpace(strings.Join(cur, "\n"))
			if stmt != "" {
				stmts = append(stmts, stmt)
			}
			cur = cur[:0]
			continue
		}
		cur = append(cur, strings.TrimRight(line, "\r"))
	}
	if len(cur) > 0 {
		return nil, fmt.Errorf("last statement does not end with ';': %.60q", strings.TrimSpace(strings.Join(cur, " ")))
	}
	return stmts, nil
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    UInt32,
    name       String,
    applied_at DateTime('UTC')
) ENGINE = MergeTree
ORDER BY version`

// Migrate applies every shipped migration not yet recorded in
// schema_migrations, in version order. Statements use IF NOT EXISTS, so a
// migration interrupted half way (or run by two processes at once) is safe
// to run again.
func (s *Store) Migrate(ctx context.Context) error { return s.MigrateTo(ctx, 0) }

// MigrateTo is Migrate up to version upTo (0: all), for upgrade tests.
func (s *Store) MigrateTo(ctx context.Context, upTo int) error {
	migs, err := Migrations()
	if err != nil {
		return err
	}
	schema, err := Schema(s.layout)
	if err != nil {
		return err
	}
	// Up to date: no DDL at all, so a store whose cluster has a replica
	// down (DDL ON CLUSTER waits for every host) still opens for reading.
	if applied, err := s.AppliedMigrations(ctx); err == nil && len(applied) > 0 {
		pending := false
		for _, m := range migs {
			pending = pending || !applied[m.Version] && (upTo == 0 || m.Version <= upTo)
		}
		if !pending {
			return nil
		}
	}
	if s.layout.Cluster != "" {
		if err := s.checkClusterProfile(ctx); err != nil {
			return err
		}
		// Open created the database on the node it reached; every other
		// node needs it before DDL ON CLUSTER can name it.
		q := fmt.Sprintf("CREATE DATABASE IF NOT EXISTS %s ON CLUSTER %s", quoteIdent(s.layout.Database), quoteIdent(s.layout.Cluster))
		if err := s.b.Exec(ctx, q); err != nil {
			return fmt.Errorf("creating database %s on cluster %s: %w", s.layout.Database, s.layout.Cluster, err)
		}
	}
	for _, stmt := range schema[0] { // schema_migrations itself
		if err := s.b.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("creating schema_migrations: %w", err)
		}
	}
	applied, err := s.AppliedMigrations(ctx)
	if err != nil {
		return err
	}
	for k, m := range migs {
		if applied[m.Version] || (upTo > 0 && m.Version > upTo) {
			continue
		}
		for i, stmt := range schema[k+1] {
			if err := s.b.Exec(ctx, stmt); err != nil && !alreadyDone(stmt, err) {
				return fmt.Errorf("migration %s, statement %d (%.60q): %w", m.Name, i+1, stmt, err)
			}
		}
		if err := s.b.Insert(ctx, "schema_migrations", []string{"version", "name", "applied_at"},
			[][]any{{uint32(m.Version), m.Name, time.Now().UTC()}}); err != nil {
			return fmt.Errorf("recording migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// AppliedMigrations returns the versions recorded in schema_migrations.
func (s *Store) AppliedMigrations(ctx context.Context) (map[int]bool, error) {
	rows, err := s.b.Query(ctx, "SELECT DISTINCT version FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("reading schema_migrations: %w", err)
	}
	out := make(map[int]bool, len(rows.Data))
	for _, r := range rows.Data {
		out[int(r[0].(int64))] = true
	}
	return out, nil
}

// alreadyDone reports whether err only says that an ALTER … ADD COLUMN of a
// migration interrupted half way has already run. 18.16 has no
// ADD COLUMN IF NOT EXISTS, so reruns meet the column.
func alreadyDone(stmt string, err error) bool {
	up := strings.ToUpper(stmt)
	return strings.HasPrefix(up, "ALTER TABLE") && strings.Contains(up, "ADD COLUMN") &&
		strings.Contains(err.Error(), "already exists")
}

// checkClusterProfile refuses a cluster whose users profile lacks the
// settings framewatch's queries rely on, naming what to set, rather than
// failing later on the first IN over two Distributed tables.
func (s *Store) checkClusterProfile(ctx context.Context) error {
	rows, err := s.b.Query(ctx, "SELECT name, value FROM system.settings WHERE name IN ('distributed_product_mode', 'load_balancing')")
	if err != nil {
		return fmt.Errorf("reading the cluster's settings: %w", err)
	}
	have := map[string]string{}
	for _, r := range rows.Data {
		have[r[0].(string)] = r[1].(string)
	}
	var missing []string
	for _, k := range []string{"distributed_product_mode", "load_balancing"} {
		if want := RequiredProfileSettings[k]; have[k] != want {
			missing = append(missing, fmt.Sprintf("<%s>%s</%s> (now %q)", k, want, k, have[k]))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("storage.cluster %s: the servers' users profile for framewatch must set %s; see docs/scaling.md",
			s.layout.Cluster, strings.Join(missing, " and "))
	}
	return nil
}
