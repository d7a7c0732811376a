// Package app is framewatch's application layer. An App builds the services
// every use case needs — the store, the tagger, the HTTP fetcher, the
// relevance filter and the rules' advice — once from the config, and offers
// one method per use case (Crawl, Run, Migrate, SQL, Tag, Retag, Digest,
// Examples, Demo, RulesCheck, …) taking typed options and returning values
// or writing to a given writer. The CLI (cmd/framewatch) and the web UI
// (web) are thin adapters over it: parsing flags or requests and printing
// or rendering results is all they do.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/pipeline/relevance"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/report/digest"
	"github.com/framewatch/framewatch/rules"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/spool"
)

// Options tune how an App is built. The zero value follows the config.
type Options struct {
	// RulesDir adds to and overrides the shipped rule library; "" means
	// rules_dir from the config (the --rules flag of several commands).
	RulesDir string
	// Style is the style profile (uk or us); "" means rules.style from
	// the config (the --style flag of several commands).
	Style string
	// Log replaces the logger described by the log: section.
	Log *slog.Logger
	// Store is an open store to use instead of opening storage.dsn (tests,
	// the demo). The App does not close it.
	Store *storage.Store
	// AllowAddrs are exact "ip:port" addresses the fetcher's SSRF guard
	// lets through while it refuses every other private address: tests
	// serving fixtures on loopback. Not a config key on purpose.
	AllowAddrs []string
	// DSN is the store to open instead of FRAMEWATCH_DSN and storage.dsn
	// (bench --store).
	DSN string
}

// App is the application: the config and the services built from it, each
// at most once and only when a use case first needs it.
type App struct {
	Config *config.Config
	Log    *slog.Logger
	// Mailer is the weekly digest's retry policy (its SMTP settings come
	// from digest.smtp); the zero value is digest.Mailer's default.
	Mailer digest.Mailer

	rulesDir   string
	style      string
	allowAddrs []string
	dsn        string

	mu        sync.Mutex
	store     *storage.Store
	ownStore  bool // opened here, so closed here
	ruleset   *rules.Ruleset
	taggers   map[bool]*tag.Engine // by whether it finds entities
	fetcher   *fetch.Client
	relevant  func(news.Article) bool
	advice    func(string) (report.Advice, bool)
	adviceSet bool
	spool     *spool.Spool
	live      atomic.Pointer[tag.Engine] // the crawl's tagger; swapped by ReloadRules
	book      *sourceBook                // crawl state per source
	now       func() time.Time           // the clock of backoff; nil: time.Now (tests set it)
	onInsert  func(table string, rows int, took time.Duration, err error)
	metrics   *metrics
}

// New builds the application over a loaded config.
func New(cfg *config.Config, opt Options) *App {
	a := &App{Config: cfg, Log: opt.Log, rulesDir: opt.RulesDir, store: opt.Store, taggers: map[bool]*tag.Engine{},
		allowAddrs: opt.AllowAddrs}
	if a.Log == nil {
		a.Log = NewLogger(cfg.Log)
	}
	if a.rulesDir == "" {
		a.rulesDir = cfg.RulesDir
	}
	a.style = opt.Style
	a.dsn = opt.DSN
	if a.style == "" {
		a.style = cfg.Rules.Style
	}
	a.metrics = newMetrics(a)
	a.onInsert = a.metrics.observeInsert
	return a
}

// Load reads the config file at path (see config.Load) and builds the App.
func Load(path string, opt Options) (*App, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	return New(cfg, opt), nil
}

// Close releases the store if it was opened.
func (a *App) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.spool != nil {
		a.spool.Close()
		a.spool = nil
	}
	if a.store == nil || !a.ownStore {
		return nil
	}
	err := a.store.Close()
	a.store = nil
	return err
}

