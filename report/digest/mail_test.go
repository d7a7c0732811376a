package digest

import (
	"bufio"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/report/reporttest"
)

// smtpServer is a minimal SMTP server on loopback: enough of RFC 5321 for
// net/smtp to deliver a message. The first failFirst connections are turned
// away with a 421, so the sender's retry can be observed.
type smtpServer struct {
	ln        net.Listener
	failFirst int

	mu    sync.Mutex
	conns int
	msgs  []received
}

type received struct {
	from string
	to   []string
	data string
}

func startSMTP(t *testing.T, failFirst int) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, failFirst: failFirst}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.handle(c)
		}
	}()
	return s
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) handle(c net.Conn) {
	defer c.Close()
	s.mu.Lock()
	s.conns++
	n := s.conns
	s.mu.Unlock()
	r := bufio.NewReader(c)
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	if n <= s.failFirst {
		say("421 4.3.2 test server busy, try again later")
		return
	}
	say("220 localhost ESMTP test")
	var msg received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-localhost")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			msg = received{from: addrOf(line)}
			say("250 2.1.0 OK")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			msg.to = append(msg.to, addrOf(line))
			say("250 2.1.5 OK")
		case cmd == "DATA":
			say("354 end with <CRLF>.<CRLF>")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, ".")) // dot-stuffing
			}
			msg.data = b.String()
			s.mu.Lock()
			s.msgs = append(s.msgs, msg)
			s.mu.Unlock()
			say("250 2.0.0 queued")
		case cmd == "QUIT":
			say("221 2.0.0 bye")
			return
		case cmd == "RSET", cmd == "NOOP":
			say("250 OK")
		default:
			say("502 5.5.2 not implemented")
		}
	}
}

func addrOf(line string) string {
	i, j := strings.Index(line, "<"), strings.Index(line, ">")
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}

func smtpConfig(port int) config.SMTP {
	return config.SMTP{Host: "127.0.0.1", Port: port, From: "framewatch <digest@example.org>",
		To: []string{"comms@example.org", "Trainer <trainer@example.org>"}}
}

// The first connection is refused and the retry delivers
// multipart/alternative with text and HTML parts.
func TestMailerRetriesAndSends(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	srv := startSMTP(t, 1)
	d, err := Build(context.Background(), st, week(t, "2026-W47", mustLoc("Europe/London")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := Mailer{SMTP: smtpConfig(srv.port()), Attempts: 3, Backoff: 10 * time.Millisecond, Timeout: 10 * time.Second}
	if err := m.Send(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.conns != 2 || len(srv.msgs) != 1 {
		t.Fatalf("connections %d, messages %d: want a refused first attempt and one delivery", srv.conns, len(srv.msgs))
	}
	msg0 := srv.msgs[0]
	if msg0.from != "digest@example.org" || strings.Join(msg0.to, ",") != "comms@example.org,trainer@example.org" {
		t.Errorf("envelope from %q to %v", msg0.from, msg0.to)
	}
	msg, err := mail.ReadMessage(strings.NewReader(msg0.data))
	if err != nil {
		t.Fatal(err)
	}
	if subj := msg.Header.Get("Subject"); !strings.Contains(subj, "2026-W47") {
		t.Errorf("subject %q", subj)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var order []string
	for {
		p, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[ct] = string(b)
		order = append(order, ct)
	}
	if strings.Join(order, ",") != "text/plain,text/html" {
		t.Fatalf("parts %v, want text/plain then text/html", order)
	}
	if !strings.Contains(parts["text/plain"], "## Coverage") || strings.Contains(parts["text/plain"], "<svg") {
		t.Errorf("plain-text part is not the text digest:\n%.300s", parts["text/plain"])
	}
	if !strings.Contains(parts["text/html"], "<svg") || !strings.Contains(parts["text/html"], `href="https://ng.example/a2"`) {
		t.Errorf("HTML part lacks charts or links")
	}
}

// A server that never accepts: every attempt is made and the error says so.
func TestMailerGivesUp(t *testing.T) {
	srv := startSMTP(t, 100)
	d, err := Build(context.Background(), reporttest.OpenServer(t), week(t, "2026-W47", mustLoc("Europe/London")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := Mailer{SMTP: smtpConfig(srv.port()), Attempts: 3, Backoff: time.Millisecond, Timeout: 5 * time.Second}
	if err := m.Send(context.Background(), d); err == nil || !strings.Contains(err.Error(), "3 attempts failed") {
		t.Fatalf("err = %v, want all 3 attempts failed", err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.conns != 3 {
		t.Errorf("%d connections, want 3 attempts", srv.conns)
	}
}
