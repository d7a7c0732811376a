// Package queries ships the named SQL files behind every figure framewatch
// reports. The digest, the examples command and analysts (framewatch sql
// --query NAME) run the same files, so any published number can be
// reproduced by hand. Each file starts with a comment saying what question
// it answers and which {name:Type} parameters it takes; storage.Store.Query
// binds those client-side.
package queries

import (
	"embed"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Get returns the SQL of the named query ("frame_share" or "frame_share.sql").
func Get(name string) (string, error) {
	name = strings.TrimSuffix(path.Base(name), ".sql")
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		return "", fmt.Errorf("no query named %q (have: %s)", name, strings.Join(List(), ", "))
	}
	return string(b), nil
}

// List returns the names of the shipped queries, sorted.
func List() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".sql"))
	}
	sort.Strings(names)
	return names
}

// Param is one {name:Type} placeholder of a query.
type Param struct {
	Name string
	Type string
}

var paramRe = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z0-9_(), ']+)\}`)

// Params returns the placeholders of a query's SQL (header comment
// excluded), in order of first use.
func Params(sql string) []Param {
	var out []Param
	seen := map[string]bool{}
	for _, m := range paramRe.FindAllStringSubmatch(body(sql), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, Param{Name: m[1], Type: strings.TrimSpace(m[2])})
		}
	}
	return out
}

// Summary returns the first line of the header comment after "name: ",
// the question the query answers.
func Summary(sql string) string {
	first, _, _ := strings.Cut(sql, "\n")
	first = strings.TrimSpace(strings.TrimPrefix(first, "--"))
	if _, q, ok := strings.Cut(first, ": "); ok {
		return q
	}
	return first
}

// body drops the leading comment lines.
func body(sql string) string {
	lines := strings.Split(sql, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			return strings.Join(lines[i:], "\n")
		}
	}
	return ""
}

// Prepare returns the SQL of the named query after checking that params
// gives every {name:Type} placeholder it uses and nothing else; the values
// are then bound by storage.Store.Query as typed literals.
func Prepare(name string, params map[string]string) (string, error) {
	sql, err := Get(name)
	if err != nil {
		return "", err
	}
	want := Params(sql)
	known := map[string]bool{}
	var missing []string
	for _, p := range want {
		known[p.Name] = true
		if _, ok := params[p.Name]; !ok {
			missing = append(missing, fmt.Sprintf("--param %s=… (%s)", p.Name, p.Type))
		}
	}
	for k := range params {
		if !known[k] {
			return "", fmt.Errorf("query %s has no parameter %q (it takes: %s)", name, k, paramList(want))
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("query %s needs %s\n%s", name, strings.Join(missing, " "), Summary(sql))
	}
	return sql, nil
}

func paramList(ps []Param) string {
	if len(ps) == 0 {
		return "none"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Name + ":" + p.Type
	}
	return strings.Join(s, ", ")
}

// Help lists every shipped query with the question it answers, one a line.
func Help() string {
	var b strings.Builder
	for _, n := range List() {
		sql, _ := Get(n)
		fmt.Fprintf(&b, "  %-20s %s\n", n, Summary(sql))
	}
	return b.String()
}