// NewLogger builds the structured logger described by the log: section.
// Logs go to stderr so that stdout stays clean for command output.
func NewLogger(c config.Log) *slog.Logger {
	var level slog.Level
	switch strings.ToLower(c.Level) {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// Store opens the configured store and brings its schema up to date, once.
func (a *App) Store(ctx context.Context) (*storage.Store, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.store != nil {
		return a.store, nil
	}
	dsn := a.dsn
	if dsn == "" {
		dsn = a.Config.DSN()
	}
	st, err := storage.Open(ctx, dsn, storage.Options{MaxMemory: a.Config.Storage.MaxMemory, Cluster: a.Config.Cluster(), Logger: a.Log})
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrating %s: %w", st.DSN(), err)
	}
	a.store, a.ownStore = st, true
	return st, nil
}

// Rules loads the rules in force: the shipped library, then the rules
// directory (Options.RulesDir, else rules_dir).
func (a *App) Rules() (*rules.Ruleset, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.rulesLocked()
}

func (a *App) rulesLocked() (*rules.Ruleset, error) {
	if a.ruleset != nil {
		return a.ruleset, nil
	}
	rs, err := rules.Load(a.rulesDir)
	if err != nil {
		return nil, err
	}
	if rs, err = rs.WithStyle(a.style); err != nil {
		return nil, usage(err)
	}
	a.ruleset = rs
	return rs, nil
}

// Tagger compiles the rules in force into a tagging engine; entities says
// whether it also finds people, places and organisations (what the crawl
// stores; slower).
func (a *App) Tagger(entities bool) (*tag.Engine, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if e := a.taggers[entities]; e != nil {
		return e, nil
	}
	rs, err := a.rulesLocked()
	if err != nil {
		return nil, err
	}
	e, err := tag.New(rs, tag.Options{Entities: entities})
	if err != nil {
		return nil, err
	}
	a.taggers[entities] = e
	return e, nil
}

// FetchOptions translates the crawl: section into the fetcher's options.
// It is the only place that does, so every command fetches alike.
func FetchOptions(c config.Crawl, log *slog.Logger) fetch.Options {
	redirects := c.MaxRedirects
	if redirects == 0 {
		redirects = -1 // crawl.max_redirects: 0 means follow none (fetch reads 0 as its default)
	}
	return fetch.Options{
		UserAgent:            c.UserAgent,
		Timeout:              c.Timeout,
		MaxBody:              c.MaxBody,
		MaxRedirects:         redirects,
		AllowPrivateNetworks: c.AllowPrivateNetworks,
		Delay:                c.Delay,
		Parallelism:          c.Parallelism,
		Retries:              c.Retries,
		Logger:               log,
	}
}

// Fetcher is the one HTTP client, built from the crawl: section.
func (a *App) Fetcher() *fetch.Client {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fetcher == nil {
		o := FetchOptions(a.Config.Crawl, a.Log)
		o.AllowAddrs = a.allowAddrs
		a.fetcher = fetch.New(o)
	}
	return a.fetcher
}

// Relevance is the justice-relevance filter for `topic: all` sources (the
// rule file shipped as rules/relevance.yaml). A dropped item is logged with
// its score and cues, so the vocabulary can be tuned from the logs.
func (a *App) Relevance() (func(news.Article) bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.relevant != nil {
		return a.relevant, nil
	}
	f, err := relevance.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the relevance filter: %w", err)
	}
	log := a.Log
	a.relevant = func(art news.Article) bool {
		v := f.JudgeArticle(art)
		if !v.Keep {
			log.Info("off-topic item dropped", "url", art.URL, "score", v.Score, "cues", v.Cues, "reason", v.Reason)
		}
		return v.Keep
	}
	return a.relevant, nil
}

// Advice looks up a rule's message and alternatives in the rules in force,
// for matches stored before the schema kept them. Rules that fail to load
// only cost that fallback, so the failure is logged and Advice is nil.
func (a *App) Advice() func(string) (report.Advice, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.adviceSet {
		return a.advice
	}
	a.adviceSet = true
	rs, err := a.rulesLocked()
	if err != nil {
		a.Log.Warn("rules not loaded: advice missing from stored matches stays empty", "err", err)
		return nil
	}
	byID := make(map[string]report.Advice, len(rs.Rules))
	for _, r := range rs.Rules {
		byID[r.ID] = report.Advice{Message: r.Message, Suggest: []string(r.Suggest)}
	}
	a.advice = func(id string) (report.Advice, bool) {
		adv, ok := byID[id]
		return adv, ok
	}
	return a.advice
}

// Location is the reporting time zone (digest.timezone, Europe/London by
// default): weeks and dates given by users are read in it.
func (a *App) Location() (*time.Location, error) {
	return report.Location(a.Config.Digest.Timezone)
}

// UsageError is a mistake in what the user asked for (a bad flag value, a
// malformed query), as opposed to a failure while doing it. The CLI exits 2
// on it; the web answers 400.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// usage wraps err as a UsageError (nil stays nil).
func usage(err error) error {
	if err == nil {
		return nil
	}
	return &UsageError{Err: err}
}

// usagef is fmt.Errorf as a UsageError.
func usagef(format string, args ...any) error { return &UsageError{Err: fmt.Errorf(format, args...)} }

// IsUsage reports whether err is (or wraps) a UsageError.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}
