package relevance

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// cue is one entry of the rule file's cues (or markers) list.
type cue struct {
	id       string
	weight   float64
	anchor   bool
	patterns []pattern
	suppress []condition
	require  *condition
	boost    *condition
}

// Load parses a relevance rule file (rules/relevance.yaml format, see
// docs/extraction.md). filename is used in errors, which name the line:
// "rules/relevance.yaml:42: cue "court": weight must be positive".
func Load(data []byte, filename string) (*Filter, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", filename, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty rule file", filename)
	}
	l := loader{file: filename}
	f, err := l.filter(root.Content[0])
	if err != nil {
		return nil, err
	}
	f.index()
	return f, nil
}

type loader struct {
	file string
	sets map[string][]string
}

func (l *loader) errf(n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", l.file, n.Line, fmt.Sprintf(format, args...))
}

// fields checks that n is a mapping with only the allowed keys and returns
// its values by key.
func (l *loader) fields(n *yaml.Node, what string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, l.errf(n, "%s must be a mapping", what)
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, a := range allowed {
			ok = ok || k.Value == a
		}
		if !ok {
			return nil, l.errf(k, "%s: unknown key %q (allowed: %s)", what, k.Value, strings.Join(allowed, ", "))
		}
		if out[k.Value] != nil {
			return nil, l.errf(k, "%s: duplicate key %q", what, k.Value)
		}
		out[k.Value] = v
	}
	return out, nil
}

func (l *loader) number(n *yaml.Node, what string) (float64, error) {
	var v float64
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		return 0, l.errf(n, "%s must be a number, got %q", what, n.Value)
	}
	return v, nil
}

func (l *loader) strings(n *yaml.Node, what string) ([]string, error) {
	var v []string
	if n.Kind != yaml.SequenceNode || n.Decode(&v) != nil {
		return nil, l.errf(n, "%s must be a list of strings", what)
	}
	return v, nil
}

func (l *loader) filter(n *yaml.Node) (*Filter, error) {
	top, err := l.fields(n, "rule file", "version", "thresholds", "multipliers", "second_hit",
		"uk_only", "non_uk_penalty", "sets", "cues", "markers")
	if err != nil {
		return nil, err
	}
	f := &Filter{keep: 5, feedOnly: 3, strong: 2, mult: [3]float64{2, 1.5, 1}, secondHit: 0.5, penalty: -2}
	if v := top["version"]; v == nil || v.Value != "1" {
		return nil, l.errf(n, "version: 1 is required")
	}
	if t := top["thresholds"]; t != nil {
		m, err := l.fields(t, "thresholds", "keep", "feed_only", "strong")
		if err != nil {
			return nil, err
		}
		for key, dst := range map[string]*float64{"keep": &f.keep, "feed_only": &f.feedOnly, "strong": &f.strong} {
			if m[key] != nil {
				if *dst, err = l.number(m[key], "thresholds."+key); err != nil {
					return nil, err
				}
				if *dst <= 0 {
					return nil, l.errf(m[key], "thresholds.%s must be positive", key)
				}
			}
		}
	}
	if t := top["multipliers"]; t != nil {
		m, err := l.fields(t, "multipliers", "headline", "lead", "body")
		if err != nil {
			return nil, err
		}
		for i, key := range []string{"headline", "lead", "body"} {
			if m[key] != nil {
				if f.mult[i], err = l.number(m[key], "multipliers."+key); err != nil {
					return nil, err
				}
				if f.mult[i] < 0 {
					return nil, l.errf(m[key], "multipliers.%s must not be negative", key)
				}
			}
		}
	}
	if v := top["second_hit"]; v != nil {
		if f.secondHit, err = l.number(v, "second_hit"); err != nil {
			return nil, err
		}
		if f.secondHit < 0 || f.secondHit > 1 {
			return nil, l.errf(v, "second_hit must be between 0 and 1")
		}
	}
	if v := top["non_uk_penalty"]; v != nil {
		if f.penalty, err = l.number(v, "non_uk_penalty"); err != nil {
			return nil, err
		}
		if f.penalty > 0 {
			return nil, l.errf(v, "non_uk_penalty must not be positive")
		}
	}
	if v := top["uk_only"]; v != nil {
		if v.Kind != yaml.ScalarNode || v.Decode(&f.UKOnly) != nil {
			return nil, l.errf(v, "uk_only must be true or false")
		}
	}
	l.sets = map[string][]string{}
	if s := top["sets"]; s != nil {
		if s.Kind != yaml.MappingNode {
			return nil, l.errf(s, "sets must be a mapping of name to word list")
		}
		for i := 0; i+1 < len(s.Content); i += 2 {
			words, err := l.strings(s.Content[i+1], "sets."+s.Content[i].Value)
			if err != nil {
				return nil, err
			}
			l.sets[s.Content[i].Value] = words
		}
	}
	c := top["cues"]
	if c == nil || c.Kind != yaml.SequenceNode || len(c.Content) == 0 {
		return nil, l.errf(n, "cues: a non-empty list is required")
	}
	ids := map[string]int{}
	for _, item := range c.Content {
		cu, err := l.cue(item, false, ids)
		if err != nil {
			return nil, err
		}
		f.cues = append(f.cues, cu)
	}
	if m := top["markers"]; m != nil {
		if m.Kind != yaml.SequenceNode {
			return nil, l.errf(m, "markers must be a list")
		}
		for _, item := range m.Content {
			cu, err := l.cue(item, true, ids)
			if err != nil {
				return nil, err
			}
			f.markers = append(f.markers, cu)
		}
	}
	return f, nil
}

