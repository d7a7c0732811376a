package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/framewatch/framewatch/app"
)

// chart is a line chart drawn server-side as SVG: the template writes the
// elements from these numbers, so every label is escaped like any text.
type chart struct {
	ID      string // prefix of the ids its title and description carry
	Title   string
	Desc    string // for screen readers: what the chart shows
	W, H    int
	Max     float64
	YLabels []axisLabel
	XLabels []axisLabel
	Series  []series
}

type axisLabel struct {
	X, Y float64
	Text string
}

type series struct {
	Name   string
	Color  string
	Dash   string
	Path   string // the polyline's points
	Points []point
}

type point struct {
	X, Y  float64
	Label string // "punitive, 2026-W47: 40% (4 of 10 stories)"
	Link  string // the examples behind the point
}

// A palette with at least 3:1 contrast against white (WCAG 1.4.11), with
// dash patterns so the lines differ without colour too.
var palette = []struct{ color, dash string }{
	{"#1f4e9c", ""}, {"#b3261e", "6 3"}, {"#1b6e3a", "2 3"}, {"#7a4a00", "8 3 2 3"}, {"#5b2c83", "1 2"},
	{"#00626f", "10 4"}, {"#8a1d5c", "4 4"}, {"#444444", "12 3 3 3"},
}

const (
	chartW, chartH         = 720, 260
	padL, padR, padT, padB = 48, 12, 12, 40
)

func newChart(title, desc string, labels []string, max float64, percent bool) chart {
	c := chart{Title: title, Desc: desc, W: chartW, H: chartH, Max: max}
	if c.Max <= 0 {
		c.Max = 1
	}
	for i := 0; i <= 4; i++ {
		v := c.Max * float64(i) / 4
		text := strconv.FormatFloat(v, 'f', 0, 64)
		if percent {
			text = fmt.Sprintf("%.0f%%", v*100)
		}
		c.YLabels = append(c.YLabels, axisLabel{X: padL - 6, Y: c.y(v), Text: text})
	}
	step := max1(len(labels)/6, 1)
	for i, l := range labels {
		if i%step == 0 || i == len(labels)-1 {
			c.XLabels = append(c.XLabels, axisLabel{X: c.x(i, len(labels)), Y: chartH - padB + 18, Text: l})
		}
	}
	return c
}

