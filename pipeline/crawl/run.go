package crawl

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/dedup"
	"github.com/framewatch/framewatch/storage"
)

// run is the state one crawl shares across its sources: the URLs claimed,
// the fingerprints seen, and the articles and events waiting to be saved.
type run struct {
	c       *Crawler
	log     *slog.Logger
	workers chan struct{}
	batch   int
	window  time.Duration
	ctxErr  func() error // the run's context: ended means shutting down

	mu      sync.Mutex
	claimed []string      // URLs this run holds in sharedState.claims
	prints  []dedup.Print // stored before the run began (read-only)

	saveMu sync.Mutex // one flush at a time, in order
	bufMu  sync.Mutex
	arts   []news.TaggedArticle
	owners []*stats // the source of each queued article, for counting
	events []news.CrawlEvent

	lostEvents atomic.Int64 // crawl-log events neither written nor spooled
}

func (c *Crawler) newRun(ctx context.Context) *run {
	workers, batch, window := c.Workers, c.BatchSize, c.StoryWindow
	if workers <= 0 {
		workers = 16
	}
	if batch <= 0 {
		batch = 200
	}
	if window <= 0 {
		window = 14 * 24 * time.Hour
	}
	r := &run{c: c, log: c.log(), workers: make(chan struct{}, workers), batch: batch, window: window, ctxErr: ctx.Err}
	stored, err := c.Store.RecentPrints(ctx, c.now().Add(-window))
	if err != nil {
		// Syndicated copies of stored stories then get their own story id
		// this run; a later run cannot fix that, but losing articles would
		// be worse.
		r.log.Warn("cannot load recent fingerprints: story grouping limited to this run", "err", err)
	}
	for _, p := range stored {
		r.prints = append(r.prints, dedup.Print{URL: p.URL, StoryID: p.StoryID, Fingerprint: p.Fingerprint})
	}
	return r
}

// claim reserves url for this run; false if another item of this run, or
// of another run of the same Crawler still in progress, already has it.
func (r *run) claim(url string) bool {
	s := r.c.shared()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.claims[url] {
		return false
	}
	s.claims[url] = true
	r.mu.Lock()
	r.claimed = append(r.claimed, url)
	r.mu.Unlock()
	return true
}

// release gives up the run's claims once its articles are in the store,
// where KnownURLs finds them from then on.
func (r *run) release() {
	s := r.c.shared()
	s.mu.Lock()
	defer s.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range r.claimed {
		delete(s.claims, u)
	}
	r.claimed = nil
}

// story assigns url's story id: the nearest of the prints stored before
// this run began and of those assigned since by any run of this Crawler.
// The second set matters in the daemon, where sources on one schedule
// crawl at the same moment in separate runs and syndicated copies arrive
// in both.
func (r *run) story(url string, fp uint64) string {
	s := r.c.shared()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := r.c.now()
	keep := s.list[:0]
	for _, p := range s.list {
		if now.Sub(p.at) < r.window {
			keep = append(keep, p)
		}
	}
	s.list = keep
	known := make([]dedup.Print, 0, len(r.prints)+len(s.list))
	known = append(known, r.prints...)
	for _, p := range s.list {
		known = append(known, p.Print)
	}
	id := dedup.AssignStory(known, url, fp)
	s.list = append(s.list, timedPrint{dedup.Print{URL: url, StoryID: id, Fingerprint: fp}, now})
	return id
}

// sharedState is what concurrent runs of one Crawler must agree on: the
// URLs being crawled and the prints assigned.
type sharedState struct {
	mu     sync.Mutex
	claims map[string]bool
	list   []timedPrint
}

type timedPrint struct {
	dedup.Print
	at time.Time
}

func (r *run) event(e news.CrawlEvent) {
	if e.Time.IsZero() {
		e.Time = r.c.now()
	}
	r.bufMu.Lock()
	r.events = append(r.events, e)
	r.bufMu.Unlock()
}

// save queues an article, flushing when the batch is full.
func (r *run) save(ctx context.Context, a news.TaggedArticle, st *stats) {
	r.bufMu.Lock()
	r.arts = append(r.arts, a)
	r.owners = append(r.owners, st)
	full := len(r.arts) >= r.batch
	r.bufMu.Unlock()
	if full {
		r.flush(ctx)
	}
}

// flush saves the queued articles, then the queued events. The store
// retries and, when it has a spool, keeps what it cannot write there
// (storage.ErrSpooled: the articles are safe and count as stored). Any
// other error means the articles are lost to this run: they count as
// failed and unsaved (the next run fetches them again, since their URLs are
// not stored), and the error is returned.
func (r *run) flush(ctx context.Context) error {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	r.bufMu.Lock()
	arts, owners, events := r.arts, r.owners, r.events
	r.arts, r.owners, r.events = nil, nil, nil
	r.bufMu.Unlock()

	var err error
	if len(arts) > 0 {
		err = r.c.Store.SaveArticles(ctx, arts)
		spooled := errors.Is(err, storage.ErrSpooled)
		if spooled {
			err = nil
		}
		for i, st := range owners {
			st.add(func(s *Stats) {
				switch {
				case err != nil:
					s.Failed++
					s.Unsaved++
					st.saveFailed = true
				case arts[i].FeedOnly:
					s.Stored++
					s.FeedOnly++
				default:
					s.Stored++
				}
				if spooled {
					s.Spooled++
				}
			})
		}
		if err != nil {
			r.log.Error("cannot save articles", "count", len(arts), "err", err)
			for i := range events {
				if events[i].Outcome == news.Stored {
					events[i].Outcome, events[i].Error = news.Failed, "saving: "+err.Error()
				}
			}
		}
	}
	if len(events) > 0 {
		if r.c.OnEvents != nil {
			r.c.OnEvents(events)
		}
		lerr := r.c.Store.LogCrawl(ctx, events)
		if lerr != nil && !errors.Is(lerr, storage.ErrSpooled) {
			r.log.Error("cannot write crawl log", "events", len(events), "err", lerr)
			r.lostEvents.Add(int64(len(events)))
			if err == nil {
				err = lerr
			}
		}
	}
	return err
}
