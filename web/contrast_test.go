package web

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// luminance is WCAG 2.2's relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || len(hex) != 6 {
		t.Fatalf("colour %q: not #rrggbb", hex)
	}
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	// WCAG's own anchors: black on white is 21:1, a colour on itself 1:1,
	// #767676 on white is the lightest grey to pass 4.5:1.
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000", "#fff", 21}, {"#1f4e9c", "#1f4e9c", 1}, {"#767676", "#ffffff", 4.54}} {
		if got := contrast(t, c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// TestPaletteContrast computes the contrast of every colour pair the
// stylesheet (web/static/app.css) and the charts use against WCAG 2.2 AA:
// 4.5:1 for text (1.4.3), 3:1 for focus rings, control borders and chart
// lines (1.4.11). A colour change that breaks a pair fails here.
func TestPaletteContrast(t *testing.T) {
	css, err := staticFS.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z]+)\s*:\s*(#[0-9a-fA-F]{3,6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	// col resolves var(--x) names and checks a literal is in the stylesheet,
	// so the pairs below cannot drift from what the pages use.
	col := func(name string, inCSS bool) string {
		if strings.HasPrefix(name, "#") {
			if inCSS && !strings.Contains(strings.ToLower(string(css)), strings.ToLower(name)) {
				t.Errorf("%s is not in app.css any more: update the pairs", name)
			}
			return name
		}
		v, ok := vars[name]
		if !ok {
			t.Fatalf("--%s is not defined in app.css", name)
		}
		return v
	}
	const text, ui = 4.5, 3.0
	pairs := []struct {
		what   string
		fg, bg string
		min    float64
	}{
		{"body text", "ink", "bg", text},
		{"body text on the filter panel and table heads", "ink", "soft", text},
		{"muted text, meta lines and hints", "muted", "bg", text},
		{"muted text on the filter panel", "muted", "soft", text},
		{"links", "accent", "bg", text},
		{"links on the filter panel", "accent", "soft", text},
		{"button label", "#fff", "accent", text},
		{"secondary button label", "accent", "#fff", text},
		{"header links", "#fff", "#14213d", text},
		{"highlighted match", "ink", "mark", text},
		{"shaded quote", "ink", "quote", text},
		{"links in a shaded quote", "accent", "quote", text},
		{"errors and failing status", "warn", "bg", text},
		{"ok status", "#1b6e3a", "bg", text},
		{"chart axis labels", "#333333", "#fff", text},
		{"skip link", "accent", "#fff", text},
		{"focus ring on the page", "#b45309", "bg", ui},
		{"focus ring on the filter panel", "#b45309", "soft", ui},
		{"focus ring on the header", "#b45309", "#14213d", ui},
		{"form control borders", "#767676", "bg", ui},
		{"match underline against the highlight", "#92400e", "mark", ui},
	}
	for _, p := range palette {
		pairs = append(pairs, struct {
			what   string
			fg, bg string
			min    float64
		}{"chart line " + p.color, p.color, "#ffffff", ui})
	}
	var report strings.Builder
	for _, p := range pairs {
		chartLine := strings.HasPrefix(p.what, "chart line") // charts.go's palette, not the stylesheet
		fg, bg := col(p.fg, !chartLine), col(p.bg, !chartLine)
		r := contrast(t, fg, bg)
		fmt.Fprintf(&report, "%-48s %s on %s  %5.2f:1 (need %.1f)\n", p.what, fg, bg, r, p.min)
		if r < p.min {
			t.Errorf("%s: %s on %s is %.2f:1, below WCAG 2.2 AA's %.1f:1", p.what, fg, bg, r, p.min)
		}
	}
	t.Log("\n" + report.String())
}
