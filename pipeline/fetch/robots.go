package fetch

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsTTL is how long a host's robots.txt is trusted; the daemon runs for
// weeks, so rules must be re-read now and then. A robots.txt that could not
// be fetched counts as "allow all", but only for robotsRetry.
const robotsTTL, robotsRetry = 6 * time.Hour, 10 * time.Minute

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
	expires time.Time        // zero until loaded; guarded by robotsCache.mu
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
	if e == nil || !e.expires.IsZero() && time.Now().After(e.expires) {
		e = &robotsEntry{}
		rc.hosts[key] = e
	}
	rc.mu.Unlock()
	e.once.Do(func() {
		var ttl time.Duration
		e.group, ttl = rc.load(ctx, key)
		rc.mu.Lock()
		e.expires = time.Now().Add(ttl)
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

// load fetches and parses base's robots.txt, returning the group for our
// agent and how long to trust the answer.
func (rc *robotsCache) load(ctx context.Context, base string) (*robotstxt.Group, time.Duration) {
	res, err := rc.c.Get(ctx, Request{URL: base + "/robots.txt", Want: Any})
	var se *StatusError
	switch {
	case ctx.Err() != nil:
		return nil, 0 // the caller gave up; ask again next time
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500:
		return nil, robotsTTL // no robots.txt: everything allowed
	case err != nil:
		rc.c.log.Debug("robots.txt unavailable, allowing all for now", "url", base+"/robots.txt", "err", err)
		return nil, robotsRetry
	}
	data, err := robotstxt.FromStatusAndBytes(res.Status, res.Body)
	if err != nil {
		rc.c.log.Debug("robots.txt unparsable, allowing all", "url", base+"/robots.txt", "err", err)
		return nil, robotsTTL
	}
	return data.FindGroup(rc.agent), robotsTTL
}
