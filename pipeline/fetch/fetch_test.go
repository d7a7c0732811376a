package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

func testClient(t *testing.T, o Options) *Client {
	t.Helper()
	if !o.AllowPrivateNetworks && o.AllowAddrs == nil {
		o.AllowPrivateNetworks = true
	}
	if o.Timeout == 0 {
		o.Timeout = 2 * time.Second
	}
	if o.Backoff == 0 {
		o.Backoff = time.Millisecond
	}
	return New(o)
}

func TestBlockedAddr(t *testing.T) {
	tests := []struct {
		ip   string
		want string
	}{
		{"127.0.0.1", "loopback"},
		{"::1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"fd12:3456::1", "private"},
		{"169.254.169.254", "cloud metadata"},
		{"fd00:ec2::254", "cloud metadata"},
		{"169.254.1.1", "link-local"},
		{"fe80::1", "link-local"},
		{"100.64.0.1", "reserved"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"239.1.2.3", "multicast"},
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:10.0.0.1", "private"},
		{"64:ff9b::a00:1", "reserved"},
		{"8.8.8.8", ""},
		{"2a00:1450:4009:81b::200e", ""},
		{"151.101.0.81", ""},
	}
	for _, tt := range tests {
		if got := blockedAddr(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("blockedAddr(%s) = %q, want %q", tt.ip, got, tt.want)
		}
	}
}

// TestGuardRedirects runs with the guard on. The first server stands in
// for a public host (its exact address is let through); it redirects to
// loopback and to the metadata address, and neither may be dialled.
func TestGuardRedirects(t *testing.T) {
	var hits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "<html><body>secret</body></html>")
	}))
	defer target.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-loopback":
			http.Redirect(w, r, target.URL+"/admin", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-metadata-v6":
			http.Redirect(w, r, "http://[fd00:ec2::254]/latest/meta-data/", http.StatusMovedPermanently)
		case "/hop":
			http.Redirect(w, r, "/to-loopback", http.StatusFound)
		case "/robots.txt":
			http.NotFound(w, r)
		default:
			fmt.Fprint(w, "<html><body>public page</body></html>")
		}
	}))
	defer public.Close()
	c := New(Options{Timeout: 2 * time.Second, AllowAddrs: []string{strings.TrimPrefix(public.URL, "http://")}})

	if _, err := c.Get(context.Background(), Request{URL: public.URL + "/ok", Want: HTML}); err != nil {
		t.Fatalf("allowed host refused: %v", err)
	}
	paths := []string{"/to-loopback", "/to-metadata", "/hop"}
	if l, err := net.Listen("tcp6", "[::1]:0"); err == nil { // the host has IPv6
		l.Close()
		paths = append(paths, "/to-metadata-v6")
	}
	for _, path := range paths {
		_, err := c.Get(context.Background(), Request{URL: public.URL + path, Want: HTML})
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: err = %v, want ErrBlocked", path, err)
		}
		if !Skip(err) {
			t.Errorf("%s: Skip(%v) = false", path, err)
		}
	}
	// Direct, and by a name that resolves to loopback: the check is on the
	// dialled IP, not the URL text.
	for _, u := range []string{target.URL, strings.Replace(target.URL, "127.0.0.1", "localhost", 1)} {
		if _, err := c.Get(context.Background(), Request{URL: u, Want: HTML}); !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: err = %v, want ErrBlocked", u, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("guarded target was reached %d times", n)
	}

	// The guard off lets the same redirect through.
	open := testClient(t, Options{})
	if res, err := open.Get(context.Background(), Request{URL: public.URL + "/to-loopback", Want: HTML}); err != nil || !strings.Contains(string(res.Body), "secret") {
		t.Errorf("guard off: err = %v", err)
	}
}

