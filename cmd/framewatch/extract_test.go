package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/app"
)

// framewatch extract prints what would be stored: from a file decoded as
// the crawler decodes it (a windows-1252 page without a header), and from
// a URL fetched with the config's crawl settings (user agent, SSRF guard).
func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	page := "<html><head><title>Prison &#8211; report | Courier</title><meta charset=\"windows-1252\">" +
		`<meta property="article:published_time" content="2026-11-20T09:30:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Prison report</h1>` +
		paragraphs("<p>The inspector found wing %d of the prison overcrowded and the caf\xe9 closed, with \xa3500 of repairs left undone for months.</p>") +
		`<div class="newsletter-signup"><p>Get the Courier Daily in your inbox.</p></div></article></body></html>`
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "extract", "--format", "json", "--explain", "--url", "https://courier.example/news/prison-report", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r app.ExtractResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Charset != "windows-1252" || !strings.Contains(r.Text, "café closed, with £500") || strings.Contains(r.Text, "Courier Daily") ||
		r.PublishedAt == nil || r.DateSource != "article:published_time" || r.CanonicalURL != "https://courier.example/news/prison-report" ||
		r.FeedOnly || r.Paywall || r.Kind != "news" || r.Lang != "en" {
		t.Errorf("extract json = %+v", r)
	}
	explained := false
	for _, x := range r.Removed {
		if strings.Contains(x.What, "newsletter-signup") && x.Why != "" {
			explained = true
		}
	}
	if !explained {
		t.Errorf("--explain does not list the newsletter box: %+v", r.Removed)
	}

	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1") // a lie: the bytes are UTF-8
		fmt.Fprint(w, paragraphs("<p>Magistrates heard the café owner was fined £500 for breaching licence condition %d twice in one year.</p>"))
	}))
	defer srv.Close()
	cfg := filepath.Join(dir, "framewatch.yaml")
	os.WriteFile(cfg, []byte("crawl:\n  user_agent: \"framewatch-test/1\"\n  allow_private_networks: true\n  retries: 0\n"), 0o644)
	code, out, errs = runCmd(t, "", "extract", "--config", cfg, srv.URL+"/news/fine")
	if code != 0 || !strings.Contains(out, "café owner was fined £500") || !strings.Contains(out, "feed_only:     no") || ua != "framewatch-test/1" {
		t.Errorf("extract URL: exit %d, UA %q, out %q, err %q", code, ua, out, errs)
	}
	// The default config keeps the SSRF guard on: loopback is refused.
	os.WriteFile(cfg, []byte("crawl:\n  retries: 0\n"), 0o644)
	if code, _, errs := runCmd(t, "", "extract", "--config", cfg, srv.URL+"/news/fine"); code == 0 || !strings.Contains(errs, srv.URL) {
		t.Errorf("extract of a loopback URL with the guard on: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCmd(t, "", "extract", "--format", "yaml", file); code != 2 {
		t.Errorf("bad --format: exit %d, want 2", code)
	}
}

func paragraphs(format string) string {
	var b strings.Builder
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}
