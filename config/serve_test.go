package config

import (
	"strings"
	"testing"
)

func TestParseServe(t *testing.T) {
	const hash = "$2a$04$gTpnU8kAPoLPFSaR975KQ.jpwwAFNQzVjpQsjqUvuXwQR/MwgHRgm" // "secret", cost 4
	c, err := Parse([]byte("serve:\n  addr: 0.0.0.0:8080\n  token: abcdefghijklmnopqrstu\n  users:\n    - name: comms\n      password_hash: \""+hash+"\"\n"), "fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Serve.Addr != "0.0.0.0:8080" || c.Serve.Token == "" || len(c.Serve.Users) != 1 || c.Serve.Users[0].PasswordHash != hash || !c.Serve.AuthConfigured() {
		t.Errorf("serve = %+v", c.Serve)
	}
	for _, tt := range []struct{ yaml, want string }{
		{"serve:\n  addr: 8080\n", "fw.yaml:2:9: serve.addr: must be host:port"},
		{"serve:\n  token: short\n", "fw.yaml:2:10: serve.token: must be at least 16"},
		{"serve:\n  users:\n    - name: comms\n      password_hash: hunter2\n", "fw.yaml:4:22: serve.users[0].password_hash: must be a bcrypt hash"},
		{"serve:\n  users:\n    - name: comms\n", "serve.users[0].password_hash: missing"},
		{"serve:\n  users:\n    - {name: a, password_hash: \"" + hash + "\"}\n    - {name: a, password_hash: \"" + hash + "\"}\n", "serve.users[1].name: duplicate user"},
		{"serve:\n  port: 80\n", "fw.yaml:2:3: serve.port: unknown key"},
	} {
		_, err := Parse([]byte(tt.yaml), "fw.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
