package tag

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// guideCoverage is rules/coverage.yaml: the terms published person-first
// guides name, each with the rule that must flag it.
type guideCoverage struct {
	Guides map[string]struct {
		Name    string `yaml:"name"`
		URL     string `yaml:"url"`
		Checked bool   `yaml:"checked"`
	} `yaml:"guides"`
	Terms []struct {
		Term    string   `yaml:"term"`
		Rule    string   `yaml:"rule"`
		Style   string   `yaml:"style"`
		Guides  []string `yaml:"guides"`
		Example string   `yaml:"example"`
	} `yaml:"terms"`
}

// TestGuideCoverage: every term on the guides' list has a rule in the
// shipped library that cites a source (a URL, not general knowledge) and
// flags the term in its example under the style the entry names.
func TestGuideCoverage(t *testing.T) {
	data, err := os.ReadFile("../../rules/coverage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cov guideCoverage
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cov); err != nil {
		t.Fatal(err)
	}
	if len(cov.Terms) < 45 {
		t.Fatalf("coverage list has %d terms; the guides name more", len(cov.Terms))
	}
	engines := map[string]*Engine{}
	engine := func(style string) *Engine {
		if e := engines[style]; e != nil {
			return e
		}
		e := styledEngine(t, style)
		engines[style] = e
		return e
	}
	used := map[string]bool{}
	seen := map[string]bool{}
	for _, c := range cov.Terms {
		style := c.Style
		if style == "" {
			style = rules.DefaultStyle
		}
		if seen[c.Term] {
			t.Errorf("%q: listed twice", c.Term)
		}
		seen[c.Term] = true
		if len(c.Guides) == 0 {
			t.Errorf("%q: names no guide", c.Term)
		}
		for _, g := range c.Guides {
			used[g] = true
			if _, ok := cov.Guides[g]; !ok {
				t.Errorf("%q: guide %q is not in guides:", c.Term, g)
			}
		}
		e := engine(style)
		var r *rules.Rule
		for _, x := range e.Rules().Rules {
			if x.ID == c.Rule {
				r = x
			}
		}
		if r == nil {
			t.Errorf("%q: no rule %s in the library", c.Term, c.Rule)
			continue
		}
		src := r.Source
		if st, ok := r.Styles[style]; ok && st.Source != "" {
			src = st.Source
		}
		if !strings.HasPrefix(src, "http") {
			t.Errorf("%q: rule %s cites no published source (source: %q)", c.Term, c.Rule, src)
		}
		// The flag must overlap the term in the example ("felon" inside
		// "convicted felon", "con" inside "ex-con") and count as a use.
		at := strings.Index(strings.ToLower(c.Example), strings.ToLower(c.Term))
		if at < 0 {
			t.Errorf("%q: the example %q does not contain the term", c.Term, c.Example)
			continue
		}
		found := false
		for _, m := range e.Tag(news.Article{Text: c.Example}).Matches {
			if m.Rule == c.Rule && m.Start < at+len(c.Term) && at < m.End && m.Voice != VoiceMention && m.Voice != VoiceTitle {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: rule %s does not flag %q under style %s", c.Term, c.Rule, c.Example, style)
		}
	}
	for g, info := range cov.Guides {
		if !used[g] {
			t.Errorf("guide %q is named for no term", g)
		}
		if info.Checked && !strings.HasPrefix(info.URL, "http") {
			t.Errorf("guide %q is marked checked but has no address", g)
		}
	}
}

// TestCourtWordsStayUnflagged: UK court reporting's own words for the
// person on trial are not labels (issue 9): "defendant" and "suspect" are
// flagged by no rule, under either style.
func TestCourtWordsStayUnflagged(t *testing.T) {
	const text = "The defendant, 34, denies murder. Police said the suspect was arrested at his home.\n\n" +
		"The defendants will be sentenced next month. Two suspects remain in custody, and a third suspect was bailed."
	for _, style := range rules.Styles {
		e := styledEngine(t, style)
		for _, m := range e.Tag(news.Article{Title: "Suspect charged as defendant appears in court", Text: text}).Matches {
			if w := strings.ToLower(m.Text); strings.Contains(w, "defendant") || strings.Contains(w, "suspect") {
				t.Errorf("style %s: %s flagged %q", style, m.Rule, m.Text)
			}
		}
	}
}

// styledEngine is the shipped library under a style profile.
func styledEngine(t *testing.T, style string) *Engine {
	t.Helper()
	rs, err := rules.LoadLayers(rules.Shipped())
	if err != nil {
		t.Fatal(err)
	}
	if rs, err = rs.WithStyle(style); err != nil {
		t.Fatal(err)
	}
	e, err := New(rs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}
