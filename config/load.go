package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/crypto/bcrypt"
	"gopkg.in/yaml.v3"

	"github.com/framewatch/framewatch/news"
)

// Error is a configuration problem at a place in the file.
type Error struct {
	File   string
	Line   int
	Column int
	Key    string // dotted path, e.g. sources[2].schedule
	Msg    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.File, e.Line, e.Column, e.Key, e.Msg)
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads and validates the config file at path. A missing file at the
// default path is not an error: the defaults (embedded store, no sources)
// are returned, so commands such as sql and demo work without a config.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && path == DefaultPath {
		c := Defaults()
		return &c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(data, path)
}

// Parse validates YAML config data; file names the source in errors.
func Parse(data []byte, file string) (*Config, error) {
	c := Defaults()
	c.Path = file
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p := &parser{file: file}
	if len(doc.Content) > 0 {
		p.root(doc.Content[0], &c)
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return &c, nil
}

// DSN is the storage DSN in force: FRAMEWATCH_DSN, then storage.dsn, then
// the embedded default.
func (c *Config) DSN() string {
	if v := os.Getenv("FRAMEWATCH_DSN"); v != "" {
		return v
	}
	if c.Storage.DSN != "" {
		return c.Storage.DSN
	}
	return DefaultDSN
}

// Cluster is the storage cluster in force: FRAMEWATCH_CLUSTER, then
// storage.cluster ("" is one node).
func (c *Config) Cluster() string {
	if v := os.Getenv("FRAMEWATCH_CLUSTER"); v != "" {
		return v
	}
	return c.Storage.Cluster
}

// Source returns the configured source with this name.
func (c *Config) Source(name string) (news.Source, bool) {
	for _, s := range c.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return news.Source{}, false
}

type parser struct {
	file string
	errs Errors
}

func (p *parser) fail(n *yaml.Node, key, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: n.Line, Column: n.Column, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// fields walks a mapping node, calling set for each known key and reporting
// unknown keys with their position.
func (p *parser) fields(n *yaml.Node, prefix string, set map[string]func(key string, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		p.fail(n, strings.TrimSuffix(prefix, "."), "must be a mapping of keys to values")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if seen[k.Value] {
			p.fail(k, key, "key appears twice")
			continue
		}
		seen[k.Value] = true
		f, ok := set[k.Value]
		if !ok {
			p.fail(k, key, "unknown key (known: %s)", knownKeys(set))
			continue
		}
		f(key, v)
	}
}

func knownKeys(set map[string]func(string, *yaml.Node)) string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

func (p *parser) str(dst *string) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			p.fail(v, key, "must be a string")
			return
		}
		*dst = v.Value
	}
}

func (p *parser) boolean(dst *bool) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		b, err := strconv.ParseBool(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			p.fail(v, key, "must be true or false, not %q", v.Value)
			return
		}
		*dst = b
	}
}

func (p *parser) integer(dst *int, min int) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || n < min {
			p.fail(v, key, "must be a whole number ≥ %d, not %q", min, v.Value)
			return
		}
		*dst = n
	}
}

func (p *parser) duration(dst *time.Duration) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		d, err := time.ParseDuration(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || d < 0 {
			p.fail(v, key, "must be a duration such as 2s, 500ms or 1h, not %q", v.Value)
			return
		}
		*dst = d
	}
}

func (p *parser) size(dst *int64) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		n, err := ParseSize(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			p.fail(v, key, "must be a size such as 5MB, 512KB or 2GB, not %q", v.Value)
			return
		}
		*dst = n
	}
}

var sizeRe = regexp.MustCompile(`^\s*(\d+(?:\.\d+)?)\s*([KMGT]?I?B?)\s*$`)