func max1(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func (c chart) x(i, n int) float64 {
	if n <= 1 {
		return padL
	}
	return padL + float64(i)*float64(chartW-padL-padR)/float64(n-1)
}

func (c chart) y(v float64) float64 {
	return float64(chartH-padB) - v/c.Max*float64(chartH-padT-padB)
}

func (c *chart) add(name string, values []float64, labels, links []string) {
	p := palette[len(c.Series)%len(palette)]
	s := series{Name: name, Color: p.color, Dash: p.dash}
	var pts []string
	for i, v := range values {
		pt := point{X: c.x(i, len(values)), Y: c.y(v), Label: labels[i], Link: links[i]}
		s.Points = append(s.Points, pt)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", pt.X, pt.Y))
	}
	s.Path = strings.Join(pts, " ")
	c.Series = append(c.Series, s)
}

type trendsView struct {
	*app.Trends
	FramesChart, TermsChart chart
	Choices                 choices
	WeekChoices             []int
	Self                    string
}

func (s *Server) trends(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opt := app.TrendOptions{Outlet: q.Get("outlet"), OutletType: q.Get("outlet_type"), Rule: q.Get("rule"), Category: q.Get("category"), Voice: q.Get("voice"), Now: s.opt.Now()}
	if v := q.Get("weeks"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			s.fail(w, r, &app.UsageError{Err: errString("weeks must be a whole number")})
			return
		}
		opt.Weeks = n
	}
	t, err := s.app.Trends(r.Context(), opt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	canon := url.Values{}
	for _, kv := range [][2]string{{"outlet", opt.Outlet}, {"outlet_type", opt.OutletType}, {"rule", opt.Rule}, {"category", opt.Category}} {
		if kv[1] != "" {
			canon.Set(kv[0], kv[1])
		}
	}
	if t.Options.Voice != "any" {
		canon.Set("voice", t.Options.Voice)
	}
	if t.Options.Weeks != 12 {
		canon.Set("weeks", strconv.Itoa(t.Options.Weeks))
	}
	v := trendsView{Trends: t, Self: "/trends", WeekChoices: []int{8, 12, 26, 52}}
	if len(canon) > 0 {
		v.Self += "?" + canon.Encode()
	}
	if wantsJSON(r) {
		s.render(w, r, http.StatusOK, "", pageData{Data: t})
		return
	}
	labels := make([]string, len(t.Weeks))
	for i, p := range t.Weeks {
		labels[i] = p.Label
	}
	// Every point links to the examples behind it: its week and filters.
	exLink := func(i int, extra url.Values) string {
		p := t.Weeks[i]
		e := url.Values{"since": {p.Start.Format("2006-01-02")}, "until": {p.End.AddDate(0, 0, -1).Format("2006-01-02")}}
		if opt.Outlet != "" {
			e.Set("outlet", opt.Outlet)
		}
		if opt.OutletType != "" {
			e.Set("outlet_type", opt.OutletType)
		}
		for k, vs := range extra {
			e[k] = vs
		}
		return "/examples?" + e.Encode()
	}
	maxShare := 0.0
	for _, f := range t.Frames {
		for _, p := range f.Points {
			maxShare = max(maxShare, p.Share)
		}
	}
	v.FramesChart = newChart("Share of stories carrying each frame, by week", "Line chart: for each week, the percentage of stories in which each frame fired. Every point links to the examples from that week.", labels, niceCeil(maxShare, true), true)
	v.FramesChart.ID = "chart-frames"
	for _, f := range t.Frames {
		vals, pl, links := make([]float64, len(labels)), make([]string, len(labels)), make([]string, len(labels))
		for i, p := range f.Points {
			vals[i] = p.Share
			pl[i] = fmt.Sprintf("%s, %s: %.0f%% (%d of %d stories)", frameTitle(f.Frame), labels[i], p.Share*100, p.Fired, p.Stories)
			links[i] = exLink(i, url.Values{"frame": {f.Frame}})
		}
		v.FramesChart.add(frameTitle(f.Frame), vals, pl, links)
	}
	maxFlags := 0.0
	for _, p := range t.Terms {
		maxFlags = max(maxFlags, float64(p.Flags))
	}
	v.TermsChart = newChart("Flagged terms by week", "Line chart: for each week, how many times the chosen flagged terms were used. Every point links to those examples.", labels, niceCeil(maxFlags, false), false)
	v.TermsChart.ID = "chart-terms"
	vals, pl, links := make([]float64, len(labels)), make([]string, len(labels)), make([]string, len(labels))
	extra := url.Values{}
	for _, kv := range [][2]string{{"rule", opt.Rule}, {"category", opt.Category}, {"voice", t.Options.Voice}} {
		if kv[1] != "" && kv[1] != "any" {
			extra.Set(kv[0], kv[1])
		}
	}
	for i, p := range t.Terms {
		vals[i] = float64(p.Flags)
		pl[i] = fmt.Sprintf("%s: %d uses in %d stories", labels[i], p.Flags, p.Stories)
		links[i] = exLink(i, extra)
	}
	v.TermsChart.add("Flagged terms", vals, pl, links)
	v.Choices = s.choices()
	s.render(w, r, http.StatusOK, "trends", pageData{Title: "Trends", Nav: "trends", Data: v, Self: v.Self})
}

// niceCeil rounds a chart's maximum up to a round number.
func niceCeil(v float64, share bool) float64 {
	if share {
		for _, c := range []float64{0.1, 0.2, 0.25, 0.5, 0.75, 1} {
			if v <= c {
				return c
			}
		}
		return 1
	}
	for _, c := range []float64{4, 8, 10, 20, 40, 50, 100, 200, 400, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000} {
		if v <= c {
			return c
		}
	}
	return v
}
