package digest

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"math"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/framewatch/framewatch/report"
)

//go:embed templates/*
var templates embed.FS

// Formats Render accepts.
var Formats = []string{"html", "md", "text", "json"}

var (
	htmlT = htmltemplate.Must(htmltemplate.New("digest.html.tmpl").Funcs(htmltemplate.FuncMap(funcs(false))).
		ParseFS(templates, "templates/digest.html.tmpl"))
	mdT = texttemplate.Must(texttemplate.New("digest.md.tmpl").Funcs(funcs(true)).
		ParseFS(templates, "templates/digest.md.tmpl"))
	textT = texttemplate.Must(texttemplate.New("digest.md.tmpl").Funcs(funcs(false)).
		ParseFS(templates, "templates/digest.md.tmpl"))
)

// Render renders d as html (one self-contained page), md (Markdown with
// every scraped string escaped), text (the same layout unescaped, for the
// plain-text part of the email) or json (the view model).
func Render(d *Digest, format string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "html":
		err = htmlT.Execute(&buf, d)
	case "md", "markdown":
		err = mdT.Execute(&buf, d)
	case "text", "txt":
		err = textT.Execute(&buf, d)
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		err = enc.Encode(d)
	default:
		return nil, fmt.Errorf("unknown digest format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("rendering digest as %s: %w", format, err)
	}
	return buf.Bytes(), nil
}

// funcs are the templates' helpers. md selects Markdown escaping for esc and
// link; otherwise they are plain text (the HTML template escapes by itself).
func funcs(md bool) map[string]any {
	esc := func(s string) string { return oneLine(s) }
	link := func(title, u string) string {
		if u == "" {
			return oneLine(title)
		}
		return oneLine(title) + " <" + u + ">"
	}
	src := func(s string) string { return "(" + s + ")" }
	if md {
		esc = report.MarkdownEscape
		link = report.MarkdownLink
		src = func(s string) string { return "_" + report.MarkdownEscape(s) + "_" }
	}
	return map[string]any{
		"esc":       esc,
		"src":       src,
		"link":      link,
		"count":     countChange,
		"share":     shareChange,
		"pct":       func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
		"date":      func(t time.Time) string { return dateOrNever(t) },
		"day":       func(t time.Time) string { return t.Format("Mon 2 Jan") },
		"join":      strings.Join,
		"spark":     sparkPoints,
		"sparkMax":  sparkMax,
		"barWidth":  func(f float64) string { return fmt.Sprintf("%.1f", math.Max(1, 260*f)) },
		"barY":      func(i int) int { return 6 + 24*i },
		"textY":     func(i int) int { return 18 + 24*i },
		"barsH":     func(n int) int { return 12 + 24*n },
		"frameName": frameName,
		"roleName":  RoleName,
		"add":       func(a, b int) int { return a + b },
		"lastDay":   func(p report.Period) string { return p.End.AddDate(0, 0, -1).Format("Mon 2 Jan 2006") },
		"firstDay":  func(p report.Period) string { return p.Start.Format("Mon 2 Jan 2006") },
		"trend":     func(c report.Change) string { return trend(c.Delta) },
		"sparkText": sparkText,
		"int64":     func(n int) int64 { return int64(n) },
		"plural": func(n int64, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func dateOrNever(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Format("2 Jan 2006")
}

func trend(delta float64) string {
	switch {
	case delta > 1e-9:
		return "up"
	case delta < -1e-9:
		return "down"
	}
	return "flat"
}

// countChange says "12 (+33% on the 4-week average of 9)".
func countChange(unit string, c report.Change) string {
	v := fmt.Sprintf("%.0f", c.Value)
	switch {
	case c.Baseline == 0 && c.Value == 0:
		return v
	case c.Baseline == 0:
		return fmt.Sprintf("%s (none in the previous %d %ss)", v, Baseline, unit)
	}
	return fmt.Sprintf("%s (%+.0f%% on the %d-%s average of %s)", v, *c.Pct, Baseline, unit, trimFloat(c.Baseline))
}

// shareChange says "40% (+15 pts on the 4-week average of 25%)".
func shareChange(unit string, c report.Change) string {
	v := fmt.Sprintf("%.0f%%", 100*c.Value)
	if c.Baseline == 0 && c.Value == 0 {
		return v
	}
	return fmt.Sprintf("%s (%+.0f pts on the %d-%s average of %.0f%%)", v, 100*c.Delta, Baseline, unit, 100*c.Baseline)
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

var frameNames = map[string]string{
	"punitive": "Punitive", "rehabilitative": "Rehabilitative", "episodic": "Episodic",
	"thematic": "Thematic", "sensationalist": "Sensationalist", "victim_centred": "Victim-centred",
	"racial_disparity": "Racial disparity", "lived_experience": "Lived experience",
	"public_health": "Public health", "cost_of_crime": "Cost of crime", "restorative": "Restorative",
	"system_crisis": "System in crisis",
}

func frameName(id string) string {
	if n, ok := frameNames[id]; ok {
		return n
	}
	return strings.ReplaceAll(id, "_", " ")
}

// sparkPoints lays the weekly story counts out as an SVG polyline in a
// 240×40 box.
func sparkPoints(w []WeekPoint) string {
	if len(w) == 0 {
		return ""
	}
	max := float64(sparkMax(w))
	if max == 0 {
		max = 1
	}
	step := 230.0
	if len(w) > 1 {
		step = 230.0 / float64(len(w)-1)
	}
	pts := make([]string, len(w))
	for i, p := range w {
		pts[i] = fmt.Sprintf("%.1f,%.1f", 5+step*float64(i), 35-30*float64(p.Stories)/max)
	}
	return strings.Join(pts, " ")
}

func sparkMax(w []WeekPoint) int64 {
	var m int64
	for _, p := range w {
		m = max(m, p.Stories)
	}
	return m
}

// sparkText is the sparkline for the plain-text and Markdown formats.
func sparkText(w []WeekPoint) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	m := sparkMax(w)
	var b strings.Builder
	for _, p := range w {
		i := 0
		if m > 0 {
			i = int(float64(p.Stories) / float64(m) * float64(len(bars)-1))
		}
		b.WriteRune(bars[i])
	}
	return b.String()
}
