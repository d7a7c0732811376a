package fetch

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Hostile servers of docs/reliability.md that the other tests do not
// cover: each must end in bounded time with an error the crawler counts.

func TestSlowDripBodyBoundedByTimeout(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>"))
		for { // one byte every 20 ms, for ever: each read succeeds
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
			w.Write([]byte("x"))
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	c := testClient(t, Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	res, err := c.Get(context.Background(), Request{URL: srv.URL + "/drip", Want: HTML})
	took := time.Since(start)
	if err == nil {
		t.Fatalf("slow-drip body: no error after %v (%d bytes)", took, res.Bytes)
	}
	if !isTimeout(err) || Skip(err) {
		t.Errorf("slow-drip body: err = %v, want a timeout the crawler counts as failed", err)
	}
	if took > 5*time.Second {
		t.Errorf("slow-drip body took %v with a 300 ms timeout per attempt", took)
	}
}

func TestConnectionResetMidBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body>half a page")
		buf.Flush()
		conn.(*net.TCPConn).SetLinger(0) // RST, not FIN
		conn.Close()
	}))
	defer srv.Close()
	c := testClient(t, Options{})
	res, err := c.Get(context.Background(), Request{URL: srv.URL + "/reset", Want: HTML})
	if err == nil {
		t.Fatalf("reset mid-body: no error, body %q", res.Body)
	}
	if Skip(err) {
		t.Errorf("reset mid-body: err = %v counted as a skip, want a failure", err)
	}
	if res != nil && len(res.Body) > 0 {
		t.Errorf("reset mid-body: a partial body was returned (%d bytes)", len(res.Body))
	}
}

func TestSelfSignedTLSRefused(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>should never be read</body></html>")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	defer srv.Close()
	c := testClient(t, Options{})
	res, err := c.Get(context.Background(), Request{URL: srv.URL + "/", Want: HTML})
	if err == nil {
		t.Fatalf("self-signed certificate accepted: %q", res.Body)
	}
	if !strings.Contains(err.Error(), "certificate") || Skip(err) {
		t.Errorf("self-signed TLS: err = %v, want a certificate error counted as failed", err)
	}
}
