package rules

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Roles are the speaker roles a quote can be given, in the order the digest
// shows them. A role file may only describe these: a typo cannot start a
// new line in the "Whose voices" figures.
var Roles = []string{
	"police", "prosecutor", "judge", "defence", "politician", "official", "justice_staff",
	"victim_family", "charity", "expert", "lived_experience", "other", "unknown",
}

// Role says how a speaker's words reveal one role. A speaker is the name or
// description an attribution gives ("Det Insp Sarah Khan", "a Prison
// Officers' Association spokesperson"); its description is that plus the
// words set off beside it anywhere in the article (", who served 12 years,",
// ", of the Howard League,").
type Role struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Titles written before a name give the role: "Det Insp", "Judge".
	Titles StringList `yaml:"titles"`
	// Words are phrases of a speaker's description: "prison officer",
	// "former prisoner", "who served". "*" ends a prefix: "campaign*".
	Words StringList `yaml:"words"`
	// Context are phrases just before the speaker in the sentence that
	// give the role: "Prosecuting," before a barrister's name.
	Context StringList `yaml:"context"`
	// Says are phrases of the speaker's own quoted words that give the
	// role: "when I came out", "on my wing".
	Says StringList `yaml:"says"`
	// Gazetteers are gazetteer lists (file names without .txt) whose
	// names, in a description, give the role: police → police forces.
	Gazetteers StringList `yaml:"gazetteers"`
	Tests      []RoleTest `yaml:"tests"`

	Pos Pos `yaml:"-"`
}

// RoleTest is a text whose first quote must be attributed to Speaker with
// this role; "rules check" runs it.
type RoleTest struct {
	Text     string `yaml:"text"`
	Headline string `yaml:"headline"`
	Speaker  string `yaml:"speaker"`
	Pos      Pos    `yaml:"-"`
}

// checkRoles validates the roles of one file.
func checkRoles(display string, f *File, n *yaml.Node, add func(*yaml.Node, string, ...any)) {
	for i := range f.Roles {
		rn := item(n, i)
		r := &f.Roles[i]
		r.Pos = Pos{display, rn.Line, rn.Column}
		fix := func(key string) *yaml.Node {
			if v := value(rn, key); v != nil {
				return v
			}
			return rn
		}
		if !contains(Roles, r.ID) {
			add(fix("id"), "role %q is not one of %s", r.ID, strings.Join(Roles, ", "))
		}
		for key, list := range map[string]StringList{"titles": r.Titles, "words": r.Words, "context": r.Context, "says": r.Says} {
			for j, p := range list {
				if !hasWordChar(p) {
					add(item(fix(key), j), "role %s: %s phrase %q has no letters or digits", r.ID, key, p)
				}
			}
		}
		tn := value(rn, "tests")
		for j := range r.Tests {
			t := &r.Tests[j]
			t.Pos = Pos{display, item(tn, j).Line, item(tn, j).Column}
			if strings.TrimSpace(t.Text) == "" && strings.TrimSpace(t.Headline) == "" {
				add(item(tn, j), "role %s: a test needs text:", r.ID)
			}
		}
	}
}

// mergeRoles adds a file's roles to the ruleset: a later layer's role of the
// same id replaces the earlier one.
func mergeRoles(rs *Ruleset, f *File, seen map[string]Pos) Errors {
	var errs Errors
	for i := range f.Roles {
		r := &f.Roles[i]
		if prev, dup := seen["role "+r.ID]; dup {
			errs = append(errs, &Error{r.Pos, fmt.Sprintf("duplicate role %q (first defined at %s)", r.ID, prev)})
			continue
		}
		seen["role "+r.ID] = r.Pos
		replaced := false
		for k, o := range rs.Roles {
			if o.ID == r.ID {
				rs.Roles[k], replaced = r, true
			}
		}
		if !replaced {
			rs.Roles = append(rs.Roles, r)
		}
	}
	return errs
}
