package main

import (
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/samplesite"
)

// TestDSNPasswordNeverLogged runs the commands that open the store against
// a server that is not there, at every log level and in both log formats:
// whatever they print names the store with its password masked, never the
// password itself (docs/reliability.md, case 34).
func TestDSNPasswordNeverLogged(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	const secret = "s3cret-Pa55word"
	dsn := "clickhouse://writer:" + secret + "@" + addr + "/framewatch"
	srv := httptest.NewServer(samplesite.New(samplesite.Options{}))
	defer srv.Close()
	src := samplesite.Sources(srv.URL)[0]

	for _, format := range []string{"text", "json"} {
		for _, level := range []string{"debug", "info", "warn", "error"} {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "framewatch.yaml")
			body := fmt.Sprintf("storage:\n  dsn: %q\ncrawl:\n  delay: 0s\n  timeout: 2s\n  allow_private_networks: true\n  retries: 0\n"+
				"spool:\n  dir: %q\nlog:\n  format: %s\n  level: %s\nsources:\n  - name: %s\n    outlet: %q\n    kind: %s\n    url: %q\n    topic: %s\n",
				dsn, filepath.Join(dir, "spool"), format, level, src.Name, src.Outlet, src.Kind, src.URL, src.Topic)
			if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"migrate", "--config", cfg},
				{"sql", "--config", cfg, "--query", "coverage_total", "--param", "week_start=2026-06-01T00:00:00Z", "--param", "week_end=2026-06-08T00:00:00Z"},
				{"crawl", "--config", cfg},
			} {
				start := time.Now()
				code, out, errs := runCmd(t, "", args[0], args[1:]...)
				all := out + errs
				if strings.Contains(all, secret) {
					t.Errorf("%s at log level %s (%s): the password is printed:\n%s", args[0], level, format, all)
				}
				if code == 0 && args[0] != "crawl" {
					t.Errorf("%s at log level %s: exit 0 with no store", args[0], level)
				}
				if level == "debug" && !strings.Contains(all, "writer:xxxxx@"+addr) {
					t.Errorf("%s at log level debug (%s): the masked store address is not named:\n%s", args[0], format, all)
				}
				t.Logf("%s %s %s: exit %d in %v", args[0], format, level, code, time.Since(start).Round(time.Millisecond))
			}
		}
	}
}
