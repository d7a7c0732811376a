package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/framewatch/framewatch/config"
)

// sessionCookie holds proof of the token (an HMAC of it, never the token).
const sessionCookie = "framewatch_session"

// authenticator checks serve.token and serve.users. With neither set every
// request passes.
type authenticator struct {
	token string
	users map[string][]byte // name → bcrypt hash

	mu sync.Mutex
	ok map[[32]byte]bool // verified name:password pairs, so bcrypt runs once per pair
}

func newAuthenticator(c config.Serve) *authenticator {
	a := &authenticator{token: c.Token, users: map[string][]byte{}, ok: map[[32]byte]bool{}}
	for _, u := range c.Users {
		a.users[u.Name] = []byte(u.PasswordHash)
	}
	return a
}

func (a *authenticator) configured() bool { return a.token != "" || len(a.users) > 0 }

func (a *authenticator) session() string {
	m := hmac.New(sha256.New, []byte(a.token))
	m.Write([]byte("framewatch web session"))
	return hex.EncodeToString(m.Sum(nil))
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// allowed reports whether the request proves the token or a user.
func (a *authenticator) allowed(r *http.Request) bool {
	if !a.configured() {
		return true
	}
	if a.token != "" {
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") && equal(strings.TrimPrefix(h, "Bearer "), a.token) {
			return true
		}
		if c, err := r.Cookie(sessionCookie); err == nil && equal(c.Value, a.session()) {
			return true
		}
	}
	if name, pass, ok := r.BasicAuth(); ok {
		return a.checkUser(name, pass)
	}
	return false
}

func (a *authenticator) checkUser(name, pass string) bool {
	hash, ok := a.users[name]
	if !ok {
		return false
	}
	key := sha256.Sum256([]byte(name + "\x00" + pass))
	a.mu.Lock()
	known := a.ok[key]
	a.mu.Unlock()
	if known {
		return true
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(pass)) != nil {
		return false
	}
	a.mu.Lock()
	if len(a.ok) > 1000 {
		clear(a.ok)
	}
	a.ok[key] = true
	a.mu.Unlock()
	return true
}

// protect wraps h in the authentication check. A correct ?token= sets the
// session cookie and redirects to the same address without the token, so
// it is neither bookmarked nor shown.
func (s *Server) protect(h http.Handler) http.Handler {
	a := s.auth
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.token != "" && r.URL.Query().Has("token") {
			if equal(r.URL.Query().Get("token"), a.token) {
				http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: a.session(), Path: "/", HttpOnly: true,
					SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
				q := r.URL.Query()
				q.Del("token")
				u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
				http.Redirect(w, r, u.String(), http.StatusSeeOther)
				return
			}
		} else if a.allowed(r) {
			h.ServeHTTP(w, r)
			return
		}
		if len(a.users) > 0 {
			w.Header().Set("WWW-Authenticate", `Basic realm="framewatch", charset="UTF-8"`)
		}
		s.render(w, r, http.StatusUnauthorized, "unauthorized", pageData{Title: "Sign in needed"})
	})
}
