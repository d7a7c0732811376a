// Package config loads framewatch.yaml. Key names are a contract with users,
// docs and tests: see docs/configuration.md for every key.
package config

import (
	"time"

	"github.com/framewatch/framewatch/news"
)

// DefaultPath is where commands look for the config without --config.
const DefaultPath = "framewatch.yaml"

// DefaultDSN is the embedded store used when no DSN is configured.
const DefaultDSN = "chdb://framewatch-data"

// Config is the whole configuration file.
type Config struct {
	Path     string // the file it was loaded from ("" for defaults)
	Storage  Storage
	Crawl    Crawl
	Sources  []news.Source
	RulesDir string // rules_dir: user rules that add to and override the shipped library
	Rules    Rules
	Log      Log
	Digest   Digest
	Spool    Spool
	Serve    Serve
}

// Rules is the rules: section.
type Rules struct {
	// Style is rules.style: the style profile, "uk" (default: HMPPS,
	// Unlock) or "us" (US person-first guides), for the terms the
	// published guides disagree on (docs/rules.md).
	Style string
}

// Spool is the spool: section: where writes wait while the store is down.
type Spool struct {
	Dir     string // spool.dir; default "framewatch-spool"
	MaxSize int64  // spool.max_size in bytes; default 1GB
}

// Storage is the storage: section.
type Storage struct {
	DSN string // storage.dsn; FRAMEWATCH_DSN overrides; empty means DefaultDSN
	// MaxMemory bounds the embedded engine's memory (storage.max_memory).
	MaxMemory int64
	// Cluster names the ClickHouse cluster (remote_servers) the schema is
	// created on, replicated and sharded (storage.cluster;
	// FRAMEWATCH_CLUSTER overrides); "" is one node.
	Cluster string
}

// Crawl is the crawl: section.
type Crawl struct {
	UserAgent            string        // crawl.user_agent
	Delay                time.Duration // crawl.delay: per-host politeness delay
	Timeout              time.Duration // crawl.timeout: per request
	MaxBody              int64         // crawl.max_body in bytes ("5MB" in YAML)
	AllowPrivateNetworks bool          // crawl.allow_private_networks: opens the SSRF guard
	Parallelism          int           // crawl.parallelism: concurrent requests per host
	MaxRedirects         int           // crawl.max_redirects
	Retries              int           // crawl.retries: extra tries on timeouts and 5xx
	StoryWindow          time.Duration // crawl.story_window: how far back syndicated copies are matched
	BackoffBase          time.Duration // crawl.backoff_base: the daemon's first wait after a source fails twice running
	BackoffMax           time.Duration // crawl.backoff_max: the longest wait
}

// Log is the log: section.
type Log struct {
	Format string // log.format: text or json
	Level  string // log.level: debug, info, warn, error
}

// Digest is the digest: section (issue 6).
type Digest struct {
	Schedule string // digest.schedule: cron spec, default "0 7 * * 1"
	Timezone string // digest.timezone: default Europe/London
	Dir      string // digest.dir: where run writes digests
	SMTP     SMTP
}

// Serve is the serve: section: the web UI (framewatch serve, and inside
// framewatch run when Addr is set).
type Serve struct {
	// Addr is serve.addr, host:port to listen on. framewatch serve
	// defaults to 127.0.0.1:8080; framewatch run serves only when it is set.
	Addr string
	// Token is serve.token: when set, every page needs it (once as ?token=,
	// then a cookie; or an Authorization: Bearer header).
	Token string
	// Users are serve.users: basic-auth users with bcrypt password hashes.
	Users []User
}

// User is one serve.users entry.
type User struct {
	Name         string // serve.users[].name
	PasswordHash string // serve.users[].password_hash: bcrypt, e.g. from htpasswd -nbB
}

// AuthConfigured reports whether the web UI asks who is there.
func (s Serve) AuthConfigured() bool { return s.Token != "" || len(s.Users) > 0 }

// SMTP is digest.smtp.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	To       []string
	StartTLS bool
}

// Defaults returns the configuration used when a key is absent.
func Defaults() Config {
	return Config{
		Storage: Storage{DSN: "", MaxMemory: 2 << 30},
		Crawl: Crawl{
			UserAgent:    "framewatch/0.1 (+https://github.com/framewatch/framewatch)",
			Delay:        2 * time.Second,
			Timeout:      20 * time.Second,
			MaxBody:      5 << 20,
			Parallelism:  2,
			MaxRedirects: 5,
			Retries:      2,
			StoryWindow:  14 * 24 * time.Hour,
			BackoffBase:  5 * time.Minute,
			BackoffMax:   6 * time.Hour,
		},
		Log:    Log{Format: "text", Level: "info"},
		Rules:  Rules{Style: "uk"},
		Spool:  Spool{Dir: "framewatch-spool", MaxSize: 1 << 30},
		Digest: Digest{Schedule: "0 7 * * 1", Timezone: "Europe/London", Dir: "digests", SMTP: SMTP{Port: 587, StartTLS: true}},
	}
}
