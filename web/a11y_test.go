package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/framewatch/framewatch/config"
)

// auditJS checks the rendered page against what WCAG 2.2 AA asks and a
// script can see; it returns the problems found. ui is true for the UI's
// own pages (landmarks and skip link), false for the self-contained digest
// and printable handout.
const auditJS = `((ui) => {
const p = [];
const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility != "hidden";
const lang = document.documentElement.getAttribute("lang") || "";
if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) p.push("3.1.1: html lang is " + JSON.stringify(lang));
if (!document.title.trim()) p.push("2.4.2: no page title");
const hs = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")];
const h1s = hs.filter(h => h.tagName == "H1").length;
if (h1s != 1) p.push("1.3.1: " + h1s + " h1 elements, want 1");
let prev = 0;
for (const h of hs) {
	const l = +h.tagName[1];
	if (prev == 0 && l != 1) p.push("1.3.1: the first heading is h" + l);
	if (prev && l > prev + 1) p.push("1.3.1: heading level skips h" + prev + " to h" + l + " at " + JSON.stringify(h.textContent.trim().slice(0, 50)));
	if (!h.textContent.trim()) p.push("2.4.6: an empty " + h.tagName);
	prev = l;
}
for (const e of document.querySelectorAll("input:not([type=hidden]), select, textarea"))
	if ((!e.labels || e.labels.length == 0) && !e.getAttribute("aria-label")) p.push("1.3.1/4.1.2: unlabelled " + e.tagName.toLowerCase() + " " + (e.name || e.id));
for (const e of document.querySelectorAll("img")) if (!e.hasAttribute("alt")) p.push("1.1.1: img without alt " + e.getAttribute("src"));
for (const e of document.querySelectorAll("svg")) {
	if (e.getAttribute("aria-hidden") == "true") continue;
	const t = e.querySelector(":scope > title");
	if (!t || !t.textContent.trim()) p.push("1.1.1: an svg without a title");
	if (e.classList.contains("chart") && !e.querySelector(":scope > desc")) p.push("1.1.1: a chart without a desc");
}
if (document.querySelectorAll("svg.chart").length > document.querySelectorAll("table").length) p.push("1.1.1: a chart without a table of its figures");
for (const e of document.querySelectorAll("a[href], button, summary")) {
	const name = (e.textContent || "").trim() || e.getAttribute("aria-label") || (e.querySelector("title") || {}).textContent;
	if (!name) p.push("2.4.4/4.1.2: no accessible name: " + e.outerHTML.slice(0, 80));
}
const ids = {};
for (const e of document.querySelectorAll("[id]")) { if (ids[e.id]) p.push("4.1.1: duplicate id " + e.id); ids[e.id] = true; }
for (const e of document.querySelectorAll("[aria-describedby], [aria-labelledby]"))
	for (const a of ["aria-describedby", "aria-labelledby"])
		for (const id of (e.getAttribute(a) || "").split(/\s+/).filter(Boolean))
			if (!document.getElementById(id)) p.push("4.1.2: " + a + " names a missing id " + id);
if (ui) {
	if (document.querySelectorAll("main").length != 1) p.push("1.3.1: " + document.querySelectorAll("main").length + " main landmarks");
	if (!document.querySelector("header") || !document.querySelector("footer")) p.push("1.3.1: no banner or contentinfo landmark");
	for (const n of document.querySelectorAll("nav, form")) if (!n.getAttribute("aria-label") && !n.getAttribute("aria-labelledby")) p.push("1.3.1: an unnamed " + n.tagName.toLowerCase() + " landmark");
	const skip = document.querySelector("a[href]");
	if (!skip || skip.getAttribute("href") != "#content" || !document.getElementById("content")) p.push("2.4.1: the first link is not a skip link to #content");
}
// 1.4.3: every visible text against the background it is drawn on.
const rgb = s => { const m = s.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const bgOf = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
const seen = new Set();
for (const e of document.querySelectorAll("body *")) {
	if (e.closest("svg") || !visible(e)) continue;
	if (![...e.childNodes].some(n => n.nodeType == 3 && n.textContent.trim())) continue;
	const s = getComputedStyle(e), fg = rgb(s.color), bg = bgOf(e);
	const l1 = lum(fg), l2 = lum(bg), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
	const size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
	const need = large ? 3 : 4.5;
	const key = s.color + "/" + JSON.stringify(bg) + "/" + need;
	if (ratio < need && !seen.has(key)) { seen.add(key); p.push("1.4.3: " + s.color + " on rgb(" + bg.r + "," + bg.g + "," + bg.b + ") is " + ratio.toFixed(2) + ":1 at " + e.tagName.toLowerCase() + " " + JSON.stringify(e.textContent.trim().slice(0, 30))); }
}
return JSON.stringify(p);
})`

