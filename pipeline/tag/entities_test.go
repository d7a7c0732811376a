package tag

import (
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// TestEntityForms: the forms of names UK justice news writes that a run of
// capitals alone gets wrong (docs/quality.md, issue 14).
func TestEntityForms(t *testing.T) {
	rs, err := rules.Load("")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(rs, Options{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text      string
		want, not []string // "name/TYPE" present; names absent
	}{
		{"A spokesperson for the Welsh Government said funding had risen.", []string{"Welsh Government/ORG"}, []string{"Government"}},
		{"Dr Ann Lee, a criminologist at the University of Kent, said so.", []string{"University of Kent/ORG", "Ann Lee/PERSON"}, []string{"of Kent"}},
		{"He had served time at HMP Swansea and HMP Parc before his release.", []string{"HMP Swansea/PRISON", "HMP Parc/PRISON"}, []string{"HMP Swansea and HMP Parc"}},
		{"An inquest was opened and adjourned on Tuesday.", nil, []string{"INQUEST", "inquest"}},
		{"The National Police Chiefs' Council said forces had changed their training.", []string{"National Police Chiefs' Council/ORG"}, []string{"National Police Chiefs"}},
		{"The Commissioner for Victims and Survivors, Anne Kelly, said the case mattered.", []string{"Commissioner for Victims and Survivors/ORG"}, []string{"for Victims and Survivors"}},
		{"Assistant Chief Constable Rachel Dunn of Nottinghamshire Police said so.", []string{"Rachel Dunn/PERSON"}, []string{"Rachel Dunn of Nottinghamshire Police"}},
		{"He founded the mentoring charity Second Wind after he was stabbed.", []string{"Second Wind/ORG"}, nil},
		{"The bakery opened in May. Nadia, 28, now runs its night shift with a mentor called Donna.", []string{"Nadia/PERSON", "Donna/PERSON"}, nil},
		{"Daniel Hurst served 14 months. His mother, Linda Hurst, visited him. Mrs Hurst said little.", []string{"Daniel Hurst/PERSON", "Linda Hurst/PERSON"}, nil},
	} {
		tg := e.Tag(news.Article{Text: c.text})
		have := map[string]string{}
		for _, en := range tg.Entities {
			have[strings.ToLower(en.Name)] = en.Type
		}
		for _, w := range c.want {
			name, typ, _ := strings.Cut(w, "/")
			if have[strings.ToLower(name)] != typ {
				t.Errorf("%s: want %s %s; have %v", c.text, name, typ, have)
			}
		}
		for _, n := range c.not {
			if _, ok := have[strings.ToLower(n)]; ok {
				t.Errorf("%s: %q found; have %v", c.text, n, have)
			}
		}
	}
}
