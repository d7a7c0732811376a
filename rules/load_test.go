package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBadFiles(t *testing.T) {
	tests := []struct {
		dir  string
		want []string // "file:line:col: text" prefixes, in order
	}{
		{"unknown_key", []string{`r.yaml:6:5: unknown key "sugest"`}},
		{"bad_pattern", []string{`f.yaml:6:32: frame episodic: cue broken: bad pattern`}},
		{"empty_pattern", []string{
			`f.yaml:6:19: frame punitive: cue lock_up: bad pattern: error parsing regexp: missing closing ): ` + "`lock (them|'em up`",
			`f.yaml:9:18: frame punitive: cue maybe: pattern "(lock)?" can match the empty string`,
			`f.yaml:12:18: frame punitive: cue any: pattern "\\bthugs?\\b|x*" can match the empty string`,
			`f.yaml:15:18: frame punitive: cue edge: pattern "^\\b$" can match the empty string`,
		}},
		{"duplicate_id", []string{`a.yaml:7:5: duplicate rule id "people.offender"`}},
		{"empty_cues", []string{`f.yaml:4:11: frame punitive: cues: is empty`}},
		{"supporting_counter", []string{`f.yaml:6:57: frame episodic: cue stats: supporting is evidence for the frame; a counter-cue cannot be supporting`}},
		{"unknown_cue_role", []string{`f.yaml:5:28: frame lived_experience: cue speaks: role "campaigner" is not one of police, prosecutor`}},
		{"per_rule_exact", []string{`f.yaml:6:50: frame sensationalist: cue thug: per_rule counts the different rules`}},
		{"unknown_kind", []string{`f.yaml:4:19: frame episodic: kinds: "feature" is not an article kind`}},
		{"echo_counter", []string{`f.yaml:6:57: frame punitive: cue rehab: echo counts evidence for the frame; a counter-cue cannot echo`}},
		{"unknown_role", []string{`r.yaml:4:9: role "campaigner" is not one of police, prosecutor`}},
		{"article_near", []string{
			`r.yaml:7:16: rule vawg.tragedy: para_near: with: is for in_article and not_in_article only`,
			`r.yaml:6:17: rule vawg.tragedy: in_article: with: and within: go together`,
		}},
		{"unknown_category", []string{`r.yaml:7:15: rule crime.thug: unknown category "crime"`}},
		{"syntax", []string{`r.yaml:4:1: did not find expected ',' or ']'`}},
		{"tab", []string{`r.yaml:3:1: a tab in the indentation`}},
		{"unknown_allowlist", []string{`r.yaml:2:5: rule people.offender: except: unknown allowlist "@offical-names"`}},
		{"bad_rule_ref", []string{
			`f.yaml:6:9: frame punitive: cue both needs exactly one of`,
			`f.yaml:5:9: frame punitive: cue slang: rule "prisn.*" matches no rule`,
			`f.yaml:6:9: frame punitive: cue both: rule "people.*" matches no rule`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", tt.dir)
			_, err := LoadLayers(DirLayer(dir))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v, want Errors", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tt.want), errs)
			}
			for i, w := range tt.want {
				if got := errs[i].Error(); !strings.HasPrefix(got, "testdata/bad/"+tt.dir+"/"+w) {
					t.Errorf("error %d = %s\nwant prefix testdata/bad/%s/%s", i, got, tt.dir, w)
				}
			}
		})
	}
}

