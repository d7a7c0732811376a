package rules

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Ruleset is every rule, frame, allowlist and gazetteer name in force, after
// user files have overridden shipped ones.
type Ruleset struct {
	Rules      []*Rule
	Frames     []*Frame
	Allowlists map[string][]string
	// Gazetteer maps a name to its entity type (PRISON, COURT, POLICE, ORG...).
	Gazetteer map[string]string
	// GazetteerList maps a name to the list (file name without .txt) it
	// came from, e.g. "charities": speaker roles read it.
	GazetteerList map[string]string
	Roles         []*Role
	Files         []string // display paths of the files in force, sorted
	// Hash is a short hash of the content of every file in force: the
	// ruleset version stored next to each tagging.
	Hash string
	// Style is the style profile applied by WithStyle; "" means none yet
	// (the tagger then applies the default).
	Style string
}

// Layer is one directory of rule files. Later layers add to and override
// earlier ones by id.
type Layer struct {
	FS     fs.FS
	Prefix string // shown before paths in errors, e.g. "rules/" or the user dir
}

// Load reads the shipped library and, when userDir is not empty, the user's
// rules directory on top of it.
func Load(userDir string) (*Ruleset, error) {
	layers := []Layer{Shipped()}
	if userDir != "" {
		st, err := os.Stat(userDir)
		if err != nil {
			return nil, fmt.Errorf("rules directory: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("rules directory %s is not a directory", userDir)
		}
		layers = append(layers, DirLayer(userDir))
	}
	return LoadLayers(layers...)
}

// DirLayer is a layer reading the directory dir on disk.
func DirLayer(dir string) Layer {
	return Layer{FS: os.DirFS(dir), Prefix: filepath.ToSlash(filepath.Clean(dir)) + "/"}
}

// gazetteerTypes names the entity type of the well-known gazetteer files;
// any other file name, upper-cased, is its own type (people.txt → PEOPLE).
var gazetteerTypes = map[string]string{
	"prisons": "PRISON", "courts": "COURT", "police": "POLICE", "bodies": "ORG",
	"charities": "ORG", "places": "PLACE", "people": "PERSON", "orgs": "ORG",
}

type rawFile struct {
	display string
	data    []byte
}

// LoadLayers reads and validates every layer. The error, when not nil, is an
// Errors listing every problem with its file:line:col.
func LoadLayers(layers ...Layer) (*Ruleset, error) {
	rs := &Ruleset{Allowlists: map[string][]string{}, Gazetteer: map[string]string{}, GazetteerList: map[string]string{}}
	var errs Errors
	var all []rawFile
	ruleAt := map[string]int{}
	frameAt := map[string]int{}
	for _, l := range layers {
		yamls, gaz, err := listFiles(l.FS)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", l.Prefix, err)
		}
		seen := map[string]Pos{} // duplicate ids inside one layer are mistakes
		for _, p := range yamls {
			data, err := fs.ReadFile(l.FS, p)
			if err != nil {
				return nil, err
			}
			display := l.Prefix + p
			all = append(all, rawFile{display, data})
			f, ferrs := ParseFile(display, data)
			errs = append(errs, ferrs...)
			if f == nil {
				continue
			}
			for name, list := range f.Allowlists {
				rs.Allowlists[name] = list
			}
			for i := range f.Rules {
				r := &f.Rules[i]
				if prev, dup := seen["rule "+r.ID]; dup && r.ID != "" {
					errs = append(errs, &Error{r.Pos, fmt.Sprintf("duplicate rule id %q (first defined at %s)", r.ID, prev)})
					continue
				}
				seen["rule "+r.ID] = r.Pos
				if i, ok := ruleAt[r.ID]; ok {
					rs.Rules[i] = r
				} else {
					ruleAt[r.ID] = len(rs.Rules)
					rs.Rules = append(rs.Rules, r)
				}
			}
			errs = append(errs, mergeRoles(rs, f, seen)...)
			for i := range f.Frames {
				fr := &f.Frames[i]
				if prev, dup := seen["frame "+fr.ID]; dup && fr.ID != "" {
					errs = append(errs, &Error{fr.Pos, fmt.Sprintf("duplicate frame id %q (first defined at %s)", fr.ID, prev)})
					continue
				}
				seen["frame "+fr.ID] = fr.Pos
				if i, ok := frameAt[fr.ID]; ok {
					rs.Frames[i] = fr
				} else {
					frameAt[fr.ID] = len(rs.Frames)
					rs.Frames = append(rs.Frames, fr)
				}
			}
		}
		for _, p := range gaz {
			data, err := fs.ReadFile(l.FS, p)
			if err != nil {
				return nil, err
			}
			all = append(all, rawFile{l.Prefix + p, data})
			base := strings.TrimSuffix(path.Base(p), ".txt")
			typ, ok := gazetteerTypes[base]
			if !ok {
				typ = strings.ToUpper(base)
			}
			sc := bufio.NewScanner(bytes.NewReader(data))
			for sc.Scan() {
				name := strings.TrimSpace(sc.Text())
				if name == "" || strings.HasPrefix(name, "#") {
					continue
				}
				rs.Gazetteer[name] = typ
				rs.GazetteerList[name] = base
			}
		}
	}
	errs = append(errs, crossCheck(rs)...)
	sort.Slice(all, func(i, j int) bool { return all[i].display < all[j].display })
	h := sha256.New()
	for _, f := range all {
		rs.Files = append(rs.Files, f.display)
		fmt.Fprintf(h, "%s\x00%d\x00", f.display, len(f.data))
		h.Write(f.data)
	}
	rs.Hash = hex.EncodeToString(h.Sum(nil))[:12]
	if len(errs) > 0 {
		return rs, errs
	}
	return rs, nil
}

