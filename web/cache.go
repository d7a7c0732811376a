package web

import (
	"context"
	"sync"

	"github.com/framewatch/framewatch/report/digest"
)

// digestCache keeps built digests while the store's data version stays the
// same: a digest runs some fifty queries (the week, its four-week baseline,
// every section), seconds over a large archive, yet changes only when a
// crawl or a retag writes. Builds of one key are shared by the requests
// waiting for it.
type digestCache struct {
	mu      sync.Mutex
	entries map[string]*digestEntry
	order   []string // oldest first, for eviction
}

type digestEntry struct {
	mu      sync.Mutex // held while building
	version string
	d       *digest.Digest
}

// maxDigests bounds the cache: this week, and the weeks people open.
const maxDigests = 32

// get returns the digest of key at data version, building it with build
// when the cached one is older or missing. Errors are not kept.
func (c *digestCache) get(ctx context.Context, key, version string, build func(context.Context) (*digest.Digest, error)) (*digest.Digest, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*digestEntry{}
	}
	e := c.entries[key]
	if e == nil {
		e = &digestEntry{}
		c.entries[key] = e
		c.order = append(c.order, key)
		if len(c.order) > maxDigests {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.d != nil && e.version == version {
		return e.d, nil
	}
	d, err := build(ctx)
	if err != nil {
		return nil, err
	}
	e.d, e.version = d, version
	return d, nil
}
