package crawl

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// genSite is a local news site for reliability tests: one RSS feed of n
// articles with distinct, extractable bodies. With chaos > 0 that share of
// responses misbehaves at random (500s, 429s with Retry-After, slow or
// truncated bodies, garbage, resets).
type genSite struct {
	n      int
	chaos  float64
	offset atomic.Int64 // shifts the feed's items, so each crawl sees new ones
	served atomic.Int64 // article pages served
	onPage func(n int64)
}

func (s *genSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.chaos > 0 && s.misbehave(w, r) {
		return
	}
	switch {
	case r.URL.Path == "/feed.xml":
		s.feed(w, r)
	case strings.HasPrefix(r.URL.Path, "/a/"):
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/a/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		n := s.served.Add(1)
		if s.onPage != nil {
			s.onPage(n)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, genArticleHTML(i))
	default:
		http.NotFound(w, r)
	}
}

func (s *genSite) feed(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Gen</title><link>` + base + `/</link>`)
	off := int(s.offset.Load())
	for i := off; i < off+s.n; i++ {
		fmt.Fprintf(&b, `<item><title>Prison report %d</title><link>%s/a/%d</link><description>Inspectors visited prison number %d.</description><pubDate>%s</pubDate></item>`,
			i, base, i, i, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	fmt.Fprint(w, b.String())
}

func genArticleHTML(i int) string {
	var body strings.Builder
	for p := 0; p < 6; p++ {
		fmt.Fprintf(&body, "<p>Paragraph %d of report %d. Inspectors at the prison found that men were locked in their cells for twenty-two hours a day, "+
			"that the probation service had lost track of %d cases, and that the number of self-harm incidents rose by %d per cent on the year before.</p>", p, i, i*7+p, (i*13+p)%90)
	}
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>Prison report %d</title></head><body><article><h1>Prison report %d</h1>%s</article></body></html>`,
		i, i, body.String())
}

// misbehave answers badly for a share of requests; false lets the request
// through.
func (s *genSite) misbehave(w http.ResponseWriter, r *http.Request) bool {
	x := rand.Float64()
	if x >= s.chaos {
		return false
	}
	switch rand.IntN(6) {
	case 0:
		http.Error(w, "upstream exploded", http.StatusInternalServerError)
	case 1:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	case 2: // slow drip, then done
		w.Header().Set("Content-Type", "text/html")
		for j := 0; j < 5; j++ {
			fmt.Fprint(w, "<p>drip</p>")
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			time.Sleep(100 * time.Millisecond)
		}
	case 3: // garbage
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "\x00\xff<rss><channel><item><title>broken")
	case 4: // connection reset mid-body
		if hj, ok := w.(http.Hijacker); ok {
			c, buf, err := hj.Hijack()
			if err == nil {
				buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: text/html\r\n\r\n<html><body>")
				buf.Flush()
				c.Close()
				return true
			}
		}
		http.Error(w, "reset", http.StatusBadGateway)
	default:
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
	return true
}