// ParseSize reads sizes such as "5MB", "512KiB", "2GB" or a plain byte count.
// KB, MB and GB are powers of 1024, as users of this kind of setting expect.
func ParseSize(s string) (int64, error) {
	m := sizeRe.FindStringSubmatch(strings.ToUpper(s))
	if m == nil {
		return 0, fmt.Errorf("bad size %q", s)
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, err
	}
	mult := map[byte]float64{'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}
	if m[2] != "" && m[2] != "B" {
		f *= mult[m[2][0]]
	}
	return int64(f), nil
}

func (p *parser) root(n *yaml.Node, c *Config) {
	p.fields(n, "", map[string]func(string, *yaml.Node){
		"storage": func(key string, v *yaml.Node) {
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"dsn":        p.str(&c.Storage.DSN),
				"max_memory": p.size(&c.Storage.MaxMemory),
				"cluster":    p.str(&c.Storage.Cluster),
			})
		},
		"crawl": func(key string, v *yaml.Node) {
			cr := &c.Crawl
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"user_agent":             p.str(&cr.UserAgent),
				"delay":                  p.duration(&cr.Delay),
				"timeout":                p.duration(&cr.Timeout),
				"max_body":               p.size(&cr.MaxBody),
				"allow_private_networks": p.boolean(&cr.AllowPrivateNetworks),
				"parallelism":            p.integer(&cr.Parallelism, 1),
				"max_redirects":          p.integer(&cr.MaxRedirects, 0),
				"retries":                p.integer(&cr.Retries, 0),
				"story_window":           p.duration(&cr.StoryWindow),
				"backoff_base":           p.duration(&cr.BackoffBase),
				"backoff_max":            p.duration(&cr.BackoffMax),
			})
		},
		"sources":   func(key string, v *yaml.Node) { p.sources(v, key, c) },
		"rules_dir": p.str(&c.RulesDir),
		"rules": func(key string, v *yaml.Node) {
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"style": p.oneOf(&c.Rules.Style, "uk", "us"),
			})
		},
		"log": func(key string, v *yaml.Node) {
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"format": p.oneOf(&c.Log.Format, "text", "json"),
				"level":  p.oneOf(&c.Log.Level, "debug", "info", "warn", "error"),
			})
		},
		"digest": func(key string, v *yaml.Node) { p.digest(v, key, &c.Digest) },
		"spool": func(key string, v *yaml.Node) {
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"dir":      p.str(&c.Spool.Dir),
				"max_size": p.size(&c.Spool.MaxSize),
			})
		},
		"serve": func(key string, v *yaml.Node) { p.serve(v, key, &c.Serve) },
	})
}

func (p *parser) serve(n *yaml.Node, key string, s *Serve) {
	p.fields(n, key+".", map[string]func(string, *yaml.Node){
		"addr": func(key string, v *yaml.Node) {
			if _, _, err := net.SplitHostPort(v.Value); err != nil {
				p.fail(v, key, "must be host:port, e.g. 127.0.0.1:8080, not %q", v.Value)
				return
			}
			s.Addr = v.Value
		},
		"token": func(key string, v *yaml.Node) {
			if len(v.Value) < 16 {
				p.fail(v, key, "must be at least 16 characters (a long random string)")
				return
			}
			s.Token = v.Value
		},
		"users": func(key string, v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				p.fail(v, key, "must be a list of users with name and password_hash")
				return
			}
			seen := map[string]bool{}
			for i, item := range v.Content {
				k := fmt.Sprintf("%s[%d]", key, i)
				var u User
				p.fields(item, k+".", map[string]func(string, *yaml.Node){
					"name": p.str(&u.Name),
					"password_hash": func(key string, v *yaml.Node) {
						if _, err := bcrypt.Cost([]byte(v.Value)); err != nil {
							p.fail(v, key, "must be a bcrypt hash such as $2y$10$… (htpasswd -nbB NAME PASSWORD), not a password")
							return
						}
						u.PasswordHash = v.Value
					},
				})
				if item.Kind != yaml.MappingNode {
					continue
				}
				if u.Name == "" || strings.Contains(u.Name, ":") {
					p.fail(item, k+".name", "missing or contains ':' (every user needs a name and password_hash)")
				} else if seen[u.Name] {
					p.fail(item, k+".name", "duplicate user %q", u.Name)
				}
				if !p.hasKey(item, "password_hash") {
					p.fail(item, k+".password_hash", "missing")
				}
				seen[u.Name] = true
				s.Users = append(s.Users, u)
			}
		},
	})
}