func TestGoodFileAndGazetteer(t *testing.T) {
	rs, err := LoadLayers(DirLayer("testdata/good"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Rules) < 5 || len(rs.Frames) != 1 {
		t.Fatalf("rules %d frames %d", len(rs.Rules), len(rs.Frames))
	}
	if rs.Gazetteer["HMP Leeds"] != "PRISON" || rs.Gazetteer["Leeds Crown Court"] != "COURT" || rs.Gazetteer["West Yorkshire Police"] != "POLICE" {
		t.Errorf("gazetteer = %v", rs.Gazetteer)
	}
	f := rs.Frames[0]
	if f.MinCues != 2 || f.LongArticleWords != 1500 || f.QuoteMultiplier() != 0.5 {
		t.Errorf("frame defaults: min_cues %d long %d quote %v", f.MinCues, f.LongArticleWords, f.QuoteMultiplier())
	}
	if r := rs.Rules[0]; r.Kind != "term" || r.Pos.Line == 0 || !strings.HasSuffix(r.Pos.File, "example.yaml") {
		t.Errorf("rule 0: kind %q pos %v", r.Kind, r.Pos)
	}
}

// A user layer overrides shipped rules by id, adds new ones, and changes the
// ruleset hash; the same files give the same hash.
func TestOverrideAndHash(t *testing.T) {
	base := fstest.MapFS{"a.yaml": {Data: []byte("rules:\n  - {id: people.lag, category: people, severity: high, match: [lag]}\n  - {id: people.con, category: people, severity: high, match: [con]}\n")}}
	user := fstest.MapFS{"mine.yaml": {Data: []byte("rules:\n  - {id: people.lag, category: people, severity: low, match: [old lag]}\n  - {id: people.new, category: people, severity: low, match: [newword]}\n")}}
	rs1, err := LoadLayers(Layer{FS: base, Prefix: "lib/"})
	if err != nil {
		t.Fatal(err)
	}
	rs2, err := LoadLayers(Layer{FS: base, Prefix: "lib/"}, Layer{FS: user, Prefix: "user/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs2.Rules) != 3 || rs2.Rules[0].Severity != "low" || rs2.Rules[0].Match[0] != "old lag" || rs2.Rules[2].ID != "people.new" {
		t.Errorf("merged rules wrong: %+v %+v %+v", rs2.Rules[0], rs2.Rules[1], rs2.Rules[2])
	}
	again, _ := LoadLayers(Layer{FS: base, Prefix: "lib/"}, Layer{FS: user, Prefix: "user/"})
	if rs1.Hash == rs2.Hash || again.Hash != rs2.Hash || len(rs2.Hash) != 12 {
		t.Errorf("hashes: %s %s %s", rs1.Hash, rs2.Hash, again.Hash)
	}
}

func TestShippedLibraryLoads(t *testing.T) {
	rs, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Rules) == 0 {
		t.Fatal("no shipped rules")
	}
}

func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"testdata/good", "testdata/quotes", "testdata/bad/*", "library"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, errs := ParseFile("fuzz.yaml", data)
		if file == nil && len(errs) == 0 {
			t.Fatal("no file and no error")
		}
		for _, e := range errs {
			if e.Pos.File != "fuzz.yaml" || e.Msg == "" {
				t.Fatalf("badly placed error %v", e)
			}
		}
	})
}

func TestWithStyle(t *testing.T) {
	src := `rules:
  - id: people.prisoner
    category: people
    severity: low
    match: [prisoner]
    suggest: [person in prison]
    guide: "Unlock (UK)"
    styles:
      uk: {off: true}
      us: {severity: medium, suggest: [incarcerated person], guide: "The Marshall Project (US)"}
  - id: people.lag
    category: people
    severity: high
    match: [lag]
`
	rs, err := LoadLayers(Layer{FS: fstest.MapFS{"a.yaml": {Data: []byte(src)}}, Prefix: "lib/"})
	if err != nil {
		t.Fatal(err)
	}
	uk, err := rs.WithStyle("")
	if err != nil {
		t.Fatal(err)
	}
	if len(uk.Rules) != 1 || uk.Rules[0].ID != "people.lag" || uk.Hash != rs.Hash || uk.Style != "uk" {
		t.Errorf("uk: %d rules (%v), hash %s vs %s", len(uk.Rules), uk.Rules[0].ID, uk.Hash, rs.Hash)
	}
	us, err := rs.WithStyle("us")
	if err != nil {
		t.Fatal(err)
	}
	p := us.Rules[0]
	if len(us.Rules) != 2 || p.Severity != "medium" || p.Suggest[0] != "incarcerated person" || p.Guide != "The Marshall Project (US)" || us.Hash == rs.Hash {
		t.Errorf("us: %+v, hash %s", p, us.Hash)
	}
	if rs.Rules[0].Severity != "low" {
		t.Error("WithStyle changed the ruleset it was given")
	}
	if _, err := rs.WithStyle("fr"); err == nil {
		t.Error("unknown style accepted")
	}
	bad := "rules:\n  - id: people.x\n    category: people\n    severity: low\n    match: [x]\n    styles:\n      ca: {severity: huge}\n"
	_, errs := ParseFile("b.yaml", []byte(bad))
	if msg := errs.Error(); !strings.Contains(msg, `b.yaml:7:11: rule people.x: unknown style "ca"`) || !strings.Contains(msg, "severity must be high, medium or low") {
		t.Errorf("errors: %v", msg)
	}
}
