package fetch

import (
	"context"
	"sync"
	"time"
)

// hostGates enforces per-host politeness: at most n requests in flight to
// a host, and request starts at least delay apart.
type hostGates struct {
	n     int
	delay time.Duration
	mu    sync.Mutex
	hosts map[string]*hostGate
}

type hostGate struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time // earliest start of the next request
}

func newHostGates(n int, delay time.Duration) *hostGates {
	return &hostGates{n: n, delay: delay, hosts: map[string]*hostGate{}}
}

// acquire waits for a slot and for the host's delay. The returned func
// frees the slot.
func (g *hostGates) acquire(ctx context.Context, host string) (func(), error) {
	g.mu.Lock()
	h := g.hosts[host]
	if h == nil {
		h = &hostGate{slots: make(chan struct{}, g.n)}
		g.hosts[host] = h
	}
	g.mu.Unlock()

	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := func() { <-h.slots }
	if g.delay > 0 {
		h.mu.Lock()
		now := time.Now()
		start := h.next
		if start.Before(now) {
			start = now
		}
		h.next = start.Add(g.delay)
		h.mu.Unlock()
		if err := sleep(ctx, time.Until(start)); err != nil {
			release()
			return nil, err
		}
	}
	return release, nil
}
