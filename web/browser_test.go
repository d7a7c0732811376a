package web

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/framewatch/framewatch/config"
)

const chromiumPath = "/usr/bin/chromium"

// TestInChromium drives the UI in one headless Chromium: every page loads
// without a console error (a CSP violation is one), a filter is applied
// through the form, a permalink followed, a handout built from ticked
// examples and its printable page rendered, a text checked. Screenshots
// land in the test's temp dir (FRAMEWATCH_KEEP_SCREENSHOTS=DIR keeps them).
func TestInChromium(t *testing.T) {
	srv := httptest.NewServer(newServer(t, seeded(t), config.Serve{}))
	defer srv.Close()
	dir := t.TempDir()
	ctx := startChromium(t, dir)
	sub, stop := context.WithCancel(ctx)
	var (
		mu   sync.Mutex
		logs []string
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range chromedp.Console(sub) {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				logs = append(logs, m.String())
				mu.Unlock()
			}
		}
	}()
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	shoot := func(name string) {
		t.Helper()
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
		if err != nil || !bytes.HasPrefix(shot, []byte("\xff\xd8")) {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		os.WriteFile(filepath.Join(dir, name+".jpg"), shot, 0o644)
		if keep := os.Getenv("FRAMEWATCH_KEEP_SCREENSHOTS"); keep != "" {
			os.WriteFile(filepath.Join(keep, name+".jpg"), shot, 0o644)
		}
	}
	// waitPath waits until the address holds want (after a form submit or click).
	waitPath := func(want string) string {
		t.Helper()
		for i := 0; i < 100; i++ {
			loc, err := chromedp.Run(ctx, chromedp.Location())
			if err == nil && strings.Contains(loc, want) {
				if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("footer.site"))); err != nil {
					t.Fatal(err)
				}
				return loc
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the browser never reached an address with %q", want)
		return ""
	}

	for _, p := range []struct{ name, path, h1 string }{
		{"week", "/", "This week: 2026-W47"},
		{"examples", "/examples", "Examples explorer"},
		{"article", "/article?url=https://ng.example/a1", "Prison leaver"},
		{"digests", "/digests", "Weekly digests"},
		{"trends", "/trends", "Trends"},
		{"rules", "/rules", "Rules"},
		{"sources", "/sources", "Sources"},
		{"check", "/check", "Check a text"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer.site"))); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1")))
		if err != nil || !strings.Contains(h1, p.h1) {
			t.Errorf("%s: h1 %q, want %q (%v)", p.path, h1, p.h1, err)
		}
		if n := eval(`document.styleSheets.length && document.styleSheets[0].cssRules.length`); n < 10 {
			t.Errorf("%s: the stylesheet did not load (%d rules)", p.path, n)
		}
		// Every form control has a label (WCAG 1.3.1, 4.1.2).
		if n := eval(`[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length == 0).length`); n != 0 {
			t.Errorf("%s: %d form controls without a label", p.path, n)
		}
		shoot(p.name)
	}
	if n := eval(`document.location.pathname == "/check" ? 1 : 0`); n != 1 {
		t.Fatal("lost the check page")
	}
	// The trends charts are drawn, and their points link to examples.
	chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/trends"), chromedp.WaitReady(chromedp.CSS("footer.site")))
	if n := eval(`document.querySelectorAll("svg.chart polyline").length`); n < 2 {
		t.Errorf("trends: %d chart lines", n)
	}
	if n := eval(`[...document.querySelectorAll("svg.chart a")].filter(a => (a.getAttribute("href") || "").startsWith("/examples?")).length`); n < 12 {
		t.Errorf("trends: %d points linking to examples", n)
	}

	// A filter through the form.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/examples"), chromedp.WaitReady(chromedp.CSS("#f-rule")),
		chromedp.SetValue(chromedp.CSS("#f-rule"), "people.offender"), chromedp.SetValue(chromedp.CSS("#f-voice"), "journalist"),
		chromedp.Submit(chromedp.CSS("form.filters"))); err != nil {
		t.Fatal(err)
	}
	waitPath("rule=people.offender")
	if n := eval(`document.querySelectorAll("li.example").length`); n != 1 {
		t.Errorf("filtered by rule and voice: %d examples, want 1", n)
	}
	if n := eval(`document.querySelectorAll("script").length`); n != 0 {
		t.Errorf("a scraped <script> became an element")
	}
	shoot("examples-filtered")
	// Follow the example's permalink.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.permalink"))); err != nil {
		t.Fatal(err)
	}
	waitPath("/example?ref=")
	if h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1"))); h1 != "Example: people.offender" {
		t.Errorf("permalink page h1 %q", h1)
	}
	// A handout from two ticked examples, and its printable page.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/examples?rule=people.offender&all_copies=1"), chromedp.WaitReady(chromedp.CSS("footer.site"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(`[...document.querySelectorAll("input[name=ex]")].slice(0, 2).map(c => c.click()).length`); n != 2 {
		t.Fatalf("ticked %d examples", n)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#h-title"), "Workshop 3"),
		chromedp.Click(chromedp.CSS("#make-handout"))); err != nil {
		t.Fatal(err)
	}
	loc := waitPath("/handout?")
	if n := eval(`document.querySelectorAll("li.example").length`); n != 2 || !strings.Contains(loc, "Workshop") {
		t.Errorf("handout at %s lists %d examples, want 2", loc, n)
	}
	shoot("handout")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.print"))); err != nil {
		t.Fatal(err)
	}
	waitPathHandout := func() {
		for i := 0; i < 100; i++ {
			if l, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(l, "format=html") {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatal("the printable handout never opened")
	}
	waitPathHandout()
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(`document.querySelectorAll("mark").length`); n < 2 {
		t.Errorf("printable handout: %d highlighted matches", n)
	}
	shoot("handout-printable")
	// Check a text: the form posts, nothing stored, matches highlighted.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/check"), chromedp.WaitReady(chromedp.CSS("#c-text")),
		chromedp.SetValue(chromedp.CSS("#c-text"), "The offender was jailed. \"He is a monster,\" the judge said."),
		chromedp.Submit(chromedp.CSS("#c-text"))); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && eval(`document.querySelectorAll("mark.match").length`) == 0; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if n := eval(`document.querySelectorAll("mark.match").length`); n < 1 {
		t.Errorf("check a text: %d highlighted terms", n)
	}
	shoot("check-result")
	// A phone-sized viewport: nothing wider than the screen but the tables' own scroll boxes.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/examples"), chromedp.WaitReady(chromedp.CSS("footer.site"))); err != nil {
		t.Fatal(err)
	}
	if w := eval(`document.documentElement.scrollWidth`); w > 400 {
		t.Errorf("on a 390 px phone the examples page is %d px wide", w)
	}
	shoot("examples-phone")

	time.Sleep(200 * time.Millisecond) // let late console events arrive
	stop()
	wg.Wait()
	for _, m := range logs {
		t.Errorf("console: %s", m)
	}
	t.Logf("screenshots in %s", dir)
}

// startChromium starts one headless Chromium for the test (skipped when
// Debian's chromium is not installed, a failure under CI=true); its profile
// lives in dir.
func startChromium(t *testing.T, dir string) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium missing at %s: %v", chromiumPath, err)
		}
		t.Skipf("chromium missing at %s: browser tests skipped (CI=true makes this a failure)", chromiumPath)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1000, 1200))
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}
