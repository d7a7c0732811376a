package dedup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/samplesite"
)

// doc is one text in the story measurement: an article body or an edit of
// one, with the story it belongs to.
type doc struct {
	name, story, text string
}

func sentences(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		for _, s := range strings.SplitAfter(p, ". ") {
			if strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// lightEdits are the changes an outlet makes to an agency story: a sentence
// added or removed, the tail trimmed, its own furniture around the text,
// house style for quotes and numbers.
func lightEdits(text string) map[string]string {
	s := sentences(text)
	paras := strings.Split(text, "\n\n")
	mid := len(s) / 2
	edits := map[string]string{
		"sentence added": strings.Join(s[:mid], " ") + " A spokesperson for the council said it would study the findings carefully. " +
			strings.Join(s[mid:], " "),
		"sentence removed": strings.Join(append(append([]string{}, s[:mid]...), s[mid+1:]...), " "),
		"boilerplate": "By Ellen Marsh, National Press Wire\n\n" + text +
			"\n\nAdditional reporting by National Press Wire.\n\nGot a story? Email news@example.org or call us.",
		"house style":     strings.NewReplacer("“", "'", "”", "'", "’", "'", " per cent", "%").Replace(text),
		"headline change": text, // the fingerprint is of the body, which a new headline leaves alone
	}
	if len(paras) > 4 {
		edits["tail trimmed"] = strings.Join(paras[:len(paras)-2], "\n\n")
		edits["two edits"] = "By a staff reporter\n\n" + strings.Join(paras[1:len(paras)-1], "\n\n")
	}
	return edits
}

// storyDocs are the sample-site bodies (syndicated copies share a story)
// plus light edits of each, which belong to the original's story.
func storyDocs() []doc {
	var docs []doc
	for _, a := range samplesite.Articles() {
		story := a.Story
		if story == "" {
			story = a.ID
		}
		docs = append(docs, doc{a.ID, story, a.Body})
		for name, text := range lightEdits(a.Body) {
			docs = append(docs, doc{a.ID + "/" + name, story, text})
		}
	}
	return docs
}

type pairScore struct {
	tp, fp, fn, tn int
}

func (s pairScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}
func (s pairScore) recall() float64 { return float64(s.tp) / float64(s.tp+s.fn) }

// pairs scores "same story" over every pair of docs: predicted when the
// fingerprints are within threshold.
func pairs(docs []doc, prints []uint64, threshold int) pairScore {
	var s pairScore
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			same := docs[i].story == docs[j].story
			near := Distance(prints[i], prints[j]) <= threshold
			switch {
			case same && near:
				s.tp++
			case same:
				s.fn++
			case near:
				s.fp++
			default:
				s.tn++
			}
		}
	}
	return s
}

// TestMeasureStories prints precision/recall of "same story" per shingle
// size and threshold (go test -run MeasureStories -v), the table behind
// ShingleSize and Threshold in docs/extraction.md, and holds the chosen
// pair to no false merges and near-complete recall.
func TestMeasureStories(t *testing.T) {
	docs := storyDocs()
	syndicated := map[string]int{}
	for _, a := range samplesite.Articles() {
		if a.Story != "" {
			syndicated[a.Story]++
		}
	}
	if len(syndicated) == 0 {
		t.Fatal("the sample site has no syndicated story")
	}
	for size := 1; size <= 5; size++ {
		prints := make([]uint64, len(docs))
		for i, d := range docs {
			prints[i] = fingerprint(d.text, size)
		}
		// Closest different-story pair and farthest same-story pair.
		minNeg, maxPos := 64, 0
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				d := Distance(prints[i], prints[j])
				if docs[i].story == docs[j].story {
					maxPos = max(maxPos, d)
				} else {
					minNeg = min(minNeg, d)
				}
			}
		}
		var row []string
		for _, th := range []int{3, 6, 8, 10, 12, 14, 16, 18} {
			s := pairs(docs, prints, th)
			row = append(row, fmt.Sprintf("t=%d P=%.3f R=%.3f", th, s.precision(), s.recall()))
		}
		t.Logf("shingle=%d max same-story distance=%d min different-story distance=%d | %s", size, maxPos, minNeg, strings.Join(row, " | "))
	}
	prints := make([]uint64, len(docs))
	for i, d := range docs {
		prints[i] = Fingerprint(d.text)
	}
	s := pairs(docs, prints, Threshold)
	t.Logf("chosen shingle=%d threshold=%d: %d docs, %d same-story pairs, %d different-story pairs: precision=%.3f recall=%.3f",
		ShingleSize, Threshold, len(docs), s.tp+s.fn, s.fp+s.tn, s.precision(), s.recall())
	if s.precision() < 1 || s.recall() < 0.95 {
		t.Errorf("shingle=%d threshold=%d: precision %.3f recall %.3f, want 1 and >= 0.95", ShingleSize, Threshold, s.precision(), s.recall())
	}
}
