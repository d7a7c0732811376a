package storage

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The cluster schema is not a second set of DDL: it is generated from the
// same migrations the single-node store runs, statement by statement, by
// the rules below (ClickHouse's documented layout for a replicated, sharded
// cluster).
//
//   - A table with a url column holds per-article rows. It becomes
//     NAME_local, a Replicated*MergeTree per shard, and NAME, a Distributed
//     table over it sharded by cityHash64(url). Every row of an article —
//     each re-crawl, each tagging, its matches, frames and quotes — lands on
//     one shard, so ReplacingMergeTree still replaces and per-article
//     filters (superseded versions, the generation in force) stay local.
//   - A table without a url column, or one whose url is not an article's
//     (globalTables), is small and global (tag generations, sources, feed
//     validators, schema_migrations): one Replicated table with a copy on
//     every node, under the same name, so every shard can read it locally.
//   - A view that reads per-article tables and aggregates nothing outside
//     its subqueries (the current_* views) is made per shard over the local tables,
//     NAME_local, with a Distributed table NAME over it: the filter runs
//     where the rows are and the initiator merges.
//   - Any other view is created on every node over the public names, with
//     IN made GLOBAL IN where it reads per-article tables.
//   - Materialized views run per shard, from local table to local table.
//
// Public names do not change, so every shipped query and view runs
// unchanged through the Distributed tables. Sessions in cluster mode need
// distributed_product_mode = 'global' so an analyst's IN (SELECT …) over
// two Distributed tables is correct across shards, insert_distributed_sync
// so a write is on its shard when the call returns, and
// load_balancing = 'in_order' so a read after a write goes to the replica
// that took it.

// Layout says where the schema lives: a single node (Cluster "") or a
// named cluster from the servers' remote_servers, in Database.
type Layout struct {
	Cluster  string
	Database string
}

// ClusterSettings are the session settings every connection to a cluster
// sends. ClickHouse 18.16's native protocol carries only numeric settings
// from a client, so the two string ones are profile settings the servers
// must have (RequiredProfileSettings; Migrate checks them).
var ClusterSettings = map[string]any{"insert_distributed_sync": 1}

// RequiredProfileSettings are the users-profile settings a cluster needs.
var RequiredProfileSettings = map[string]string{
	"distributed_product_mode": "global",
	"load_balancing":           "in_order",
}

// globalTables have a url column that is not an article's: a source's or
// a feed's.
var globalTables = map[string]bool{"sources": true, "feed_state": true}

type objectKind int

const (
	shardedTable objectKind = iota + 1
	globalTable
	shardedView // NAME_local per shard + NAME Distributed over it
	globalView  // one view per node over public names
)

// clusterizer translates single-node statements, remembering what each
// earlier statement created: a view's translation depends on the tables it
// reads.
type clusterizer struct {
	Layout
	kinds map[string]objectKind
	deps  map[string][]string // object → objects its definition reads
}

func newClusterizer(l Layout) *clusterizer {
	return &clusterizer{Layout: l, kinds: map[string]objectKind{}, deps: map[string][]string{}}
}

var (
	reCreateTable = regexp.MustCompile(`(?is)^CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)\s*\(`)
	reCreateView  = regexp.MustCompile(`(?is)^CREATE\s+VIEW\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+AS\s+(.*)$`)
	reCreateMV    = regexp.MustCompile(`(?is)^CREATE\s+MATERIALIZED\s+VIEW\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+TO\s+(\w+)\s+AS\s+(.*)$`)
	reDrop        = regexp.MustCompile(`(?is)^DROP\s+(TABLE|VIEW)\s+IF\s+EXISTS\s+(\w+)\s*$`)
	reAlter       = regexp.MustCompile(`(?is)^ALTER\s+TABLE\s+(\w+)\s+(.*)$`)
	reOptimize    = regexp.MustCompile(`(?is)^OPTIMIZE\s+TABLE\s+(\w+)(.*)$`)
	reInsert      = regexp.MustCompile(`(?is)^INSERT\s+INTO\s+`)
	reEngine      = regexp.MustCompile(`(?is)^\s*ENGINE\s*=\s*(\w*MergeTree)\s*`)
)

