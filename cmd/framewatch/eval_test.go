package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEvalCommand(t *testing.T) {
	code, out, _ := runCmd(t, "", "eval", "--labels", "../../quality/testdata/small", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var r struct {
		Articles int `json:"articles"`
		Terms    struct {
			All struct {
				Labelled int     `json:"labelled"`
				Recall   float64 `json:"recall"`
			} `json:"all"`
			Mentions struct {
				Labelled int `json:"labelled"`
			} `json:"mentions"`
		} `json:"terms"`
		Frames struct {
			Accuracy struct {
				Checked int `json:"checked"`
			} `json:"accuracy"`
		} `json:"frames"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	// Two articles, three labelled uses (the mention is not one), 16 core
	// frame decisions; the shipped library finds every labelled use.
	if r.Articles != 2 || r.Terms.All.Labelled != 3 || r.Terms.Mentions.Labelled != 1 || r.Frames.Accuracy.Checked != 16 || r.Terms.All.Recall != 1 {
		t.Errorf("report: %+v\n%s", r, out)
	}
	code, out, _ = runCmd(t, "", "eval", "--labels", "../../quality/testdata/small")
	if code != 0 || !strings.Contains(out, "LANGUAGE TERMS") || !strings.Contains(out, "FRAMES") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	code, _, errOut := runCmd(t, "", "eval", "--labels", "../../quality/testdata/bad")
	if code != 1 || !strings.Contains(errOut, "one.json: terms[0].occurrence: 2") {
		t.Errorf("bad labels: exit %d, want 1 with file: field errors:\n%s", code, errOut)
	}
	if code, _, _ = runCmd(t, "", "eval"); code != 2 {
		t.Errorf("no --labels: exit %d, want 2", code)
	}
}

// --style switches the terms the guides disagree on, on tag, rules check
// and eval alike, and each suggestion names its guide.
func TestStyleFlag(t *testing.T) {
	text := "Prisoners at the jail were moved."
	code, out, _ := runCmd(t, text, "tag", "--format", "json", "-")
	if code != 0 || strings.Contains(out, "people.prisoner") {
		t.Errorf("uk (default): exit %d, prisoner flagged:\n%s", code, out)
	}
	code, out, _ = runCmd(t, text, "tag", "--style", "us", "--format", "json", "-")
	if code != 0 || !strings.Contains(out, `"rule": "people.prisoner"`) || !strings.Contains(out, "incarcerated person") || !strings.Contains(out, `"guide": "The Marshall Project`) {
		t.Errorf("us: exit %d:\n%s", code, out)
	}
	if code, _, _ = runCmd(t, text, "tag", "--style", "fr", "-"); code != 2 {
		t.Errorf("unknown style: exit %d, want 2", code)
	}
	code, out, _ = runCmd(t, "", "rules", "check", "--style", "us")
	if code != 0 || !strings.Contains(out, " 0 failed") {
		t.Errorf("rules check --style us: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "eval", "--labels", "../../quality/testdata/small", "--style", "us", "--format", "json")
	if code != 0 || !strings.Contains(out, `"style": "us"`) {
		t.Errorf("eval --style us: exit %d\n%s", code, out)
	}
}
