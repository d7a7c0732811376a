package app

import (
	"errors"
	"fmt"
	"io"

	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/rules"
)

// RulesCheck validates the shipped rule library and, when dir is given, the
// rule files in dir (which add to and override it), then runs every rule's
// and frame's tests. Problems (file:line:col) and failed tests are written
// to w, then a summary line; passed reports whether all was well. style
// is the style profile whose rules are checked ("" is the default, uk).
func RulesCheck(dir, style string, w io.Writer) (passed bool, err error) {
	rs, err := rules.Load(dir)
	var errs rules.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintln(w, e)
		}
		fmt.Fprintf(w, "%d problem(s) in the rule files; tests not run\n", len(errs))
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if rs, err = rs.WithStyle(style); err != nil {
		return false, usage(err)
	}
	eng, err := tag.New(rs, tag.Options{})
	if err != nil {
		return false, err
	}
	res := eng.Check()
	for _, f := range res.Failures {
		fmt.Fprintln(w, f)
	}
	fmt.Fprintf(w, "%d rules, %d frames, %d files, ruleset %s: %d tests, %d failed\n",
		len(rs.Rules), len(rs.Frames), len(rs.Files), rs.Hash, res.Tests, len(res.Failures))
	return len(res.Failures) == 0, nil
}