func TestCharset(t *testing.T) {
	// "£5, café – “quoted” ‘single’" in windows-1252.
	cp1252 := "\xa35, caf\xe9 \x96 \x93quoted\x94 \x91single\x92"
	want := "£5, café – “quoted” ‘single’"
	tests := []struct {
		name, ctype, body string
	}{
		{"header windows-1252", "text/html; charset=windows-1252", "<html><body><p>" + cp1252 + "</p></body></html>"},
		{"header iso-8859-1", "text/html; charset=ISO-8859-1", "<html><body><p>" + cp1252 + "</p></body></html>"},
		{"meta charset", "text/html", `<html><head><meta charset="windows-1252"></head><body><p>` + cp1252 + "</p></body></html>"},
		{"http-equiv", "text/html", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>` + cp1252 + "</p></body></html>"},
		{"utf-8 header", "text/html; charset=utf-8", "<html><body><p>" + want + "</p></body></html>"},
		{"utf-8 sniffed", "text/html", "<html><body><p>" + want + "</p></body></html>"},
		{"utf-8 bom", "text/html", "\xef\xbb\xbf<html><body><p>" + want + "</p></body></html>"},
		{"sniffed octet-stream", "application/octet-stream", "<!DOCTYPE html><html><body><p>" + want + "</p></body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			res, err := testClient(t, Options{}).Get(context.Background(), Request{URL: srv.URL + "/a", Want: HTML})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.Body), want) {
				t.Errorf("body = %q, want it to contain %q", res.Body, want)
			}
			if strings.Contains(strings.ToLower(string(res.Body)), "1252") || strings.Contains(strings.ToLower(string(res.Body)), "8859") {
				t.Errorf("decoded body still declares its old charset: %q", res.Body)
			}
		})
	}
}

func TestNotHTMLAndSize(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4 ...")
		case "/mislabelled":
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprint(w, "%PDF-1.4 ...")
		case "/photo":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write([]byte{0xff, 0xd8, 0xff})
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>"+strings.Repeat("x", 5000)+"</body></html>")
		}
	}))
	defer srv.Close()
	c := testClient(t, Options{MaxBody: 1000})
	for _, p := range []string{"/report.pdf", "/mislabelled", "/photo"} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + p, Want: HTML})
		if !errors.Is(err, ErrNotHTML) || !Skip(err) {
			t.Errorf("%s: err = %v, want ErrNotHTML", p, err)
		}
	}
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/big", Want: HTML})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "max_body") || Skip(err) {
		t.Errorf("big: err = %v, want ErrTooLarge naming crawl.max_body", err)
	}
}

func TestRedirectLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/r/%d", &n)
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
			return
		}
		fmt.Fprint(w, "<html><body>end</body></html>")
	}))
	defer srv.Close()
	c := testClient(t, Options{MaxRedirects: 3})
	res, err := c.Get(context.Background(), Request{URL: srv.URL + "/r/3", Want: HTML})
	if err != nil || res.URL != srv.URL+"/r/0" {
		t.Errorf("3 redirects: res.URL = %v, err = %v", res, err)
	}
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/r/4", Want: HTML}); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("4 redirects: err = %v, want a redirect limit error", err)
	}
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/r/100000", Want: HTML}); err == nil {
		t.Error("endless redirects: no error")
	}
}

func TestRetries(t *testing.T) {
	var n503, n429, n404, nslow atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/flaky": // fails twice, then works
			if n503.Add(1) <= 2 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, "ok")
		case "/busy":
			n429.Add(1)
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/gone":
			n404.Add(1)
			http.NotFound(w, r)
		case "/slow":
			nslow.Add(1)
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}
	}))
	defer srv.Close()
	c := testClient(t, Options{Retries: 2, Timeout: 100 * time.Millisecond, MaxBackoff: time.Second})
	ctx := context.Background()

	res, err := c.Get(ctx, Request{URL: srv.URL + "/flaky", Want: Any})
	if err != nil || res.Attempts != 3 || string(res.Body) != "ok" {
		t.Errorf("flaky: attempts=%d err=%v", res.Attempts, err)
	}
	_, err = c.Get(ctx, Request{URL: srv.URL + "/busy", Want: Any})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 429 || n429.Load() != 1 {
		t.Errorf("busy: err=%v tries=%d; a Retry-After beyond MaxBackoff must stop retrying", err, n429.Load())
	}
	_, err = c.Get(ctx, Request{URL: srv.URL + "/gone", Want: Any})
	if !errors.As(err, &se) || se.Code != 404 || n404.Load() != 1 {
		t.Errorf("gone: err=%v tries=%d; 404 is not retried", err, n404.Load())
	}
	_, err = c.Get(ctx, Request{URL: srv.URL + "/slow", Want: Any})
	if !isTimeout(err) || nslow.Load() != 3 {
		t.Errorf("slow: err=%v tries=%d, want a timeout after 3 tries", err, nslow.Load())
	}
	if got := retryAfter("2"); got != 2*time.Second {
		t.Errorf("retryAfter(2) = %s", got)
	}
	if got := retryAfter(time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)); got < 50*time.Second || got > time.Minute {
		t.Errorf("retryAfter(date) = %s", got)
	}
}

func TestConditional(t *testing.T) {
	const etag, lm = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lm)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := testClient(t, Options{})
	first, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed", Want: Feed})
	if err != nil || first.NotModified || first.ETag != etag || first.LastModified != lm {
		t.Fatalf("first: %+v, %v", first, err)
	}
	for _, r := range []Request{{ETag: etag}, {LastModified: lm}} {
		r.URL, r.Want = srv.URL+"/feed", Feed
		res, err := c.Get(context.Background(), r)
		if err != nil || !res.NotModified || res.Status != 304 {
			t.Errorf("conditional %+v: %+v, %v", r, res, err)
		}
	}
}

func TestRobots(t *testing.T) {
	var robotsHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsHits.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: framewatch\nDisallow: /nofw/\n")
			return
		}
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "framewatch/") {
			t.Errorf("User-Agent = %q", ua)
		}
		fmt.Fprint(w, "<html></html>")
	}))
	defer srv.Close()
	c := testClient(t, Options{UserAgent: "framewatch/0.1 (+https://example.org)"})
	for path, allowed := range map[string]bool{"/news/1": true, "/nofw/x": false, "/private/x": true} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + path, Want: HTML})
		if allowed != (err == nil) || (!allowed && !errors.Is(err, ErrRobots)) {
			t.Errorf("%s: err = %v, allowed = %v", path, err, allowed)
		}
	}
	if n := robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", n)
	}

	// A robots.txt that fails allows everything.
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, "<html></html>")
	}))
	defer broken.Close()
	if _, err := c.Get(context.Background(), Request{URL: broken.URL + "/private/x", Want: HTML}); err != nil {
		t.Errorf("broken robots.txt: %v", err)
	}
}

func TestPoliteness(t *testing.T) {
	var mu sync.Mutex
	var inFlight, peak int
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		starts = append(starts, time.Now())
		mu.Unlock()
		// Hold a /p/ request until a second one is in flight (or a while has
		// passed), so that a loaded machine's scheduling cannot hide the
		// parallelism allowed.
		for i := 0; strings.HasPrefix(r.URL.Path, "/p/") && i < 100; i++ {
			mu.Lock()
			n := inFlight
			mu.Unlock()
			if n >= 2 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(30 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()

	c := testClient(t, Options{Parallelism: 2})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() { c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/p/%d", srv.URL, i)}) })
	}
	wg.Wait()
	if peak != 2 {
		t.Errorf("peak parallel requests to one host = %d, want 2", peak)
	}

	// The host's requests are given start times a delay apart, so the k-th
	// to reach the server cannot arrive before k delays have passed. (Gaps
	// between neighbours are not asserted: one woken late shortens the next
	// gap without the delay being broken.)
	const delay = 40 * time.Millisecond
	mu.Lock()
	starts = nil
	mu.Unlock()
	c = testClient(t, Options{Parallelism: 4, Delay: delay})
	begin := time.Now()
	for i := range 4 {
		wg.Go(func() { c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/q/%d", srv.URL, i)}) })
	}
	wg.Wait()
	if len(starts) != 4 {
		t.Fatalf("%d requests", len(starts))
	}
	slices.SortFunc(starts, time.Time.Compare)
	for k, s := range starts {
		if since := s.Sub(begin); since < time.Duration(k)*delay {
			t.Errorf("request %d reached the server %s after the first was sent, want >= %s", k+1, since, time.Duration(k)*delay)
		}
	}
}

func TestTransportFinalURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/section/new", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, "<p>\xa3</p>")
	}))
	defer srv.Close()
	resp, err := testClient(t, Options{}).Transport().RoundTrip(httptest.NewRequest("GET", srv.URL+"/old", nil).WithContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Request.URL.Path != "/section/new" {
		t.Errorf("final URL = %s", resp.Request.URL)
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte("<meta charset=windows-1252><p>\xa3\x93x\x94</p>"), "text/html")
	f.Add([]byte("<p>caf\xc3\xa9</p>"), "text/html; charset=utf-8")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=`), "text/html; charset=bogus")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		out, name := ToUTF8(body, ctype)
		if name != "utf-8" && !utf8.Valid(out) {
			t.Errorf("decoded from %s but not valid UTF-8: %q", name, out)
		}
		// The bytes win only when they are UTF-8, and then they are kept.
		if d := Decode(body, ctype); d.Mismatch && (d.Charset != "utf-8" || !utf8.Valid(d.Body) || !bytes.Equal(d.Body, body)) {
			t.Errorf("mismatch decoded as %s: %q", d.Charset, d.Body)
		}
	})
}

// TestGzipBomb: the body cap applies to the decompressed bytes, so a small
// compressed response that inflates enormously stops at crawl.max_body.
func TestGzipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("<html><body>"))
	zero := make([]byte, 1<<20)
	for range 8 { // 8 MiB inflated, about 8 KiB on the wire
		zw.Write(zero)
	}
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	}))
	defer srv.Close()
	res, err := testClient(t, Options{MaxBody: 1 << 20}).Get(context.Background(), Request{URL: srv.URL + "/bomb", Want: HTML})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if res.Bytes > 1<<20+1 {
		t.Errorf("read %d bytes, want at most max_body+1", res.Bytes)
	}
}
