// Package rules reads framewatch's rule files: YAML documents that hold
// language rules (kind "term"), framing rules (frames with weighted cues) and
// named allowlists, plus gazetteers (one name per line) that correct the
// named-entity tagger. The shipped library is embedded in the binary; a user
// directory adds rules and overrides shipped ones by id. The format reference
// for rule authors is docs/rules.md; keep it in step with the yaml tags here.
package rules

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Categories are the language-rule categories the digest groups by. A rule
// with any other category is rejected, so a typo cannot start a new trend line.
var Categories = []string{
	"people", "prison", "dehumanising", "drugs", "mental_health", "suicide", "race",
	"immigration", "young_people", "sex_work", "vawg", "victims", "disability",
}

// Severities, best known first.
var Severities = []string{"high", "medium", "low"}

// File is one YAML rule file. Every section is optional.
type File struct {
	Allowlists map[string]StringList `yaml:"allowlists"`
	Rules      []Rule                `yaml:"rules"`
	Frames     []Frame               `yaml:"frames"`
	Roles      []Role                `yaml:"roles"` // speaker roles (roles.go)
}

// Rule is a language rule: words whose use the guidance asks journalists to
// avoid, with the conditions under which a use counts.
type Rule struct {
	ID       string     `yaml:"id"`
	Kind     string     `yaml:"kind"` // "term" (the default)
	Category string     `yaml:"category"`
	Severity string     `yaml:"severity"`
	Match    StringList `yaml:"match"`
	Case     string     `yaml:"case"` // insensitive (default), sensitive, exact
	// Inflect adds plurals and possessives to the last word of every match
	// form. On unless set to false (for words whose plural means something else).
	Inflect       *bool      `yaml:"inflect"`
	POS           string     `yaml:"pos"` // noun, verb, adjective
	PrecededBy    StringList `yaml:"preceded_by"`
	NotPrecededBy StringList `yaml:"not_preceded_by"`
	FollowedBy    StringList `yaml:"followed_by"`
	NotFollowedBy StringList `yaml:"not_followed_by"`
	Near          *Near      `yaml:"near"`
	NotNear       *Near      `yaml:"not_near"`
	ParaNear      *Near      `yaml:"para_near"`
	NotParaNear   *Near      `yaml:"not_para_near"`
	// InArticle and NotInArticle test the whole article, headline and
	// body: a headline's "Tragedy" is about a domestic killing when the
	// story says so three paragraphs down. Only Words are read.
	InArticle    *Near      `yaml:"in_article"`
	NotInArticle *Near      `yaml:"not_in_article"`
	Voice        string     `yaml:"voice"` // any (default), journalist
	Except       StringList `yaml:"except"`
	Suggest      StringList `yaml:"suggest"`
	Message      string     `yaml:"message"`
	Rationale    string     `yaml:"rationale"`
	Source       string     `yaml:"source"`
	// Guide names the guide whose suggestion the rule follows (shown with
	// every match); a style may name another.
	Guide string `yaml:"guide"`
	// Styles override the rule under a style profile (rules.style in the
	// config, --style): the terms the published guides disagree on.
	Styles map[string]StyleRule `yaml:"styles"`
	Tests  RuleTests            `yaml:"tests"`

	Pos Pos `yaml:"-"` // where the rule starts, for error messages
}

// Styles are the style profiles a rule may override: UK guidance (HMPPS,
// Unlock, Prison Reform Trust) is the default; US person-first guides (the
// Marshall Project, Fortune Society, Center for NuLeadership) are "us".
var Styles = []string{"uk", "us"}

// DefaultStyle is the style profile when none is chosen.
const DefaultStyle = "uk"

// StyleRule is what a style profile changes in a rule. Off: the rule does
// not flag anything under that style (the guide accepts the word).
type StyleRule struct {
	Off      bool       `yaml:"off"`
	Severity string     `yaml:"severity"`
	Suggest  StringList `yaml:"suggest"`
	Message  string     `yaml:"message"`
	Guide    string     `yaml:"guide"`
	Source   string     `yaml:"source"`
}

// Near is a proximity condition: any of Words within Within words of the
// match (same sentence for near, same paragraph for para_near; anywhere in
// the article, with no Within, for in_article).
type Near struct {
	Words  StringList `yaml:"words"`
	Within int        `yaml:"within"`
	// With (in_article, not_in_article only): the article must have one of
	// Words within Within words of one of With, in one sentence ("killed"
	// near "his wife"): what the story is about, not words it happens to hold.
	With StringList `yaml:"with"`
}

// RuleTests are the examples a rule must get right; "rules check" runs them.
type RuleTests struct {
	Match   []MatchTest `yaml:"match"`
	NoMatch []TextTest  `yaml:"no_match"`
}

// MatchTest is a text the rule must match. Span is the matched text expected
// (the first match of the rule when empty any match will do).
type MatchTest struct {
	Text     string `yaml:"text"`
	Headline string `yaml:"headline"`
	Span     string `yaml:"span"`
	Location string `yaml:"location"`
	InQuote  *bool  `yaml:"in_quote"`
	Voice    string `yaml:"voice"`
	Pos      Pos    `yaml:"-"`
}