// translate returns the statements that do on the cluster what stmt does
// on one node.
func (c *clusterizer) translate(stmt string) ([]string, error) {
	s := strings.TrimSpace(stripComments(stmt))
	switch {
	case reCreateTable.MatchString(s):
		return c.createTable(s)
	case reCreateMV.MatchString(s):
		m := reCreateMV.FindStringSubmatch(s)
		name, target, body := m[1], m[2], m[3]
		c.kinds[name] = shardedView
		return []string{fmt.Sprintf("CREATE MATERIALIZED VIEW IF NOT EXISTS %s %s TO %s AS %s",
			c.q(name+"_local"), c.on(), c.q(c.localName(target)), c.rewriteRefs(body, true))}, nil
	case reCreateView.MatchString(s):
		m := reCreateView.FindStringSubmatch(s)
		return c.createView(m[1], m[2]), nil
	case reDrop.MatchString(s):
		m := reDrop.FindStringSubmatch(s)
		name := m[2]
		out := []string{fmt.Sprintf("DROP TABLE IF EXISTS %s %s", c.q(name), c.on())}
		if k := c.kinds[name]; k == shardedTable || k == shardedView || k == 0 {
			out = append(out, fmt.Sprintf("DROP TABLE IF EXISTS %s %s", c.q(name+"_local"), c.on()))
		}
		delete(c.kinds, name)
		return out, nil
	case reAlter.MatchString(s):
		m := reAlter.FindStringSubmatch(s)
		return c.alter(m[1], m[2])
	case reOptimize.MatchString(s):
		m := reOptimize.FindStringSubmatch(s)
		return []string{fmt.Sprintf("OPTIMIZE TABLE %s %s%s", c.q(c.localName(m[1])), c.on(), m[2])}, nil
	case reInsert.MatchString(s):
		// Data statements go through the Distributed tables as they are;
		// the session settings make their IN subqueries cluster-wide.
		return []string{s}, nil
	}
	head := s
	if len(head) > 60 {
		head = head[:60]
	}
	return nil, fmt.Errorf("cluster mode cannot translate %q: write migrations with CREATE TABLE/VIEW IF NOT EXISTS, DROP … IF EXISTS, ALTER TABLE, OPTIMIZE or INSERT", head)
}

func (c *clusterizer) on() string { return "ON CLUSTER " + quoteIdent(c.Cluster) }

func (c *clusterizer) q(name string) string { return quoteIdent(c.Database) + "." + quoteIdent(name) }

// localName is where the rows of a public name live on a shard.
func (c *clusterizer) localName(name string) string {
	if k := c.kinds[name]; k == shardedTable || k == shardedView {
		return name + "_local"
	}
	return name
}

func (c *clusterizer) createTable(s string) ([]string, error) {
	name := reCreateTable.FindStringSubmatch(s)[1]
	open := strings.Index(s, "(")
	end := matchParen(s, open)
	if end < 0 {
		return nil, fmt.Errorf("CREATE TABLE %s: unbalanced parentheses", name)
	}
	columns := s[open : end+1]
	rest := s[end+1:]
	em := reEngine.FindStringSubmatchIndex(rest)
	if em == nil {
		return nil, fmt.Errorf("CREATE TABLE %s: cluster mode needs a *MergeTree engine", name)
	}
	engine := rest[em[2]:em[3]]
	after := rest[em[1]:]
	var args string
	if strings.HasPrefix(after, "(") {
		close := matchParen(after, 0)
		if close < 0 {
			return nil, fmt.Errorf("CREATE TABLE %s: unbalanced engine arguments", name)
		}
		args = strings.TrimSpace(after[1:close])
		after = after[close+1:]
	}
	sharded := hasColumn(columns, "url") && !globalTables[name]
	path, replica, local := "/clickhouse/tables/all/"+c.Database+"/"+name, "{shard}-{replica}", name
	if sharded {
		local = name + "_local"
		path, replica = "/clickhouse/tables/{shard}/"+c.Database+"/"+local, "{replica}"
	}
	repArgs := quoteString(path) + ", " + quoteString(replica)
	if args != "" {
		repArgs += ", " + args
	}
	out := []string{fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s %s %s ENGINE = Replicated%s(%s) %s",
		c.q(local), c.on(), columns, engine, repArgs, strings.TrimSpace(after))}
	if sharded {
		c.kinds[name] = shardedTable
		out = append(out, c.distributed(name, "cityHash64(url)"))
	} else {
		c.kinds[name] = globalTable
	}
	return out, nil
}

