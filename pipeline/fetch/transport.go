package fetch

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// Transport returns an http.RoundTripper that sends every request through
// c.Get: robots.txt, the SSRF guard, politeness, retries, the size cap and
// UTF-8 decoding all apply, and redirects are followed inside (the
// response's Request carries the final URL, which colly uses to resolve
// relative links). For colly's WithTransport.
func (c *Client) Transport() http.RoundTripper { return transport{c} }

type transport struct{ c *Client }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.roundTrip(req, nil)
}

func (t transport) roundTrip(req *http.Request, observe func(*Result, error)) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	res, err := t.c.Get(req.Context(), Request{URL: req.URL.String(), Want: HTML})
	if observe != nil {
		observe(res, err)
	}
	if err != nil {
		return nil, err
	}
	final := req
	if res.URL != req.URL.String() {
		if u, err := url.Parse(res.URL); err == nil {
			final = req.Clone(req.Context())
			final.URL = u
			final.Host = u.Host
		}
	}
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(res.Body)))
	return &http.Response{
		Status:        strconv.Itoa(res.Status) + " " + http.StatusText(res.Status),
		StatusCode:    res.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(res.Body)),
		ContentLength: int64(len(res.Body)),
		Request:       final,
		Uncompressed:  true,
	}, nil
}

// ObservedTransport is Transport, also handing each fetch's Result and
// error to observe, so a caller that lets colly drive the request can
// still log it.
func (c *Client) ObservedTransport(observe func(*Result, error)) http.RoundTripper {
	return observedTransport{c, observe}
}

type observedTransport struct {
	c       *Client
	observe func(*Result, error)
}

func (t observedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return transport{t.c}.roundTrip(req, t.observe)
}
