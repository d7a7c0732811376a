package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkPattern reports a cue pattern that is not a valid RE2 regular
// expression, or that can match the empty string (it would fire on every
// sentence, or on none, depending on the engine's windows: either way a
// mistake). report gets the node, the column of the fault and the message.
func checkPattern(n *yaml.Node, pattern string, report func(n *yaml.Node, col int, msg string)) {
	if _, err := regexp.Compile(pattern); err != nil {
		col := n.Column
		var se *syntax.Error
		if errors.As(err, &se) {
			col = patternColumn(n, pattern, se.Expr)
		}
		report(n, col, "bad pattern: "+err.Error())
		return
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil { // Compile accepted it; cannot happen
		report(n, n.Column, "bad pattern: "+err.Error())
		return
	}
	if nullable(re.Simplify()) {
		report(n, n.Column, fmt.Sprintf("pattern %q can match the empty string; every part must need at least one character (use + rather than *, drop an empty alternative)", pattern))
	}
}

// patternColumn is the column of fragment inside the pattern's scalar in
// the file, when the scalar is written on one line without escapes (so
// offsets in the value are offsets in the source); else the scalar's own.
func patternColumn(n *yaml.Node, pattern, fragment string) int {
	i := strings.Index(pattern, fragment)
	if i < 0 || fragment == "" || strings.Contains(pattern, "\n") {
		return n.Column
	}
	switch n.Style {
	case 0: // plain
		return n.Column + i
	case yaml.SingleQuotedStyle:
		if strings.Contains(pattern, "'") {
			return n.Column
		}
		return n.Column + 1 + i
	case yaml.DoubleQuotedStyle:
		if strings.ContainsAny(pattern, `\"`) {
			return n.Column
		}
		return n.Column + 1 + i
	}
	return n.Column
}

// nullable reports whether re can match without consuming a character.
// Empty-width assertions (^, $, \b) consume nothing, so a pattern made only
// of them is nullable too.
func nullable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return re.Op == syntax.OpLiteral && len(re.Rune) == 0
	case syntax.OpCapture, syntax.OpPlus:
		return nullable(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpRepeat:
		return re.Min == 0 || nullable(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !nullable(s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if nullable(s) {
				return true
			}
		}
		return false
	}
	return true // OpEmptyMatch and the assertions
}