// distributed is the Distributed table NAME over NAME_local.
func (c *clusterizer) distributed(name, key string) string {
	return fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s %s AS %s ENGINE = Distributed(%s, %s, %s, %s)",
		c.q(name), c.on(), c.q(name+"_local"), quoteIdent(c.Cluster), quoteIdent(c.Database), quoteIdent(name+"_local"), key)
}

func (c *clusterizer) createView(name, body string) []string {
	reads := c.refs(body)
	c.deps[name] = reads
	perArticle := false
	for _, r := range reads {
		if k := c.kinds[r]; k == shardedTable || k == shardedView {
			perArticle = true
		}
	}
	if perArticle && !aggregatesAtTop(body) {
		c.kinds[name] = shardedView
		return []string{
			fmt.Sprintf("CREATE VIEW IF NOT EXISTS %s %s AS %s", c.q(name+"_local"), c.on(), c.rewriteRefs(body, true)),
			c.distributed(name, "rand()"),
		}
	}
	c.kinds[name] = globalView
	body = c.rewriteRefs(body, false)
	if perArticle {
		body = reIn.ReplaceAllString(body, "${1}GLOBAL ${2}IN (")
	}
	return []string{fmt.Sprintf("CREATE VIEW IF NOT EXISTS %s %s AS %s", c.q(name), c.on(), body)}
}

var reIn = regexp.MustCompile(`(?i)(\s)(NOT\s+)?IN\s*\(`)

// alter changes a table on every node. A per-article table is altered on
// its shards (replication carries it to the other replica) and its
// Distributed table, which holds no data, is made again with the new
// columns, as are the Distributed tables over per-shard views that read it.
// A global table is altered once: replication carries it everywhere.
func (c *clusterizer) alter(name, action string) ([]string, error) {
	switch c.kinds[name] {
	case globalTable:
		return []string{fmt.Sprintf("ALTER TABLE %s %s", c.q(name), action)}, nil
	case shardedTable:
		out := []string{
			fmt.Sprintf("ALTER TABLE %s %s %s", c.q(name+"_local"), c.on(), action),
			fmt.Sprintf("DROP TABLE IF EXISTS %s %s", c.q(name), c.on()),
			c.distributed(name, "cityHash64(url)"),
		}
		for _, v := range c.dependents(name) {
			out = append(out, fmt.Sprintf("DROP TABLE IF EXISTS %s %s", c.q(v), c.on()), c.distributed(v, "rand()"))
		}
		return out, nil
	}
	return nil, fmt.Errorf("ALTER TABLE %s: not a table created by an earlier migration", name)
}

// dependents are the per-shard views that read name, directly or through
// other views, in creation order of discovery.
func (c *clusterizer) dependents(name string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		for v, reads := range c.deps {
			if seen[v] || c.kinds[v] != shardedView {
				continue
			}
			for _, r := range reads {
				if r == n {
					seen[v] = true
					out = append(out, v)
					walk(v)
					break
				}
			}
		}
	}
	walk(name)
	sort.Strings(out)
	return out
}

// refs lists the known objects a SELECT reads (after FROM or JOIN).
func (c *clusterizer) refs(body string) []string {
	var out []string
	seen := map[string]bool{}
	forEachTableRef(body, func(_, _ int, name string) {
		if _, known := c.kinds[name]; known && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	})
	return out
}

// rewriteRefs qualifies every known object a SELECT reads with the
// database, and with local set, points per-article objects at their
// per-shard tables.
func (c *clusterizer) rewriteRefs(body string, local bool) string {
	var b strings.Builder
	last := 0
	forEachTableRef(body, func(start, end int, name string) {
		if _, known := c.kinds[name]; !known {
			return
		}
		target := name
		if local {
			target = c.localName(name)
		}
		b.WriteString(body[last:start])
		b.WriteString(c.q(target))
		last = end
	})
	b.WriteString(body[last:])
	return b.String()
}

