package rules

import (
	"regexp/syntax"
	"testing"
)

func TestNullable(t *testing.T) {
	for pat, want := range map[string]bool{
		`lock them up`:         false,
		`(lock)?`:              true,
		`x*`:                   true,
		`\b`:                   true,
		`^$`:                   true,
		`a|`:                   true,
		`(?:a|b)+`:             false,
		`a{0,3}`:               true,
		`a{1,3}`:               false,
		`\bthug(s)?\b`:         false,
		`[A-Z][a-z]+, \d{1,2}`: false,
		`(?i)(a*)(b*)`:         true,
		`(a*)(b+)`:             false,
	} {
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := nullable(re.Simplify()); got != want {
			t.Errorf("nullable(%q) = %v, want %v", pat, got, want)
		}
	}
}
