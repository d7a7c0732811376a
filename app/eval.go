package app

import (
	"errors"

	"github.com/framewatch/framewatch/quality"
)

// EvalOptions say which labels to score and what to report.
type EvalOptions struct {
	Labels    string // folder of labelled articles (docs/labelling.md)
	Worst     int    // how many of the worst articles to list (0 none, -1 all with an error)
	Summary   bool   // figures only: nothing quoted from an article
	Calibrate bool   // also fit each frame's threshold and min_cues to the labels
}

// Eval scores the rules in force against hand-labelled articles. A folder
// with labelling mistakes is not scored: the error is a quality.Errors
// listing every problem as file: field: message.
func (a *App) Eval(opt EvalOptions) (*quality.Report, error) {
	if opt.Labels == "" {
		return nil, usage(errors.New("--labels DIR is required"))
	}
	arts, err := quality.Load(opt.Labels)
	if err != nil {
		return nil, err
	}
	eng, err := a.Tagger(true)
	if err != nil {
		return nil, err
	}
	r := quality.Score(eng, arts, quality.Options{Worst: opt.Worst, Summary: opt.Summary, Calibrate: opt.Calibrate})
	r.Style = a.style
	return r, nil
}
