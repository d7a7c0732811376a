package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/config"
)

// `framewatch tag URL` fetched with its own options and followed 5
// redirects whatever crawl.max_redirects said; now every use case shares
// the one fetcher built from the crawl: section.
func TestTagURLHonoursMaxRedirects(t *testing.T) {
	page := "<html><head><title>Lag freed</title></head><body><article><p>" +
		strings.Repeat("The prison was quiet that week and nothing much happened there. ", 8) + "</p></article></body></html>"
	mux := http.NewServeMux()
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/page", http.StatusFound) })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, c := range []struct {
		maxRedirects int
		wantErr      bool
	}{{0, true}, {1, false}, {5, false}} {
		cfg := testConfig(t)
		cfg.Crawl.AllowPrivateNetworks = true
		cfg.Crawl.Delay = 0
		cfg.Crawl.Retries = 0
		cfg.Crawl.MaxRedirects = c.maxRedirects
		a := New(&cfg, Options{})
		r, err := a.Tag(context.Background(), srv.URL+"/moved", TagOptions{})
		if c.wantErr {
			if err == nil || !strings.Contains(err.Error(), "redirect") {
				t.Errorf("max_redirects %d: err = %v, want the redirect refused", c.maxRedirects, err)
			}
			continue
		}
		if err != nil || r.Title != "Lag freed" {
			t.Errorf("max_redirects %d: %+v, %v; want the page after one redirect", c.maxRedirects, r.Title, err)
		}
	}
	if got := FetchOptions(config.Crawl{MaxRedirects: 0}, nil).MaxRedirects; got >= 0 {
		t.Errorf("FetchOptions(max_redirects 0).MaxRedirects = %d, want negative (none)", got)
	}
}

func TestServicesBuiltOnce(t *testing.T) {
	cfg := testConfig(t)
	a := New(&cfg, Options{})
	e1, err := a.Tagger(false)
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := a.Tagger(false)
	if e1 != e2 || a.Fetcher() != a.Fetcher() {
		t.Error("a service was built twice")
	}
	adv := a.Advice()
	if m, ok := adv("people.offender"); !ok || m.Message == "" {
		t.Errorf("advice for people.offender = %+v, %v", m, ok)
	}
}
