package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const good = `
storage: { dsn: "clickhouse://user:pass@127.0.0.1:9000/framewatch" }
crawl:
  user_agent: "framewatch/0.1 (+https://example.org/contact)"
  delay: 2s
  timeout: 20s
  max_body: 5MB
  allow_private_networks: false
sources:
  - name: northern-gazette
    outlet: Northern Gazette
    kind: rss
    url: https://example.org/crime/feed.xml
    schedule: "@every 30m"
    topic: justice
  - name: courier
    outlet: The Courier
    kind: scrape
    url: https://example.org/news/
    schedule: "0 6 * * *"
    topic: all
    links: "a.story-link"
`

func TestParseGood(t *testing.T) {
	c, err := Parse([]byte(good), "fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Storage.DSN != "clickhouse://user:pass@127.0.0.1:9000/framewatch" {
		t.Errorf("dsn = %q", c.Storage.DSN)
	}
	if c.Crawl.Delay != 2*time.Second || c.Crawl.Timeout != 20*time.Second || c.Crawl.MaxBody != 5<<20 {
		t.Errorf("crawl = %+v", c.Crawl)
	}
	if len(c.Sources) != 2 || c.Sources[1].Links != "a.story-link" || c.Sources[1].Topic != "all" || c.Sources[0].Schedule != "@every 30m" {
		t.Errorf("sources = %+v", c.Sources)
	}
	if c.Rules.Style != "uk" {
		t.Errorf("rules.style defaults to %q, want uk", c.Rules.Style)
	}
	m, err := Parse([]byte("sources:\n  - {name: a, outlet: A, kind: rss, url: \"https://a.example/\", outlet_type: regional, nation: northern_ireland, region: Belfast}\n"), "fw.yaml")
	if err != nil || m.Sources[0].OutletType != "regional" || m.Sources[0].Nation != "northern_ireland" || m.Sources[0].Region != "Belfast" {
		t.Errorf("outlet metadata = %+v, %v", m.Sources, err)
	}
}

func TestRulesStyle(t *testing.T) {
	c, err := Parse([]byte("rules:\n  style: us\n"), "fw.yaml")
	if err != nil || c.Rules.Style != "us" {
		t.Fatalf("rules.style: %+v, %v", c.Rules, err)
	}
	_, err = Parse([]byte("rules:\n  style: fr\n"), "fw.yaml")
	if err == nil || !strings.Contains(err.Error(), "fw.yaml:2:10") || !strings.Contains(err.Error(), "rules.style") {
		t.Errorf("bad style: %v", err)
	}
}

func TestParseErrorsNameFileLineAndKey(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "crawl:\n  dealy: 2s\n", "fw.yaml:2:3: crawl.dealy: unknown key"},
		{"bad cron", "sources:\n  - name: a\n    outlet: A\n    kind: rss\n    url: https://a.example/feed\n    schedule: \"every day\"\n", "fw.yaml:6:15: sources[0].schedule: bad cron spec"},
		{"bad url", "sources:\n  - name: a\n    outlet: A\n    kind: rss\n    url: ftp://a.example/feed\n", "fw.yaml:5:10: sources[0].url: must be an absolute http(s) URL"},
		{"duplicate name", "sources:\n  - {name: a, outlet: A, kind: rss, url: \"https://a.example/\"}\n  - {name: a, outlet: B, kind: rss, url: \"https://b.example/\"}\n", "fw.yaml:3:5: sources[1].name: duplicate source name \"a\""},
		{"missing url", "sources:\n  - name: a\n    outlet: A\n    kind: rss\n", "fw.yaml:2:5: sources[0].url: missing"},
		{"scrape without links", "sources:\n  - {name: a, outlet: A, kind: scrape, url: \"https://a.example/\"}\n", "sources[0].links: missing"},
		{"bad kind", "sources:\n  - {name: a, outlet: A, kind: atom, url: \"https://a.example/\"}\n", "fw.yaml:2:32: sources[0].kind: must be one of rss, scrape"},
		{"bad outlet_type", "sources:\n  - {name: a, outlet: A, kind: rss, url: \"https://a.example/\", outlet_type: tabloid}\n",
			"fw.yaml:2:77: sources[0].outlet_type: must be one of national, regional, broadcast, trade, campaign"},
		{"bad nation", "sources:\n  - {name: a, outlet: A, kind: rss, url: \"https://a.example/\", nation: Cornwall}\n",
			"sources[0].nation: must be one of england, scotland, wales, northern_ireland, uk"},
		{"bad size", "crawl:\n  max_body: lots\n", "fw.yaml:2:13: crawl.max_body: must be a size"},
		{"bad duration", "crawl:\n  delay: 2 seconds\n", "fw.yaml:2:10: crawl.delay: must be a duration"},
		{"bad bool", "crawl:\n  allow_private_networks: maybe\n", "crawl.allow_private_networks: must be true or false"},
		{"bad zone", "digest:\n  timezone: Mars/Olympus\n", "digest.timezone: unknown time zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "fw.yaml")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Errorf("error is %T, want config.Errors", err)
			}
		})
	}
}

func TestParseReportsEveryError(t *testing.T) {
	_, err := Parse([]byte("crawl:\n  dealy: 2s\n  timeout: soon\n"), "fw.yaml")
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
}

func TestLoadDefaultPathMissing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c, err := Load(DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	if c.DSN() != DefaultDSN && os.Getenv("FRAMEWATCH_DSN") == "" {
		t.Errorf("DSN = %q, want the embedded default", c.DSN())
	}
	if _, err := Load(filepath.Join(dir, "other.yaml")); err == nil {
		t.Error("a missing non-default config must be an error")
	}
}

func TestDSNPrecedence(t *testing.T) {
	c := Defaults()
	t.Setenv("FRAMEWATCH_DSN", "")
	if got := c.DSN(); got != DefaultDSN {
		t.Errorf("default DSN = %q", got)
	}
	c.Storage.DSN = "clickhouse://127.0.0.1:9000/fw"
	if got := c.DSN(); got != c.Storage.DSN {
		t.Errorf("configured DSN = %q", got)
	}
	t.Setenv("FRAMEWATCH_DSN", "chdb://elsewhere")
	if got := c.DSN(); got != "chdb://elsewhere" {
		t.Errorf("env DSN = %q", got)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"5MB": 5 << 20, "512KB": 512 << 10, "2GiB": 2 << 30, "1000": 1000, "1.5MB": 3 << 19, "5mb": 5 << 20} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "-5MB", "5 potatoes"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("sources: [1, 2]\n"))
	f.Add([]byte("crawl: 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml")
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
	})
}
