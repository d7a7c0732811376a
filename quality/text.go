package quality

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the report as indented JSON (the shape in docs/labelling.md).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for a person reading a terminal.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	style := ""
	if r.Style != "" {
		style = ", style " + r.Style
	}
	p("%d labelled articles, ruleset %s%s\n\n", r.Articles, r.Ruleset, style)

	if t := r.Terms; t != nil {
		p("LANGUAGE TERMS (usage: mentions and titles left out)\n")
		p("  recall\t%.3f\t(%d of %d labelled terms found)\n", t.All.Recall, t.All.Recalled, t.All.Labelled)
		p("  precision\t%.3f\t(%d of %d flags labelled)\n", t.All.Precision, t.All.Correct, t.All.Found)
		p("  voice accuracy\t%.3f\t(%d of %d found flags with the labelled in_quote)\n", t.Voice.Accuracy, t.Voice.Right, t.Voice.Checked)
		p("  look-alikes flagged\t%d\t(%d must-not spans, %d mentions/titles counted as usage)\n", t.LookAlikes, t.MustNotFlagged, t.Mentions.AsUsage)
		p("  mentions/titles kept out\t%d of %d\n\n", t.Mentions.KeptOut, t.Mentions.Labelled)
		p("  category\tlabelled\tfound\trecall\tprecision\n")
		for _, k := range sortedKeys(t.ByCategory) {
			c := t.ByCategory[k]
			p("  %s\t%d\t%d\t%.2f\t%.2f\n", k, c.Labelled, c.Found, c.Recall, c.Precision)
		}
		p("\n  rule\tlabelled\tfound\trecall\tprecision\n")
		for _, k := range sortedKeys(t.ByRule) {
			c := t.ByRule[k]
			p("  %s\t%d\t%d\t%.2f\t%.2f\n", k, c.Labelled, c.Found, c.Recall, c.Precision)
		}
		if len(t.MustNot) > 0 {
			p("\n  must-not spans flagged:\n")
			for _, f := range t.MustNot {
				p("    %s: %s %q (%s) %s\n", f.Article, f.Rule, f.Text, f.Location, f.Why)
			}
		}
		p("\n")
	}
	if f := r.Frames; f != nil {
		p("FRAMES\n")
		p("  accuracy (core frames)\t%.3f\t(%d of %d decisions)\n\n", f.Accuracy.Accuracy, f.Accuracy.Right, f.Accuracy.Checked)
		p("  frame\tpresent\tfired\tprecision\trecall\tF1\taccuracy\n")
		for _, c := range f.Frames {
			p("  %s\t%d/%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", c.Frame, c.Present, c.Labelled, c.Fired, c.Precision, c.Recall, c.F1, c.Accuracy)
		}
		for _, u := range f.Unknown {
			p("  (labelled frame %q is not in the ruleset: not scored)\n", u)
		}
		p("\n")
	}
	if q := r.Quotes; q != nil {
		p("QUOTES AND SPEAKERS (%d articles labelled for quotes)\n", q.Articles)
		p("  span F1\t%.3f\t(recall %.3f of %d labelled, precision %.3f of %d found)\n", q.Spans.F1, q.Spans.Recall, q.Spans.Labelled, q.Spans.Precision, q.Spans.Found)
		p("  speaker accuracy\t%.3f\t(%d of %d matched quotes)\n", q.Speaker.Accuracy, q.Speaker.Right, q.Speaker.Checked)
		p("  role accuracy\t%.3f\t(%d of %d matched quotes)\n", q.Role.Accuracy, q.Role.Right, q.Role.Checked)
		for _, k := range sortedKeys(q.ByRole) {
			p("    %s\t%d/%d\t%s\n", k, q.ByRole[k].Right, q.ByRole[k].Checked, confusion(q.Confusion[k]))
		}
		e := q.RoleErrors
		p("  wrong roles\t%d\t(speaker right %d, speaker wrong %d, no speaker found %d)\n", e.SpeakerRight+e.SpeakerWrong+e.NoSpeaker, e.SpeakerRight, e.SpeakerWrong, e.NoSpeaker)
		p("\n")
	}
	if e := r.Entities; e != nil {
		p("ENTITIES (%d articles labelled for every entity)\n", e.Articles)
		p("  precision\t%.3f\t(%d of %d found)\n", e.Names.Precision, e.Names.Correct, e.Names.Found)
		p("  recall\t%.3f\t(%d of %d labelled)\n", e.Names.Recall, e.Names.Recalled, e.Names.Labelled)
		p("  type accuracy\t%.3f\t(%d of %d)\n\n", e.Type.Accuracy, e.Type.Right, e.Type.Checked)
	}
	if len(r.Calibration) > 0 {
		p("CALIBRATION (threshold and min_cues that fit these labels best; write them into the frame's rule file)\n")
		p("  frame\tthreshold\tmin_cues\tF1\taccuracy\n")
		for _, c := range r.Calibration {
			p("  %s\t%g\t%d\t%.2f\t%.2f\n", c.Frame, c.Threshold, c.MinCues, c.F1, c.Accuracy)
		}
		p("\n")
	}
	if len(r.Worst) > 0 {
		p("WORST ARTICLES\n")
		for _, a := range r.Worst {
			p("  %s (%s): %d error(s)\n", a.ID, a.File, a.Errors)
			for _, pr := range a.Problems {
				p("    - %s\n", pr)
			}
		}
	}
	return tw.Flush()
}

// confusion lists the roles found instead of one labelled role, most first.
func confusion(c map[string]int) string {
	keys := sortedKeys(c)
	sort.SliceStable(keys, func(i, j int) bool { return c[keys[i]] > c[keys[j]] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, c[k])
	}
	if len(parts) == 0 {
		return ""
	}
	return "found as: " + strings.Join(parts, ", ")
}
