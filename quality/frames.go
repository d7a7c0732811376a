package quality

import (
	"fmt"
	"strings"

	"github.com/framewatch/framewatch/news"
)

// FrameReport scores the framing rules: per frame, and the accuracy over
// every core-frame decision.
type FrameReport struct {
	// Accuracy is right decisions out of all core-frame decisions.
	Accuracy Accuracy      `json:"accuracy"`
	Frames   []*FrameCount `json:"frames"`
	// Unknown lists labelled frames the ruleset does not define.
	Unknown []string `json:"unknown"`
}

// FrameCount is one frame's confusion table.
type FrameCount struct {
	Frame     string  `json:"frame"`
	Core      bool    `json:"core"`
	Labelled  int     `json:"labelled"` // articles labelled (true or false)
	Present   int     `json:"present"`  // labelled true
	Fired     int     `json:"fired"`    // fired among the labelled
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	TN        int     `json:"tn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Accuracy  float64 `json:"accuracy"`
}

type frameScorer struct {
	byID    map[string]*FrameCount
	order   []string
	unknown map[string]bool
}

func newFrameScorer() *frameScorer {
	s := &frameScorer{byID: map[string]*FrameCount{}, unknown: map[string]bool{}}
	for _, f := range CoreFrames {
		s.count(f)
	}
	return s
}

func (s *frameScorer) count(id string) *FrameCount {
	c := s.byID[id]
	if c == nil {
		c = &FrameCount{Frame: id, Core: contains(CoreFrames, id)}
		s.byID[id] = c
		s.order = append(s.order, id)
	}
	return c
}

func (s *frameScorer) article(a *Article, t news.Tagging, as *ArticleScore) {
	got := map[string]news.FrameScore{}
	for _, fs := range t.Frames {
		got[fs.Frame] = fs
	}
	for _, id := range sortedKeys(a.Frames) {
		want := a.Frames[id]
		fs, ok := got[id]
		if !ok {
			s.unknown[id] = true
			continue
		}
		c := s.count(id)
		c.Labelled++
		if want {
			c.Present++
		}
		if fs.Fired {
			c.Fired++
		}
		switch {
		case want && fs.Fired:
			c.TP++
		case !want && !fs.Fired:
			c.TN++
		case fs.Fired:
			c.FP++
			as.problem(fmt.Sprintf("frame %s fired (score %.2f) but labelled false; evidence: %s", id, fs.Score, evidence(fs)))
		default:
			c.FN++
			as.problem(fmt.Sprintf("frame %s labelled true, not fired (score %.2f); evidence: %s", id, fs.Score, evidence(fs)))
		}
	}
}

func evidence(fs news.FrameScore) string {
	if len(fs.Evidence) == 0 {
		return "none"
	}
	return strings.Join(fs.Evidence, "; ")
}

func (s *frameScorer) finish(rep *Report) {
	r := &FrameReport{Frames: []*FrameCount{}, Unknown: sortedKeys(s.unknown)}
	for _, id := range s.order {
		c := s.byID[id]
		c.Precision = ratio(c.TP, c.TP+c.FP)
		c.Recall = ratio(c.TP, c.TP+c.FN)
		c.F1 = f1(c.Precision, c.Recall)
		c.Accuracy = ratio(c.TP+c.TN, c.Labelled)
		if c.Core {
			r.Accuracy.Checked += c.Labelled
			r.Accuracy.Right += c.TP + c.TN
		}
		if c.Labelled > 0 || c.Core {
			r.Frames = append(r.Frames, c)
		}
	}
	r.Accuracy.Accuracy = ratio(r.Accuracy.Right, r.Accuracy.Checked)
	rep.Frames = r
}
