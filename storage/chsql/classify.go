package chsql

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// readVerbs start statements that only read. EXPLAIN and DESCRIBE never run
// their argument; SHOW and EXISTS read the catalogue.
var readVerbs = map[string]bool{
	"SELECT": true, "WITH": true, "SHOW": true, "DESCRIBE": true, "DESC": true, "EXPLAIN": true, "EXISTS": true,
}

var (
	firstWordRe  = regexp.MustCompile(`^[(\s]*([A-Za-z]+)`)
	intoOutfile  = regexp.MustCompile(`(?i)\bINTO\s+OUTFILE\b`)
	formatClause = regexp.MustCompile(`(?i)\bFORMAT\s+[A-Za-z]+\s*$`)
)

// Classify reports whether query only reads. It rejects what the command
// cannot run: several statements, or a FORMAT clause (use --format).
// Strings, quoted identifiers and comments are blanked first, so that a
// ';' or a keyword inside them does not count.
func Classify(query string) (reads bool, err error) {
	code, err := codeOnly(query)
	if err != nil {
		return false, err
	}
	code = strings.TrimSpace(code)
	if i := strings.IndexByte(code, ';'); i >= 0 {
		if strings.TrimSpace(strings.Trim(code[i:], "; \t\r\n")) != "" {
			return false, errors.New("one statement at a time, please (found more than one, separated by ';')")
		}
		code = strings.TrimSpace(code[:i])
	}
	m := firstWordRe.FindStringSubmatch(code)
	if m == nil {
		return false, errors.New("the query has no statement, only comments")
	}
	if formatClause.MatchString(code) {
		return false, errors.New("drop the FORMAT clause; choose the output with --format table|csv|tsv|json|jsonl")
	}
	verb := strings.ToUpper(m[1])
	if readVerbs[verb] && intoOutfile.MatchString(code) {
		return false, nil // writes a file
	}
	return readVerbs[verb], nil
}

// codeOnly returns query with every comment, string literal and quoted
// identifier replaced by a space, keeping what the parser sees as code.
func codeOnly(q string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '-' && strings.HasPrefix(q[i:], "--"), c == '#':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				return b.String(), nil
			}
			i += j
			b.WriteByte(' ')
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			// ClickHouse block comments nest.
			depth, j := 0, i
			for j < len(q) {
				if strings.HasPrefix(q[j:], "/*") {
					depth++
					j += 2
				} else if strings.HasPrefix(q[j:], "*/") {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			if depth != 0 {
				return "", errors.New("unterminated /* comment")
			}
			i = j
			b.WriteByte(' ')
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for ; j < len(q); j++ {
				if q[j] == '\\' {
					j++
					continue
				}
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						j++
						continue
					}
					break
				}
			}
			if j >= len(q) {
				return "", fmt.Errorf("unterminated %c quote", c)
			}
			i = j + 1
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}