func (p *parser) oneOf(dst *string, allowed ...string) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		for _, a := range allowed {
			if v.Value == a {
				*dst = a
				return
			}
		}
		p.fail(v, key, "must be one of %s, not %q", strings.Join(allowed, ", "), v.Value)
	}
}

func (p *parser) cronSpec(dst *string) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		if _, err := cron.ParseStandard(v.Value); err != nil {
			p.fail(v, key, "bad cron spec %q: %v", v.Value, err)
			return
		}
		*dst = v.Value
	}
}

func (p *parser) digest(n *yaml.Node, key string, d *Digest) {
	p.fields(n, key+".", map[string]func(string, *yaml.Node){
		"schedule": p.cronSpec(&d.Schedule),
		"timezone": func(key string, v *yaml.Node) {
			if _, err := time.LoadLocation(v.Value); err != nil {
				p.fail(v, key, "unknown time zone %q", v.Value)
				return
			}
			d.Timezone = v.Value
		},
		"dir": p.str(&d.Dir),
		"smtp": func(key string, v *yaml.Node) {
			s := &d.SMTP
			p.fields(v, key+".", map[string]func(string, *yaml.Node){
				"host":     p.str(&s.Host),
				"port":     p.integer(&s.Port, 1),
				"username": p.str(&s.Username),
				"password": p.str(&s.Password),
				"from":     p.str(&s.From),
				"starttls": p.boolean(&s.StartTLS),
				"to": func(key string, v *yaml.Node) {
					if v.Kind != yaml.SequenceNode {
						p.fail(v, key, "must be a list of email addresses")
						return
					}
					for _, e := range v.Content {
						s.To = append(s.To, e.Value)
					}
				},
			})
		},
	})
}

func (p *parser) sources(n *yaml.Node, key string, c *Config) {
	if n.Kind != yaml.SequenceNode {
		p.fail(n, key, "must be a list of sources")
		return
	}
	names := map[string]int{}
	for i, item := range n.Content {
		k := fmt.Sprintf("%s[%d]", key, i)
		s := news.Source{Schedule: "@every 1h", Topic: "justice"}
		p.fields(item, k+".", map[string]func(string, *yaml.Node){
			"name":     p.str(&s.Name),
			"outlet":   p.str(&s.Outlet),
			"kind":     p.oneOf(&s.Kind, "rss", "scrape"),
			"url":      p.httpURL(&s.URL),
			"schedule": p.cronSpec(&s.Schedule),
			"topic":    p.oneOf(&s.Topic, "justice", "all"),
			"links":    p.str(&s.Links),
			// Outlet metadata analysts group trends by (docs/schema.md).
			"outlet_type": p.oneOf(&s.OutletType, news.OutletTypes...),
			"nation":      p.oneOf(&s.Nation, news.Nations...),
			"region":      p.str(&s.Region),
		})
		if item.Kind != yaml.MappingNode {
			continue
		}
		for _, req := range []struct{ name, val string }{{"name", s.Name}, {"outlet", s.Outlet}, {"kind", s.Kind}, {"url", s.URL}} {
			if req.val == "" && !p.hasKey(item, req.name) {
				p.fail(item, k+"."+req.name, "missing (every source needs name, outlet, kind and url)")
			}
		}
		if s.Kind == "scrape" && s.Links == "" {
			p.fail(item, k+".links", "missing: a scrape source needs a CSS selector for its article links")
		}
		if s.Name != "" {
			if prev, dup := names[s.Name]; dup {
				p.fail(item, k+".name", "duplicate source name %q (also sources[%d])", s.Name, prev)
			}
			names[s.Name] = i
		}
		c.Sources = append(c.Sources, s)
	}
}

func (p *parser) hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (p *parser) httpURL(dst *string) func(string, *yaml.Node) {
	return func(key string, v *yaml.Node) {
		u, err := url.Parse(v.Value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.fail(v, key, "must be an absolute http(s) URL, not %q", v.Value)
			return
		}
		*dst = v.Value
	}
}
