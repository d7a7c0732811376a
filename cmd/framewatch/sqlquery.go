package main

import (
	"fmt"
	"strings"

	"github.com/framewatch/framewatch/queries"
)

// paramFlags collects repeated --param name=value flags of `framewatch sql`.
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

// namedQuery returns the SQL of a shipped query (queries/NAME.sql) after
// checking that params gives every {name:Type} placeholder it uses and
// nothing else; the values are bound by Store.Query as typed literals.
func namedQuery(name string, params paramFlags) (string, error) {
	sql, err := queries.Get(name)
	if err != nil {
		return "", err
	}
	want := queries.Params(sql)
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
		return "", fmt.Errorf("query %s needs %s\n%s", name, strings.Join(missing, " "), queries.Summary(sql))
	}
	return sql, nil
}

func paramList(ps []queries.Param) string {
	if len(ps) == 0 {
		return "none"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Name + ":" + p.Type
	}
	return strings.Join(s, ", ")
}

// queryList is the --query help: every shipped query and its question.
func queryList() string {
	var b strings.Builder
	for _, n := range queries.List() {
		sql, _ := queries.Get(n)
		fmt.Fprintf(&b, "  %-20s %s\n", n, queries.Summary(sql))
	}
	return b.String()
}
