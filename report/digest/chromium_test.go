package digest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// The HTML digest must open in a real browser with no console errors, load
// nothing from outside the file, and carry its SVG charts.
func TestHTMLInChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium missing at %s: %v", chromiumPath, err)
		}
		t.Skipf("chromium missing at %s", chromiumPath)
	}
	d := seeded(t)
	dir := t.TempDir()
	page := filepath.Join(dir, FileName(d, "html"))
	if err := WriteFile(d, "html", page); err != nil {
		t.Fatal(err)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(900, 1200))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	// Collect console messages (console API, exceptions, browser log) while the page loads.
	sub, stop := context.WithCancel(ctx)
	messages := chromedp.Console(sub)
	var (
		mu   sync.Mutex
		logs []chromedp.ConsoleMessage
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			logs = append(logs, m)
			mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS("#data-quality"))); err != nil {
		t.Fatal(err)
	}
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	if n := count(`document.querySelectorAll("svg.sparkline polyline").length`); n != 1 {
		t.Errorf("sparkline polylines = %d, want 1", n)
	}
	if n := count(`document.querySelectorAll("svg.frame-bars rect").length`); n != len(d.Frames) {
		t.Errorf("frame bars = %d, want %d", n, len(d.Frames))
	}
	if n := count(`Math.round(document.querySelector("svg.frame-bars").getBoundingClientRect().width)`); n < 100 {
		t.Errorf("frame chart renders %d px wide", n)
	}
	if n := count(`document.querySelectorAll("script").length`); n != 0 {
		t.Errorf("%d script elements in the page: scraped markup got through", n)
	}
	if n := count(`performance.getEntriesByType("resource").length`); n != 0 {
		t.Errorf("the page loaded %d external resources; it must be self-contained", n)
	}
	if n := count(`[...document.querySelectorAll("a")].filter(a => a.href.startsWith("https://")).length`); n < 5 {
		t.Errorf("only %d headline links", n)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(shot, []byte("\x89PNG")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(shot))
	}
	png := filepath.Join(dir, "digest.png")
	if err := os.WriteFile(png, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", png, len(shot))
	if keep := os.Getenv("FRAMEWATCH_KEEP_DIGEST"); keep != "" {
		os.WriteFile(filepath.Join(keep, "digest.png"), shot, 0o644)
	}

	time.Sleep(200 * time.Millisecond) // let late console events arrive
	stop()
	wg.Wait()
	for _, m := range logs {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
}