// listFiles finds the YAML rule files and gazetteers of a layer. Directories
// named testdata are skipped: they hold fixtures, some deliberately broken.
func listFiles(fsys fs.FS) (yamls, gaz []string, err error) {
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case path.Base(path.Dir(p)) == "gazetteers" && strings.HasSuffix(p, ".txt"):
			gaz = append(gaz, p)
		case strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"):
			if p == "relevance.yaml" { // the relevance filter's vocabulary, not rules
				return nil
			}
			yamls = append(yamls, p)
		}
		return nil
	})
	sort.Strings(yamls)
	sort.Strings(gaz)
	return yamls, gaz, err
}

var (
	ruleIDRe  = regexp.MustCompile(`^[a-z0-9_]+\.[a-z0-9_.-]+$`)
	frameIDRe = regexp.MustCompile(`^[a-z0-9_]+$`)
)

// ParseFile parses and checks one rule file on its own. Checks that need the
// whole ruleset (allowlist names, rule references) happen in LoadLayers.
func ParseFile(display string, data []byte) (*File, Errors) {
	// YAML forbids tabs in indentation, and yaml.v3 reports the line where
	// the enclosing block began; point at the tab itself.
	for i, line := range strings.Split(string(data), "\n") {
		if ws := len(line) - len(strings.TrimLeft(line, " \t")); strings.Contains(line[:ws], "\t") {
			return nil, Errors{{Pos{display, i + 1, strings.IndexByte(line, '\t') + 1}, "a tab in the indentation: YAML needs spaces"}}
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{yamlError(display, err)}
	}
	if len(doc.Content) == 0 { // empty file
		return &File{}, nil
	}
	root := doc.Content[0]
	var errs Errors
	at := func(n *yaml.Node) Pos { return Pos{display, n.Line, n.Column} }
	add := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, &Error{at(n), fmt.Sprintf(format, args...)})
	}
	if root.Kind != yaml.MappingNode {
		add(root, "a rule file is a mapping with allowlists:, rules: and frames:, found a %s", kindName(root))
		return nil, errs
	}
	checkKeys(root, reflect.TypeOf(File{}), add)
	if len(errs) > 0 {
		return nil, errs
	}
	var f File
	if err := root.Decode(&f); err != nil {
		return nil, Errors{decodeError(display, root, err)}
	}
	rulesNode, framesNode := value(root, "rules"), value(root, "frames")
	for i := range f.Rules {
		n := rulesNode.Content[i]
		r := &f.Rules[i]
		r.Pos = at(n)
		fix := func(key string) *yaml.Node {
			if v := value(n, key); v != nil {
				return v
			}
			return n
		}
		if r.Kind == "" {
			r.Kind = "term"
		}
		if r.Kind != "term" {
			add(fix("kind"), "rule %s: unknown kind %q (rules: holds term rules; frames go under frames:)", r.ID, r.Kind)
		}
		if !ruleIDRe.MatchString(r.ID) {
			add(fix("id"), "rule id %q must look like category.slug (lower case, digits, _ . -)", r.ID)
		}
		if !contains(Categories, r.Category) {
			add(fix("category"), "rule %s: unknown category %q (known: %s)", r.ID, r.Category, strings.Join(Categories, ", "))
		}
		if !contains(Severities, r.Severity) {
			add(fix("severity"), "rule %s: severity must be high, medium or low, not %q", r.ID, r.Severity)
		}
		if len(r.Match) == 0 {
			add(fix("match"), "rule %s: match: is empty; give at least one word or phrase", r.ID)
		}
		for j, m := range r.Match {
			if !hasWordChar(m) {
				add(item(fix("match"), j), "rule %s: match form %q has no letters or digits", r.ID, m)
			}
		}
		if !oneOf(r.Case, "", "insensitive", "sensitive", "exact") {
			add(fix("case"), "rule %s: case must be insensitive, sensitive or exact, not %q", r.ID, r.Case)
		}
		if !oneOf(r.POS, "", "noun", "verb", "adjective") {
			add(fix("pos"), "rule %s: pos must be noun, verb or adjective, not %q", r.ID, r.POS)
		}
		if !oneOf(r.Voice, "", "any", "journalist") {
			add(fix("voice"), "rule %s: voice must be any or journalist, not %q", r.ID, r.Voice)
		}
		// A slice, not a map: errors come out in one order every run.
		for _, kn := range []struct {
			key string
			nr  *Near
		}{{"near", r.Near}, {"not_near", r.NotNear}, {"para_near", r.ParaNear}, {"not_para_near", r.NotParaNear}} {
			key, nr := kn.key, kn.nr
			if nr == nil {
				continue
			}
			if len(nr.Words) == 0 {
				add(fix(key), "rule %s: %s: needs words:", r.ID, key)
			}
			if nr.Within <= 0 {
				add(fix(key), "rule %s: %s: needs within: (a number of words, at least 1)", r.ID, key)
			}
			if len(nr.With) > 0 {
				add(fix(key), "rule %s: %s: with: is for in_article and not_in_article only", r.ID, key)
			}
		}
		for _, kn := range []struct {
			key string
			nr  *Near
		}{{"in_article", r.InArticle}, {"not_in_article", r.NotInArticle}} {
			key, nr := kn.key, kn.nr
			if nr == nil {
				continue
			}
			if len(nr.Words) == 0 {
				add(fix(key), "rule %s: %s: needs words:", r.ID, key)
			}
			if (len(nr.With) > 0) != (nr.Within > 0) {
				add(fix(key), "rule %s: %s: with: and within: go together (words within that many words of a with: word), or neither (words anywhere in the article)", r.ID, key)
			}
		}
		for name, st := range r.Styles {
			sn := value(fix("styles"), name)
			if sn == nil {
				sn = fix("styles")
			}
			if !contains(Styles, name) {
				add(sn, "rule %s: unknown style %q (known: %s)", r.ID, name, strings.Join(Styles, ", "))
			}
			if st.Severity != "" && !contains(Severities, st.Severity) {
				add(sn, "rule %s: style %s: severity must be high, medium or low, not %q", r.ID, name, st.Severity)
			}
			if !st.Off && st.Guide == "" && (len(st.Suggest) > 0 || st.Message != "") {
				add(sn, "rule %s: style %s: name the guide its suggestion follows (guide:)", r.ID, name)
			}
		}
		for j, t := range r.Tests.Match {
			if strings.TrimSpace(t.Text) == "" && strings.TrimSpace(t.Headline) == "" {
				add(item(value(fix("tests"), "match"), j), "rule %s: a match test needs text:", r.ID)
			}
			if t.Span != "" && !strings.Contains(t.Text, t.Span) && !strings.Contains(t.Headline, t.Span) {
				add(item(value(fix("tests"), "match"), j), "rule %s: span %q does not occur in the test text", r.ID, t.Span)
			}
			r.Tests.Match[j].Pos.File = display
		}
		for j := range r.Tests.NoMatch {
			r.Tests.NoMatch[j].Pos.File = display
		}
	}
	for i := range f.Frames {
		n := framesNode.Content[i]
		fr := &f.Frames[i]
		fr.Pos = at(n)
		fix := func(key string) *yaml.Node {
			if v := value(n, key); v != nil {
				return v
			}
			return n
		}
		if !frameIDRe.MatchString(fr.ID) {
			add(fix("id"), "frame id %q must be lower case letters, digits and _", fr.ID)
		}
		if fr.Threshold <= 0 {
			add(fix("threshold"), "frame %s: threshold must be above 0", fr.ID)
		}
		if fr.MinCues == 0 {
			fr.MinCues = 2
		}
		if fr.LongArticleWords == 0 {
			fr.LongArticleWords = 1500
		}
		for k, kind := range fr.Kinds {
			if !oneOf(kind, "news", "opinion", "letter") {
				add(item(fix("kinds"), k), "frame %s: kinds: %q is not an article kind (news, opinion, letter)", fr.ID, kind)
			}
		}
		if len(fr.Cues) == 0 {
			add(fix("cues"), "frame %s: cues: is empty", fr.ID)
		}
		cueIDs := map[string]bool{}
		for j := range fr.Cues {
			c := &fr.Cues[j]
			cn := item(value(n, "cues"), j)
			c.Pos = at(cn)
			cfix := func(key string) *yaml.Node {
				if v := value(cn, key); v != nil {
					return v
				}
				return cn
			}
			if c.ID == "" {
				add(cn, "frame %s: cue %d has no id", fr.ID, j+1)
			} else if cueIDs[c.ID] {
				add(cfix("id"), "frame %s: duplicate cue id %q", fr.ID, c.ID)
			}
			cueIDs[c.ID] = true
			kinds := 0
			if len(c.Phrase) > 0 {
				kinds++
			}
			if c.Near != nil {
				kinds++
				if len(c.Near.A) == 0 || len(c.Near.B) == 0 || c.Near.Within <= 0 {
					add(cfix("near"), "frame %s: cue %s: near needs a:, b: and within:", fr.ID, c.ID)
				}
			}
			if c.Rule != "" {
				kinds++
				if _, err := path.Match(c.Rule, ""); err != nil {
					add(cfix("rule"), "frame %s: cue %s: bad rule pattern %q", fr.ID, c.ID, c.Rule)
				}
			}
			if c.Pattern != "" {
				kinds++
				checkPattern(cfix("pattern"), c.Pattern, func(n *yaml.Node, col int, msg string) {
					p := at(n)
					p.Col = col
					errs = append(errs, &Error{p, fmt.Sprintf("frame %s: cue %s: %s", fr.ID, c.ID, msg)})
				})
			}
			if c.Role != "" {
				kinds++
				if !slices.Contains(Roles, c.Role) {
					add(cfix("role"), "frame %s: cue %s: role %q is not one of %s", fr.ID, c.ID, c.Role, strings.Join(Roles, ", "))
				}
			}
			if kinds != 1 {
				add(cn, "frame %s: cue %s needs exactly one of phrase:, near:, rule:, pattern:, role: (found %d)", fr.ID, c.ID, kinds)
			}
			for k, p := range c.Phrase {
				if !hasWordChar(p) {
					add(item(cfix("phrase"), k), "frame %s: cue %s: phrase %q has no letters or digits", fr.ID, c.ID, p)
				}
			}
			if c.Weight == 0 {
				add(cfix("weight"), "frame %s: cue %s: weight must not be 0", fr.ID, c.ID)
			}
			if c.Echo && c.Weight < 0 {
				add(cfix("echo"), "frame %s: cue %s: echo counts evidence for the frame; a counter-cue cannot echo", fr.ID, c.ID)
			}
			if c.PerRule && (c.Weight < 0 || !strings.Contains(c.Rule, "*")) {
				add(cfix("per_rule"), "frame %s: cue %s: per_rule counts the different rules a rule: pattern with * matched, as evidence for the frame; it needs such a rule: and a positive weight", fr.ID, c.ID)
			}
			if c.Supporting && c.Weight < 0 {
				add(cfix("supporting"), "frame %s: cue %s: supporting is evidence for the frame; a counter-cue cannot be supporting", fr.ID, c.ID)
			}
			if c.Cap < 0 {
				add(cfix("cap"), "frame %s: cue %s: cap is a size; write it without a sign", fr.ID, c.ID)
			}
			if !oneOf(c.In, "", "any", "headline", "lead", "body") {
				add(cfix("in"), "frame %s: cue %s: in must be headline, lead, body or any, not %q", fr.ID, c.ID, c.In)
			}
			if !oneOf(c.Voice, "", "any", "journalist") {
				add(cfix("voice"), "frame %s: cue %s: voice must be any or journalist, not %q", fr.ID, c.ID, c.Voice)
			}
		}
		setFile := func(ts []TextTest) {
			for j := range ts {
				ts[j].Pos.File = display
			}
		}
		setFile(fr.Tests.Fired)
		setFile(fr.Tests.NotFired)
	}
	checkRoles(display, &f, value(root, "roles"), add)
	return &f, errs
}