// forEachTableRef calls fn for each identifier that follows FROM or JOIN
// outside string literals.
func forEachTableRef(sql string, fn func(start, end int, name string)) {
	prevKeyword := false
	for i := 0; i < len(sql); {
		ch := sql[i]
		switch {
		case ch == '\'':
			i = skipString(sql, i)
			prevKeyword = false
		case isIdentStart(ch):
			j := i
			for j < len(sql) && isIdentChar(sql[j]) {
				j++
			}
			word := sql[i:j]
			if prevKeyword {
				fn(i, j, word)
			}
			prevKeyword = strings.EqualFold(word, "FROM") || strings.EqualFold(word, "JOIN")
			i = j
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			i++
		default:
			prevKeyword = false
			i++
		}
	}
}

// aggregatesAtTop reports whether a SELECT groups or aggregates outside
// its subqueries: such a view must see every shard's rows at once.
func aggregatesAtTop(sql string) bool {
	depth := 0
	for i := 0; i < len(sql); i++ {
		switch sql[i] {
		case '\'':
			i = skipString(sql, i) - 1
		case '(':
			if depth == 0 && reAggregateCall.MatchString(sql[:i]) {
				return true
			}
			depth++
		case ')':
			depth--
		default:
			if depth == 0 && hasWordAt(sql, i, "GROUP") {
				return true
			}
		}
	}
	return false
}

// reAggregateCall matches text ending in the name of an aggregate function
// about to be called.
var reAggregateCall = regexp.MustCompile(`(?i)(^|[^\w])(count|sum|min|max|avg|any|anyLast|argMin|argMax|uniq\w*|groupArray\w*|groupUniqArray|topK\w*|quantile\w*)\w*(If|State|Merge)?\s*$`)

func hasWordAt(s string, i int, w string) bool {
	if i+len(w) > len(s) || !strings.EqualFold(s[i:i+len(w)], w) {
		return false
	}
	before := i == 0 || !isIdentChar(s[i-1])
	after := i+len(w) == len(s) || !isIdentChar(s[i+len(w)])
	return before && after
}

// hasColumn reports whether a CREATE TABLE column list defines col.
func hasColumn(columns, col string) bool {
	inner := columns[1 : len(columns)-1]
	for _, def := range splitTopLevel(inner) {
		f := strings.Fields(def)
		if len(f) > 0 && strings.Trim(f[0], "`") == col {
			return true
		}
	}
	return false
}

// splitTopLevel splits on commas outside parentheses and strings.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			i = skipString(s, i) - 1
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// matchParen returns the index of the ')' closing the '(' at open, or -1.
func matchParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\'':
			i = skipString(s, i) - 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// skipString returns the index just past the string literal at i.
func skipString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			return j + 1
		}
	}
	return len(s)
}

// stripComments removes "-- …" comments outside string literals; the
// translation reads column lists, and a comment may hold a comma.
func stripComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\'':
			j := skipString(s, i)
			b.WriteString(s[i:j])
			i = j - 1
		case s[i] == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// Schema returns the statements that bring an empty store to the newest
// schema in layout l, migration by migration: the migrations as written
// for a single node, translated for a cluster. Migrate runs the same
// statements; the golden files under testdata/schema are this output.
func Schema(l Layout) ([][]string, error) {
	migs, err := Migrations()
	if err != nil {
		return nil, err
	}
	head := []Migration{{Version: 0, Name: "schema_migrations", Statements: []string{migrationsTable}}}
	migs = append(head, migs...)
	var c *clusterizer
	if l.Cluster != "" {
		c = newClusterizer(l)
	}
	out := make([][]string, len(migs))
	for i, m := range migs {
		for j, stmt := range m.Statements {
			if c == nil {
				out[i] = append(out[i], stmt)
				continue
			}
			tr, err := c.translate(stmt)
			if err != nil {
				return nil, fmt.Errorf("migration %s, statement %d: %w", m.Name, j+1, err)
			}
			out[i] = append(out[i], tr...)
		}
	}
	return out, nil
}