// tabJS marks, on every focus change, the focused element and whether its
// focus is visible (an outline of 2px or more, 2.4.7/2.4.13).
const tabJS = `(() => {
window.__unringed = [];
document.addEventListener("focusin", ev => {
	const e = ev.target, s = getComputedStyle(e);
	e.dataset.tabbed = "1";
	// "auto" is the browser's own focus ring (the self-contained digest
	// and handout keep it); the UI's stylesheet draws a 3px one.
	if (s.outlineStyle == "none" || (s.outlineStyle != "auto" && parseFloat(s.outlineWidth) < 2)) window.__unringed.push(e.outerHTML.slice(0, 80));
});
const f = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
	.filter(e => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility != "hidden")
	// what a closed <details> holds is reached once its summary opens it
	.filter(e => e.tagName == "SUMMARY" || !e.closest("details:not([open])"));
f.forEach((e, i) => e.dataset.focusable = i);
return f.length;
})()`

// TestAccessibility audits every page in Chromium against WCAG 2.2 AA as
// far as a script can: the lang attribute, one h1 and no skipped heading
// level, a label on every form control, alt on images and a title on every
// chart, names on links and buttons, unique ids, landmarks and a skip link,
// the contrast of every visible text on its background, and, pressing Tab
// through the page, that every interactive element is reached in turn and
// shows a visible focus ring. docs/operations.md lists what was checked.
func TestAccessibility(t *testing.T) {
	st := seeded(t)
	quoted(t, st, 3)
	srv := httptest.NewServer(newServer(t, st, config.Serve{}))
	defer srv.Close()
	ctx := startChromium(t, t.TempDir())
	run := func(js string) string {
		t.Helper()
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%.60s: %v", js, err)
		}
		return out
	}
	ref := url.QueryEscape("lead:16:people.offender:https://ng.example/a5")
	pages := []struct {
		path string
		ui   bool
	}{
		{"/", true},
		{"/examples", true},
		{"/examples?rule=people.offender&all_copies=1", true},
		{"/examples?speaker_role=lived_experience", true},
		{"/examples?rule=no.such.rule", true},
		{"/example?ref=" + ref, true},
		{"/handout?title=Workshop&ex=" + ref, true},
		{"/handout?format=html&ex=" + ref, false},
		{"/article?url=https://ng.example/a1", true},
		{"/digests", true},
		{"/digests/2026-W47", false},
		{"/trends", true},
		{"/rules", true},
		{"/sources", true},
		{"/check", true},
		{"/nope", true},
		{"/examples?voice=loud", true},
	}
	audit := func(where string, ui bool) {
		t.Helper()
		var problems []string
		if err := json.Unmarshal([]byte(run(auditJS+"("+map[bool]string{true: "true", false: "false"}[ui]+")")), &problems); err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", where, p)
		}
	}
	tabThrough := func(where string) {
		t.Helper()
		var n int
		if err := json.Unmarshal([]byte(run("String("+tabJS+")")), &n); err != nil {
			t.Fatal(err)
		}
		first := ""
		// A date input takes three Tab stops (day, month, year), so press
		// until every element was reached or well past their number.
		for i := 0; i < 3*n+20; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = run(`document.activeElement ? document.activeElement.className + " " + (document.activeElement.getAttribute("href") || "") : ""`)
			}
			if i >= n && i%10 == 0 && run(`String(document.querySelectorAll("[data-focusable]:not([data-tabbed])").length)`) == "0" {
				break
			}
		}
		if missed := run(`JSON.stringify([...document.querySelectorAll("[data-focusable]:not([data-tabbed])")].map(e => e.outerHTML.slice(0, 80)))`); missed != "[]" {
			t.Errorf("%s: 2.1.1: not reached by Tab: %s", where, missed)
		}
		if un := run(`JSON.stringify(window.__unringed)`); un != "[]" {
			t.Errorf("%s: 2.4.7: focus not visible on %s", where, un)
		}
		if where != "" && !strings.HasPrefix(first, "skip #content") && strings.Contains(run(`document.querySelector("a.skip") ? "1" : ""`), "1") {
			t.Errorf("%s: 2.4.1: the first Tab reaches %q, not the skip link", where, first)
		}
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		audit(p.path, p.ui)
		tabThrough(p.path)
	}
	// The result of a check, reached by keyboard alone: type, Tab to the button, press Enter.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/check"), chromedp.WaitReady(chromedp.CSS("#c-text")),
		chromedp.Focus(chromedp.CSS("#c-text")), chromedp.KeyEvent("The offender was jailed. \"He is a monster,\" said the judge."),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && run(`String(document.querySelectorAll("mark.match").length)`) == "0"; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if run(`String(document.querySelectorAll("mark.match").length)`) == "0" {
		t.Fatal("the keyboard-only check showed no result")
	}
	audit("POST /check", true)
	tabThrough("POST /check")
	// The skip link moves focus past the menu to the page's content.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/rules"), chromedp.WaitReady(chromedp.CSS("body")),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if got := run(`document.activeElement ? document.activeElement.id : ""`); got != "content" {
		t.Errorf("after the skip link, focus is on %q, want main#content", got)
	}
}
