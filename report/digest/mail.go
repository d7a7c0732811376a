package digest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/framewatch/framewatch/config"
)

// Mailer sends digests by SMTP, retrying failed attempts with bounded,
// doubling backoff.
type Mailer struct {
	SMTP     config.SMTP
	Attempts int           // total tries; 0 means 4
	Backoff  time.Duration // wait before the second try, doubled each time; 0 means 30s
	Timeout  time.Duration // per attempt; 0 means 60s
	Log      *slog.Logger
}

// Send emails d to cfg's recipients with the default retry policy.
func Send(ctx context.Context, cfg config.SMTP, d *Digest, log *slog.Logger) error {
	return Mailer{SMTP: cfg, Log: log}.Send(ctx, d)
}

// Configured reports whether SMTP delivery is set up (a host, a sender and
// at least one recipient).
func Configured(cfg config.SMTP) bool {
	return cfg.Host != "" && cfg.From != "" && len(cfg.To) > 0
}

// Send renders d as HTML with a plain-text alternative and sends it,
// retrying up to m.Attempts times. Every failed attempt is logged.
func (m Mailer) Send(ctx context.Context, d *Digest) error {
	if !Configured(m.SMTP) {
		return fmt.Errorf("digest.smtp is not configured (need host, from and to)")
	}
	msg, err := Message(m.SMTP, d)
	if err != nil {
		return err
	}
	attempts, backoff, timeout := m.Attempts, m.Backoff, m.Timeout
	if attempts <= 0 {
		attempts = 4
	}
	if backoff <= 0 {
		backoff = 30 * time.Second
	}
	if timeout <= 0 {
		timeout = time.Minute
	}
	log := m.Log
	if log == nil {
		log = slog.Default()
	}
	for i := 1; ; i++ {
		actx, cancel := context.WithTimeout(ctx, timeout)
		err = deliver(actx, m.SMTP, msg)
		cancel()
		if err == nil {
			log.Info("digest emailed", "period", d.Period.Label, "to", len(m.SMTP.To), "attempt", i)
			return nil
		}
		log.Warn("digest email failed", "period", d.Period.Label, "host", m.SMTP.Host, "attempt", i,
			"of", attempts, "err", err)
		if i >= attempts {
			return fmt.Errorf("emailing digest to %s:%d: %d attempts failed, last: %w", m.SMTP.Host, m.SMTP.Port, attempts, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("emailing digest: %w (last error: %v)", ctx.Err(), err)
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Minute)
	}
}

// Message builds the MIME message: multipart/alternative with a plain-text
// part and the self-contained HTML page.
func Message(cfg config.SMTP, d *Digest) ([]byte, error) {
	htmlBody, err := Render(d, "html")
	if err != nil {
		return nil, err
	}
	textBody, err := Render(d, "text")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	subject := d.Title + ": " + d.Period.Label
	if d.Empty {
		subject += " (no coverage)"
	}
	h := []string{
		"From: " + cfg.From,
		"To: " + strings.Join(cfg.To, ", "),
		"Subject: " + mime.QEncoding.Encode("utf-8", subject),
		"Date: " + time.Now().Format(time.RFC1123Z),
		"Message-ID: <" + randomID() + "@framewatch>",
		"MIME-Version: 1.0",
		"Content-Type: multipart/alternative; boundary=\"" + mw.Boundary() + "\"",
	}
	buf.Reset() // headers go first; the writer has not written anything yet
	for _, l := range h {
		buf.WriteString(l + "\r\n")
	}
	buf.WriteString("\r\n")
	for _, part := range []struct {
		ctype string
		body  []byte
	}{{"text/plain; charset=utf-8", textBody}, {"text/html; charset=utf-8", htmlBody}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.ctype},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write(part.body); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func randomID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// deliver runs one SMTP conversation.
func deliver(ctx context.Context, cfg config.SMTP, msg []byte) error {
	port := cfg.Port
	if port == 0 {
		port = 587
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(port))
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if cfg.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("%s does not offer STARTTLS (set digest.smtp.starttls: false to send in clear)", addr)
		}
		if err := c.StartTLS(&tls.Config{ServerName: cfg.Host}); err != nil {
			return err
		}
	}
	if cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(address(cfg.From)); err != nil {
		return err
	}
	for _, to := range cfg.To {
		if err := c.Rcpt(address(to)); err != nil {
			return fmt.Errorf("recipient %s: %w", to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// address extracts the bare address from "Name <a@b>".
func address(s string) string {
	if i := strings.LastIndex(s, "<"); i >= 0 {
		if j := strings.LastIndex(s, ">"); j > i {
			return s[i+1 : j]
		}
	}
	return strings.TrimSpace(s)
}
