// Package fetch is framewatch's one HTTP client: feeds, listing pages,
// article pages and robots.txt all go through it, so the SSRF guard, the
// politeness rules, the size cap and the charset handling apply everywhere.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/framewatch/framewatch/news"
)

// Options configures a Client. Zero values take the defaults noted.
type Options struct {
	UserAgent            string        // crawl.user_agent
	Timeout              time.Duration // crawl.timeout, per attempt (default 20s)
	MaxBody              int64         // crawl.max_body (default 5 MiB)
	MaxRedirects         int           // crawl.max_redirects (default 5; negative: none)
	AllowPrivateNetworks bool          // crawl.allow_private_networks
	Delay                time.Duration // crawl.delay between requests to one host
	Parallelism          int           // crawl.parallelism: requests in flight per host (default 2)
	Retries              int           // crawl.retries: extra attempts on timeouts, 5xx and 429
	Backoff              time.Duration // first retry wait, doubled each time (default 1s)
	MaxBackoff           time.Duration // longest wait, Retry-After included (default 30s)
	Logger               *slog.Logger

	// AllowAddrs lists exact "ip:port" addresses the SSRF guard lets
	// through while it is on. A test seam: the test servers live on
	// loopback, and the guard must be on to be tested.
	AllowAddrs []string
}

// Want says what body a request expects, which decides how it is checked
// and decoded.
type Want int

const (
	Any  Want = iota // robots.txt and the like: bytes as sent
	Feed             // bytes as sent: feed parsers read the XML declaration
	HTML             // must be HTML; decoded to UTF-8
)

// Request is one fetch.
type Request struct {
	URL  string
	Want Want
	// Validators from an earlier fetch, for a conditional GET.
	ETag         string
	LastModified string
}

// Result is what came back. It is filled as far as the fetch got, also
// when Get returns an error.
type Result struct {
	URL          string // final URL after redirects
	Status       int    // 0 when no response
	ContentType  string
	Body         []byte // UTF-8 when the request wanted HTML
	Bytes        int64  // bytes received (after transfer decoding)
	Duration     time.Duration
	Attempts     int
	NotModified  bool   // 304: the validators still hold
	ETag         string // validators to remember for next time
	LastModified string
	Charset      string // the encoding the HTML body was decoded from
	// CharsetMismatch: the page declared a legacy charset but its bytes
	// are valid UTF-8, so they were read as UTF-8 (the crawler counts it
	// per source).
	CharsetMismatch bool
}

// Event turns a fetch into a crawl_log row.
func (r *Result) Event(source, rawURL, outcome string, err error) news.CrawlEvent {
	e := news.CrawlEvent{Time: time.Now().UTC(), Source: source, URL: rawURL, Outcome: outcome}
	if r != nil {
		e.Status, e.Bytes, e.Duration = r.Status, r.Bytes, r.Duration
		if r.URL != "" {
			e.URL = r.URL
		}
	}
	if err != nil {
		e.Error = err.Error()
	}
	return e
}

// Errors a caller tells apart. All are wrapped with the URL.
var (
	ErrRobots   = errors.New("disallowed by robots.txt")
	ErrNotHTML  = errors.New("not an HTML page")
	ErrTooLarge = errors.New("body larger than crawl.max_body")
)

// StatusError is a response that is neither 2xx nor 304.
type StatusError struct{ Code int }

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Skip reports whether err means the URL was deliberately not fetched
// (robots.txt, SSRF guard, not HTML) rather than a failure.
func Skip(err error) bool {
	return errors.Is(err, ErrRobots) || errors.Is(err, ErrBlocked) || errors.Is(err, ErrNotHTML)
}

// Client is safe for concurrent use.
type Client struct {
	opt    Options
	hc     *http.Client
	hosts  *hostGates
	robots *robotsCache
	log    *slog.Logger
}

// New builds a Client.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 5 << 20
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.Parallelism <= 0 {
		o.Parallelism = 2
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
	if o.UserAgent == "" {
		o.UserAgent = "framewatch/0.1 (+https://github.com/framewatch/framewatch)"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	tr := &http.Transport{
		// No proxy from the environment: a proxy would do the dialling
		// and the guard would only ever see the proxy's address.
		Proxy:                 nil,
		DialContext:           newDialer(&o).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   o.Parallelism + 2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
	}
	maxRedirects := o.MaxRedirects
	c := &Client{
		opt: o,
		hc: &http.Client{
			Transport: tr,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > maxRedirects || maxRedirects < 0 {
					return fmt.Errorf("more than %d redirects (crawl.max_redirects)", max(maxRedirects, 0))
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
				}
				return nil
			},
		},
		hosts: newHostGates(o.Parallelism, o.Delay),
		log:   o.Logger,
	}
	c.robots = newRobotsCache(c)
	return c
}

