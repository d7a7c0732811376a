package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/storage/chtest"
)

// execMainEnv makes the test binary run as framewatch itself (os.Args[1:]
// are the command and its flags): tests that need a real process to kill,
// signal or race run it so (see startProcess).
const execMainEnv = "FRAMEWATCH_TEST_EXEC_MAIN"

// TestMain stops the shared throwaway ClickHouse server after the tests.
func TestMain(m *testing.M) {
	if os.Getenv(execMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	chtest.Main(m)
}

// runCmd runs the command as main would, with stdin, and returns its exit
// code, stdout and stderr.
func runCmd(t testing.TB, stdin, name string, args ...string) (int, string, string) {
	t.Helper()
	c, ok := commands[name]
	if !ok {
		t.Fatalf("no command %q", name)
	}
	var out, errb bytes.Buffer
	code := c.main(args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

func TestHelpExitsZero(t *testing.T) {
	for name := range commands {
		if code, _, errs := runCmd(t, "", name, "--help"); code != 0 || !strings.Contains(errs, "Usage: framewatch "+name) {
			t.Errorf("%s --help: exit %d, stderr %q", name, code, errs)
		}
	}
	if code, _, _ := runCmd(t, "", "migrate", "stray"); code != 2 {
		t.Errorf("migrate with a stray argument: exit %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	code, out, errs := runCmd(t, "", "version", "--config", "framewatch.yaml")
	if code != 0 || !strings.HasPrefix(out, "framewatch ") || !regexp.MustCompile(`(?m)^ruleset [0-9a-f]{8,} \(shipped library\)$`).MatchString(out) {
		t.Errorf("version: exit %d, %q, stderr %q", code, out, errs)
	}
	code, out, _ = runCmd(t, "", "version", "--json", "--rules", "../../rules/testdata/good")
	var v struct {
		Version, Commit, Ruleset string
		RulesDir                 string `json:"rules_dir"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.Ruleset == "" || v.RulesDir == "" || v.Commit == "" {
		t.Errorf("version --json: exit %d, %q", code, out)
	}
}