// TextTest is a text given as a plain string or as {text, headline}.
type TextTest struct {
	Text     string `yaml:"text"`
	Headline string `yaml:"headline"`
	Pos      Pos    `yaml:"-"`
}

// Frame is a framing rule: weighted cues summed over an article and
// compared with a threshold (domain model: frames.md "Scoring model").
type Frame struct {
	ID               string   `yaml:"id"`
	Name             string   `yaml:"name"`
	Description      string   `yaml:"description"`
	Threshold        float64  `yaml:"threshold"`
	MinCues          int      `yaml:"min_cues"`           // default 2
	QuoteWeight      *float64 `yaml:"quote_weight"`       // default 0.5
	LongArticleWords int      `yaml:"long_article_words"` // default 1500
	// Kinds lists the article kinds (news, opinion, letter) the frame can
	// fire on; empty: all. Its score and evidence are kept on the others.
	Kinds  StringList `yaml:"kinds"`
	Source string     `yaml:"source"`
	Cues   []Cue      `yaml:"cues"`
	Tests  FrameTests `yaml:"tests"`

	Pos Pos `yaml:"-"`
}

// Cue is one piece of evidence for a frame. Exactly one of Phrase, Near,
// Rule, Pattern and Role says what it looks for.
type Cue struct {
	ID      string     `yaml:"id"`
	Phrase  StringList `yaml:"phrase"`
	Near    *CueNear   `yaml:"near"`
	Rule    string     `yaml:"rule"`    // language rule id or glob ("prison.*")
	Pattern string     `yaml:"pattern"` // Go regular expression (RE2 syntax)
	Role    string     `yaml:"role"`    // a speaker role (Roles): each quote by such a speaker
	In      string     `yaml:"in"`      // headline, lead, body or any (default)
	Voice   string     `yaml:"voice"`   // any (default) or journalist
	Weight  float64    `yaml:"weight"`  // negative for a counter-cue
	Cap     float64    `yaml:"cap"`     // most this cue may add (or take away); 0 = no cap
	Inflect *bool      `yaml:"inflect"`
	// Echo: hits in the headline and again below it count as two distinct
	// cues towards min_cues (a story that leads on the same framing word it
	// headlines with is carrying that frame, not mentioning it).
	Echo bool `yaml:"echo"`
	// Supporting: the cue adds to the score and counts towards min_cues,
	// but only beside a positive cue that is not supporting: a name and
	// age and the time of day set a scene, they do not make an incident.
	Supporting bool `yaml:"supporting"`
	// PerRule: for a rule cue with a pattern ("mh.*"), each different
	// language rule it matched counts as its own cue towards min_cues, two
	// at most ("Schizophrenic" and "deranged" are two monstering labels).
	PerRule bool `yaml:"per_rule"`

	Pos Pos `yaml:"-"`
}

// CueNear fires when any item of A is within Within words of any item of B,
// in either order, in one sentence.
type CueNear struct {
	A      StringList `yaml:"a"`
	B      StringList `yaml:"b"`
	Within int        `yaml:"within"`
}

// FrameTests are whole texts on which the frame must or must not fire.
type FrameTests struct {
	Fired    []TextTest `yaml:"fired"`
	NotFired []TextTest `yaml:"not_fired"`
}

// Pos is a place in a rule file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// InflectOn reports whether the rule's match forms take plurals and possessives.
func (r *Rule) InflectOn() bool { return r.Inflect == nil || *r.Inflect }

// InflectOn reports whether the cue's phrases take plurals and possessives.
func (c *Cue) InflectOn() bool { return c.Inflect == nil || *c.Inflect }

// QuoteMultiplier is the weight of a cue found inside quoted speech.
func (f *Frame) QuoteMultiplier() float64 {
	if f.QuoteWeight == nil {
		return 0.5
	}
	return *f.QuoteWeight
}

// StringList accepts a single string or a list of strings, so authors can
// write `match: offender` or `match: [offender, offenders]`.
type StringList []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (s *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*s = nil
			return nil
		}
		*s = StringList{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(StringList, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return &Error{Pos: Pos{Line: c.Line, Col: c.Column}, Msg: "expected a word or phrase here, found a " + kindName(c)}
			}
			out = append(out, c.Value)
		}
		*s = out
		return nil
	}
	return &Error{Pos: Pos{Line: n.Line, Col: n.Column}, Msg: "expected a phrase or a list of phrases, found a " + kindName(n)}
}

// UnmarshalYAML lets a test be a bare string.
func (t *TextTest) UnmarshalYAML(n *yaml.Node) error {
	t.Pos = Pos{Line: n.Line, Col: n.Column}
	if n.Kind == yaml.ScalarNode {
		t.Text = n.Value
		return nil
	}
	type plain TextTest
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	p.Pos = t.Pos
	*t = TextTest(p)
	return nil
}

// UnmarshalYAML lets a match test be a bare string.
func (t *MatchTest) UnmarshalYAML(n *yaml.Node) error {
	t.Pos = Pos{Line: n.Line, Col: n.Column}
	if n.Kind == yaml.ScalarNode {
		t.Text = n.Value
		return nil
	}
	type plain MatchTest
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	p.Pos = t.Pos
	*t = MatchTest(p)
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping (key: value)"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "YAML node"
}

// Error is one problem in a rule file, with its place.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errors is every problem found while loading, in file order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
