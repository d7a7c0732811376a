package quality_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/quality"
	"github.com/framewatch/framewatch/rules"
)

// The labelled corpus: the dev half the rules are tuned on, and the held-out
// test half nobody tunes on (docs/quality.md).
const (
	devDir  = "../testdata/labels/dev"
	testDir = "../testdata/labels/test"
)

func library(t *testing.T) (*rules.Ruleset, *tag.Engine) {
	t.Helper()
	rs, err := rules.Load("")
	if err != nil {
		t.Fatalf("shipped library: %v", err)
	}
	eng, err := tag.New(rs, tag.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rs, eng
}

// checkLabels lists labels that name a rule or frame the library lacks (a
// renamed rule, or a term the guides name that has no rule yet). Not an
// error: labels follow the guide, not the library.
func checkLabels(t *testing.T, rs *rules.Ruleset, arts []quality.Article) {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range rs.Rules {
		ids[r.ID] = true
	}
	for _, f := range rs.Frames {
		ids[f.ID] = true
	}
	for _, a := range arts {
		for _, term := range a.Terms {
			if term.Rule != "" && !ids[term.Rule] {
				t.Logf("%s: labels rule %q, which the library does not define", a.File, term.Rule)
			}
		}
		for f := range a.Frames {
			if !ids[f] {
				t.Logf("%s: labels frame %q, which the library does not define", a.File, f)
			}
		}
	}
}

func logReport(t *testing.T, r *quality.Report) {
	t.Helper()
	tr, fr := r.Terms, r.Frames
	t.Logf("%d articles: term recall %.3f (%d/%d), precision %.3f (%d/%d), voice %.3f, look-alikes %d; frame accuracy %.3f",
		r.Articles, tr.All.Recall, tr.All.Recalled, tr.All.Labelled, tr.All.Precision, tr.All.Correct, tr.All.Found,
		tr.Voice.Accuracy, tr.LookAlikes, fr.Accuracy.Accuracy)
	for _, c := range fr.Frames {
		t.Logf("  %-17s present %3d  P %.2f  R %.2f  F1 %.2f", c.Frame, c.Present, c.Precision, c.Recall, c.F1)
	}
}

// TestDevCorpus holds the tuned half to floors a little below its last
// measurement (docs/quality.md): the rules are tuned on these articles, so
// a drop is a regression. The goals are judged on the held-out half.
func TestDevCorpus(t *testing.T) {
	rs, eng := library(t)
	arts, err := quality.Load(devDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 40 {
		t.Fatalf("dev corpus has %d articles; the figures need at least 40", len(arts))
	}
	checkLabels(t, rs, arts)
	r := quality.Score(eng, arts, quality.Options{Worst: -1})
	logReport(t, r)
	if testing.Verbose() {
		for _, w := range r.Worst {
			for _, p := range w.Problems {
				t.Logf("%s: %s", w.ID, p)
			}
		}
	}
	floor := func(name string, got, want float64) {
		if got < want {
			t.Errorf("dev %s %.3f, floor %.2f", name, got, want)
		}
	}
	tr := r.Terms
	floor("term precision", tr.All.Precision, devFloors.precision)
	floor("term recall", tr.All.Recall, devFloors.recall)
	floor("voice accuracy", tr.Voice.Accuracy, devFloors.voice)
	floor("frame accuracy", r.Frames.Accuracy.Accuracy, devFloors.frameAccuracy)
	if tr.LookAlikes > devFloors.lookAlikes {
		t.Errorf("dev: %d look-alike spans flagged, ceiling %d: %+v %+v", tr.LookAlikes, devFloors.lookAlikes, tr.MustNot, tr.Mentions.CountedAsUsage)
	}
}

// Term floors a little below the dev half after the ninth terms pass of
// 2026-12-03 (271 articles: recall 0.985, precision 0.993, 2 look-alikes).
// Frame accuracy a little below the 0.943 measured once the terms pass's 22
// articles by another writer joined (0.950 on the 249 before them).
var devFloors = floors{recall: 0.98, precision: 0.985, voice: 0.98, frameAccuracy: 0.94, lookAlikes: 3}

type floors struct {
	recall, precision, voice, frameAccuracy float64
	lookAlikes                              int
	frameF1                                 map[string]float64
}

// TestHeldOutFloors asserts the held-out half's scores as floors, a little
// below what docs/quality.md reports, so a regression fails CI. Nothing is
// printed per article: the half stays unread.
func TestHeldOutFloors(t *testing.T) {
	if _, err := os.Stat(testDir); err != nil {
		t.Skip("no held-out half yet")
	}
	if m, _ := filepath.Glob(filepath.Join(testDir, "*.json")); len(m) == 0 {
		t.Skip("no held-out half yet")
	}
	_, eng := library(t)
	arts, err := quality.Load(testDir)
	if err != nil {
		t.Fatal(err)
	}
	r := quality.Score(eng, arts, quality.Options{Summary: true})
	logReport(t, r)
	floors := heldOutFloors
	tr := r.Terms
	check := func(name string, got, want float64) {
		if got < want {
			t.Errorf("held-out %s %.3f, floor %.2f", name, got, want)
		}
	}
	check("term recall", tr.All.Recall, floors.recall)
	check("term precision", tr.All.Precision, floors.precision)
	check("voice accuracy", tr.Voice.Accuracy, floors.voice)
	check("frame accuracy", r.Frames.Accuracy.Accuracy, floors.frameAccuracy)
	if tr.LookAlikes > floors.lookAlikes {
		t.Errorf("held-out look-alikes flagged %d, ceiling %d", tr.LookAlikes, floors.lookAlikes)
	}
	for _, c := range r.Frames.Frames {
		if f, ok := floors.frameF1[c.Frame]; ok {
			check(c.Frame+" F1", c.F1, f)
		}
	}
}

// heldOutFloors are set from the measurement in docs/quality.md (100
// articles, ruleset of 2026-12-02), a little below it.
var heldOutFloors = floors{
	// Terms: the ninth pass (docs/quality.md, "Language terms, ninth pass":
	// recall 0.920, precision 0.952, 12 look-alikes).
	recall: 0.915, precision: 0.95, voice: 0.98, lookAlikes: 13,
	// Frames: the ninth pass (docs/quality.md, "Frames, ninth pass":
	// accuracy 0.920, episodic 0.86).
	frameAccuracy: 0.915,
	frameF1: map[string]float64{
		"punitive": 0.79, "rehabilitative": 0.87, "episodic": 0.85, "thematic": 0.83,
		"sensationalist": 0.79, "victim_centred": 0.81, "racial_disparity": 0.91, "lived_experience": 0.86,
	},
}
