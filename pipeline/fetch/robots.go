package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsTTL is how long a host's robots.txt is trusted; the daemon runs for
// weeks, so rules must be re-read now and then.
const robotsTTL = 6 * time.Hour

// robotsCache holds one parsed robots.txt per scheme+host.
type robotsCache struct {
	c     *Client
	agent string // product token matched against User-agent lines
	mu    sync.Mutex
	hosts map[string]*robotsEntry
}

type robotsEntry struct {
	once    sync.Once
	group   *robotstxt.Group // nil: everything allowed
	fetched time.Time
}

func newRobotsCache(c *Client) *robotsCache {
	agent, _, _ := strings.Cut(c.opt.UserAgent, "/")
	agent, _, _ = strings.Cut(agent, " ")
	return &robotsCache{c: c, agent: agent, hosts: map[string]*robotsEntry{}}
}

// allowed reports whether u may be fetched. Any failure to get or parse
// robots.txt allows: a broken robots.txt must not hide a site's news.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	rc.mu.Lock()
	e := rc.hosts[key]
	if e == nil || time.Since(e.fetched) > robotsTTL && e.fetched != (time.Time{}) {
		e = &robotsEntry{}
		rc.hosts[key] = e
	}
	rc.mu.Unlock()
	e.once.Do(func() {
		e.group = rc.load(ctx, key)
		rc.mu.Lock()
		e.fetched = time.Now()
		rc.mu.Unlock()
	})
	if e.group == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.group.Test(p)
}

func (rc *robotsCache) load(ctx context.Context, base string) *robotstxt.Group {
	res, err := rc.c.Get(ctx, Request{URL: base + "/robots.txt", Want: Any})
	if err != nil {
		rc.c.log.Debug("robots.txt unavailable, allowing all", "url", base+"/robots.txt", "err", err)
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(res.Status, res.Body)
	if err != nil {
		rc.c.log.Debug("robots.txt unparsable, allowing all", "url", base+"/robots.txt", "err", err)
		return nil
	}
	return data.FindGroup(rc.agent)
}
