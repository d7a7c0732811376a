package quality

import (
	"sort"

	"github.com/framewatch/framewatch/news"
)

// Calibration is a frame's threshold and min_cues fitted to the labels: the
// pair that maximises F1 + accuracy, taking the middle of the best plateau
// (within 0.01) so a single article does not move it. Thresholds below
// MinThreshold are not considered: a frame needs real evidence.
type Calibration struct {
	Frame     string  `json:"frame"`
	Labelled  int     `json:"labelled"`
	Threshold float64 `json:"threshold"`
	MinCues   int     `json:"min_cues"`
	F1        float64 `json:"f1"`
	Accuracy  float64 `json:"accuracy"`
}

// MinThreshold is the lowest threshold calibration suggests.
const MinThreshold = 1.5

type framePoint struct {
	score   float64
	cues    int
	present bool
}

type calibrator struct{ points map[string][]framePoint }

func newCalibrator() *calibrator { return &calibrator{points: map[string][]framePoint{}} }

func (c *calibrator) article(a *Article, t news.Tagging, _ *ArticleScore) {
	for _, fs := range t.Frames {
		if want, ok := a.Frames[fs.Frame]; ok {
			c.points[fs.Frame] = append(c.points[fs.Frame], framePoint{fs.Score, fs.Cues, want})
		}
	}
}

func (c *calibrator) finish(r *Report) {
	r.Calibration = []Calibration{}
	for _, f := range sortedKeys(c.points) {
		r.Calibration = append(r.Calibration, calibrate(f, c.points[f]))
	}
}

func calibrate(frame string, ps []framePoint) Calibration {
	type cand struct {
		t        float64
		m        int
		f1, acc  float64
		combined float64
	}
	var cs []cand
	best := -1.0
	for _, m := range []int{1, 2} {
		for t := MinThreshold; t <= 12; t += 0.25 {
			tp, fp, fn := 0, 0, 0
			for _, p := range ps {
				fired := p.score >= t && p.cues >= m
				switch {
				case fired && p.present:
					tp++
				case fired:
					fp++
				case p.present:
					fn++
				}
			}
			f := 1.0
			if tp+fp+fn > 0 {
				f = 2 * float64(tp) / float64(2*tp+fp+fn)
			}
			acc := 1 - float64(fp+fn)/float64(len(ps))
			cs = append(cs, cand{t, m, f, acc, f + acc})
			best = max(best, f+acc)
		}
	}
	// The plateau of the best, preferring two cues (frames.md's default).
	var plateau []cand
	for _, x := range cs {
		if x.combined >= best-0.01 {
			plateau = append(plateau, x)
		}
	}
	sort.SliceStable(plateau, func(i, j int) bool { return plateau[i].m > plateau[j].m })
	m := plateau[0].m
	var same []cand
	for _, x := range plateau {
		if x.m == m {
			same = append(same, x)
		}
	}
	pick := same[len(same)/2]
	return Calibration{Frame: frame, Labelled: len(ps), Threshold: pick.t, MinCues: pick.m, F1: pick.f1, Accuracy: pick.acc}
}