func (l *loader) cue(n *yaml.Node, marker bool, ids map[string]int) (*cue, error) {
	allowed := []string{"id", "weight", "anchor", "patterns", "cased", "suppress", "require", "boost"}
	what := "cue"
	if marker {
		allowed = []string{"id", "patterns", "cased", "suppress", "require"}
		what = "marker"
	}
	m, err := l.fields(n, what, allowed...)
	if err != nil {
		return nil, err
	}
	c := &cue{}
	if m["id"] == nil || m["id"].Value == "" {
		return nil, l.errf(n, "%s: id is required", what)
	}
	c.id = m["id"].Value
	if line, dup := ids[c.id]; dup {
		return nil, l.errf(m["id"], "%s %q: duplicate id (first at line %d)", what, c.id, line)
	}
	ids[c.id] = m["id"].Line
	what = fmt.Sprintf("%s %q", what, c.id)
	if !marker {
		if m["weight"] == nil {
			return nil, l.errf(n, "%s: weight is required", what)
		}
		if c.weight, err = l.number(m["weight"], what+": weight"); err != nil {
			return nil, err
		}
		if c.weight <= 0 {
			return nil, l.errf(m["weight"], "%s: weight must be positive", what)
		}
		if a := m["anchor"]; a != nil {
			if a.Decode(&c.anchor) != nil {
				return nil, l.errf(a, "%s: anchor must be true or false", what)
			}
		}
	}
	for _, key := range []string{"patterns", "cased"} {
		if m[key] == nil {
			continue
		}
		ps, err := l.patterns(m[key], what+": "+key, key == "cased")
		if err != nil {
			return nil, err
		}
		c.patterns = append(c.patterns, ps...)
	}
	if len(c.patterns) == 0 {
		return nil, l.errf(n, "%s: patterns or cased must list at least one phrase", what)
	}
	if s := m["suppress"]; s != nil {
		if s.Kind != yaml.SequenceNode {
			return nil, l.errf(s, "%s: suppress must be a list", what)
		}
		for _, item := range s.Content {
			cond, err := l.condition(item, what+": suppress", "phrases", "near", "within", "unless", "scope")
			if err != nil {
				return nil, err
			}
			if len(cond.phrases) == 0 && len(cond.near) == 0 {
				return nil, l.errf(item, "%s: suppress needs phrases or near", what)
			}
			c.suppress = append(c.suppress, *cond)
		}
	}
	if r := m["require"]; r != nil {
		if c.require, err = l.condition(r, what+": require", "near", "within"); err != nil {
			return nil, err
		}
		if len(c.require.near) == 0 {
			return nil, l.errf(r, "%s: require needs near", what)
		}
	}
	if b := m["boost"]; b != nil {
		if c.boost, err = l.condition(b, what+": boost", "near", "within", "weight"); err != nil {
			return nil, err
		}
		if len(c.boost.near) == 0 || c.boost.weight <= 0 {
			return nil, l.errf(b, "%s: boost needs near and a positive weight", what)
		}
	}
	return c, nil
}

func (l *loader) condition(n *yaml.Node, what string, allowed ...string) (*condition, error) {
	m, err := l.fields(n, what, allowed...)
	if err != nil {
		return nil, err
	}
	c := &condition{line: n.Line}
	for key, dst := range map[string]*[]pattern{"phrases": &c.phrases, "near": &c.near, "unless": &c.unless} {
		if m[key] != nil {
			if *dst, err = l.patterns(m[key], what+": "+key, false); err != nil {
				return nil, err
			}
		}
	}
	if w := m["within"]; w != nil {
		v, err := l.number(w, what+": within")
		if err != nil {
			return nil, err
		}
		if v < 0 || v != float64(int(v)) {
			return nil, l.errf(w, "%s: within must be a whole number of words", what)
		}
		c.within = int(v)
	}
	if sc := m["scope"]; sc != nil {
		switch sc.Value {
		case "sentence":
		case "item":
			c.item = true
			if len(c.near) == 0 || len(c.phrases) > 0 || m["within"] != nil {
				return nil, l.errf(sc, "%s: scope: item takes near (and unless), not phrases or within", what)
			}
		default:
			return nil, l.errf(sc, "%s: scope must be sentence or item, got %q", what, sc.Value)
		}
	}
	if w := m["weight"]; w != nil {
		if c.weight, err = l.number(w, what+": weight"); err != nil {
			return nil, err
		}
	}
	if c.unless != nil && len(c.near) == 0 && len(c.phrases) == 0 {
		return nil, l.errf(n, "%s: unless needs near or phrases", what)
	}
	return c, nil
}

// patterns parses a list of phrases, expanding "@set" references.
func (l *loader) patterns(n *yaml.Node, what string, cased bool) ([]pattern, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, l.errf(n, "%s must be a list of phrases", what)
	}
	var out []pattern
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, l.errf(item, "%s: each entry must be a phrase", what)
		}
		words := []string{item.Value}
		if strings.HasPrefix(item.Value, "@") {
			set, ok := l.sets[item.Value[1:]]
			if !ok {
				return nil, l.errf(item, "%s: unknown set %q", what, item.Value)
			}
			words = set
		}
		for _, w := range words {
			p, ok := parsePattern(w, cased)
			if !ok {
				return nil, l.errf(item, "%s: %q is not a usable phrase (it needs a word first; * and # stand alone or end a word)", what, w)
			}
			out = append(out, p)
		}
	}
	return out, nil
}