// crossCheck finds problems that span files: unknown allowlists and cue rule
// references that match no rule.
func crossCheck(rs *Ruleset) Errors {
	var errs Errors
	for _, r := range rs.Rules {
		for _, e := range r.Except {
			if name, ok := strings.CutPrefix(e, "@"); ok {
				if _, found := rs.Allowlists[name]; !found {
					errs = append(errs, &Error{r.Pos, fmt.Sprintf("rule %s: except: unknown allowlist %q", r.ID, e)})
				}
			}
		}
	}
	for _, f := range rs.Frames {
		for _, c := range f.Cues {
			if c.Rule == "" {
				continue
			}
			found := false
			for _, r := range rs.Rules {
				if ok, _ := path.Match(c.Rule, r.ID); ok {
					found = true
					break
				}
			}
			if !found {
				errs = append(errs, &Error{c.Pos, fmt.Sprintf("frame %s: cue %s: rule %q matches no rule", f.ID, c.ID, c.Rule)})
			}
		}
	}
	return errs
}

// checkKeys reports mapping keys that t (a struct with yaml tags) does not
// know, recursing into nested structs, slices and maps.
func checkKeys(n *yaml.Node, t reflect.Type, add func(*yaml.Node, string, ...any)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			// Bare strings are allowed for tests; decoding reports other shapes.
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = t.Field(i).Type
			names = append(names, tag)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				add(k, "unknown key %q (known here: %s)", k.Value, strings.Join(names, ", "))
				continue
			}
			checkKeys(v, ft, add)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String || n.Kind != yaml.SequenceNode {
			return
		}
		for _, c := range n.Content {
			checkKeys(c, t.Elem(), add)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 1; i < len(n.Content); i += 2 {
			checkKeys(n.Content[i], t.Elem(), add)
		}
	}
}