// UserAgent is the header value sent with every request.
func (c *Client) UserAgent() string { return c.opt.UserAgent }

// Get fetches r.URL: robots.txt first, then politely, with retries. A 304
// is not an error (Result.NotModified). The Result is non-nil whenever the
// request got as far as the network.
func (c *Client) Get(ctx context.Context, r Request) (*Result, error) {
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: bad URL: %w", r.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: unsupported scheme %q", r.URL, u.Scheme)
	}
	if u.Path != "/robots.txt" {
		if ok := c.robots.allowed(ctx, u); !ok {
			return nil, fmt.Errorf("fetch %s: %w", r.URL, ErrRobots)
		}
	}
	res := &Result{URL: r.URL}
	start := time.Now()
	defer func() { res.Duration = time.Since(start) }()
	for attempt := 0; ; attempt++ {
		res.Attempts = attempt + 1
		wait, err := c.attempt(ctx, u, r, res)
		if err == nil {
			return res, nil
		}
		if wait < 0 || attempt >= c.opt.Retries || ctx.Err() != nil {
			return res, fmt.Errorf("fetch %s: %w", r.URL, err)
		}
		if wait == 0 {
			wait = c.opt.Backoff << attempt
		}
		if wait > c.opt.MaxBackoff {
			return res, fmt.Errorf("fetch %s: %w (retry wait %s exceeds %s)", r.URL, err, wait, c.opt.MaxBackoff)
		}
		c.log.Debug("retrying fetch", "url", r.URL, "attempt", attempt+1, "wait", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return res, fmt.Errorf("fetch %s: %w", r.URL, err)
		}
	}
}

// attempt makes one request. wait < 0 means do not retry; 0 means retry
// with the default backoff; > 0 is the server's Retry-After.
func (c *Client) attempt(ctx context.Context, u *url.URL, r Request, res *Result) (wait time.Duration, err error) {
	release, err := c.hosts.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return -1, err
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return -1, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	switch r.Want {
	case HTML:
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	case Feed:
		req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5")
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if errors.Is(err, ErrBlocked) {
			return -1, err
		}
		if ctx.Err() == nil && isTimeout(err) {
			return 0, err
		}
		return -1, err
	}
	defer resp.Body.Close()
	res.Status = resp.StatusCode
	res.URL = resp.Request.URL.String()
	res.ContentType = resp.Header.Get("Content-Type")
	res.ETag = resp.Header.Get("ETag")
	res.LastModified = resp.Header.Get("Last-Modified")

	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		return 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return retryAfter(resp.Header.Get("Retry-After")), &StatusError{resp.StatusCode}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return -1, &StatusError{resp.StatusCode}
	}

	// Refuse clear non-HTML before reading a PDF or an image at all.
	mt, _, _ := mime.ParseMediaType(res.ContentType)
	if r.Want == HTML && mt != "" && !htmlish(mt) && !sniffable(mt) {
		return -1, fmt.Errorf("%w: Content-Type %s", ErrNotHTML, mt)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBody+1))
	res.Bytes = int64(len(body))
	if err != nil {
		if ctx.Err() == nil && isTimeout(err) {
			return 0, fmt.Errorf("reading body: %w", err)
		}
		return -1, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > c.opt.MaxBody {
		return -1, fmt.Errorf("%w (%d bytes)", ErrTooLarge, c.opt.MaxBody)
	}
	if r.Want != HTML {
		res.Body = body
		return 0, nil
	}
	if !htmlish(mt) {
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(body))
		if sniffed != "text/html" {
			return -1, fmt.Errorf("%w: Content-Type %q, content looks like %s", ErrNotHTML, mt, sniffed)
		}
	}
	d := Decode(body, res.ContentType)
	res.Body, res.Charset, res.CharsetMismatch = d.Body, d.Charset, d.Mismatch
	if d.Mismatch {
		c.log.Debug("declared charset contradicted by the bytes", "url", res.URL, "declared", d.Declared, "used", d.Charset)
	}
	return 0, nil
}

func htmlish(mt string) bool { return mt == "text/html" || mt == "application/xhtml+xml" }

// sniffable media types are what misconfigured servers send for HTML.
func sniffable(mt string) bool {
	return mt == "application/octet-stream" || mt == "text/plain" || mt == "binary/octet-stream"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return max(time.Duration(s)*time.Second, time.Millisecond)
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), time.Millisecond)
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