// value returns the value node of key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// item returns the i-th element of sequence n, or n itself.
func item(n *yaml.Node, i int) *yaml.Node {
	if n != nil && n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

var yamlLineRe = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: `)

// yamlError turns a yaml.v3 error into file:line:col form.
func yamlError(display string, err error) *Error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	pos := Pos{File: display}
	if m := yamlLineRe.FindStringSubmatchIndex(msg); m != nil {
		fmt.Sscan(msg[m[2]:m[3]], &pos.Line)
		pos.Col = 1
		if m[4] >= 0 {
			fmt.Sscan(msg[m[4]:m[5]], &pos.Col)
		}
		msg = msg[:m[0]] + msg[m[1]:]
		// yaml.v3 counts parser-error lines from 0 (its scanner errors
		// are already corrected); those messages all read "did not find
		// expected ...".
		if strings.Contains(msg, "did not find expected") {
			pos.Line++
		}
	}
	return &Error{pos, strings.TrimSpace(msg)}
}

// decodeError places a decoding error; our own Errors carry line and column.
func decodeError(display string, root *yaml.Node, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Pos{display, e.Pos.Line, e.Pos.Col}, e.Msg}
	}
	ye := yamlError(display, err)
	if ye.Pos.Line == 0 {
		ye.Pos.Line, ye.Pos.Col = root.Line, root.Column
	}
	return ye
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func oneOf(s string, options ...string) bool { return contains(options, s) }

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// WithStyle is the ruleset as a style profile sees it: each rule's
// override for that style applied, rules the style turns off left out.
// The default style (or "") returns rs itself when no rule overrides it;
// any other style gets its own ruleset hash, so stored taggings say which
// profile made them.
func (rs *Ruleset) WithStyle(style string) (*Ruleset, error) {
	if style == "" {
		style = DefaultStyle
	}
	if !contains(Styles, style) {
		return nil, fmt.Errorf("unknown style %q (known: %s)", style, strings.Join(Styles, ", "))
	}
	if rs.Style != "" {
		if rs.Style == style {
			return rs, nil
		}
		return nil, fmt.Errorf("ruleset already has style %s; load it again for %s", rs.Style, style)
	}
	out := *rs
	out.Style = style
	out.Rules = make([]*Rule, 0, len(rs.Rules))
	changed := false
	for _, r := range rs.Rules {
		st, ok := r.Styles[style]
		if !ok {
			out.Rules = append(out.Rules, r)
			continue
		}
		changed = true
		if st.Off {
			continue
		}
		c := *r
		if st.Severity != "" {
			c.Severity = st.Severity
		}
		if len(st.Suggest) > 0 {
			c.Suggest = st.Suggest
		}
		if st.Message != "" {
			c.Message = st.Message
		}
		if st.Guide != "" {
			c.Guide = st.Guide
		}
		if st.Source != "" {
			c.Source = st.Source
		}
		out.Rules = append(out.Rules, &c)
	}
	if !changed && style == DefaultStyle {
		return &out, nil
	}
	if style != DefaultStyle {
		h := sha256.Sum256([]byte(rs.Hash + "\x00style=" + style))
		out.Hash = hex.EncodeToString(h[:])[:12]
	}
	return &out, nil
}
