package crawl

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/dedup"
)

// run is the state one crawl shares across its sources: the URLs claimed,
// the fingerprints seen, and the articles and events waiting to be saved.
type run struct {
	c       *Crawler
	log     *slog.Logger
	workers chan struct{}
	batch   int

	mu      sync.Mutex
	claimed map[string]bool
	prints  []dedup.Print

	saveMu sync.Mutex // one flush at a time, in order
	bufMu  sync.Mutex
	arts   []news.TaggedArticle
	owners []*stats // the source of each queued article, for counting
	events []news.CrawlEvent
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
	r := &run{c: c, log: c.log(), workers: make(chan struct{}, workers), batch: batch, claimed: map[string]bool{}}
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

// claim reserves url for this run; false if another item already has it.
func (r *run) claim(url string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.claimed[url] {
		return false
	}
	r.claimed[url] = true
	return true
}

// story assigns url's story id and remembers its print for later items.
func (r *run) story(url string, fp uint64) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := dedup.AssignStory(r.prints, url, fp)
	r.prints = append(r.prints, dedup.Print{URL: url, StoryID: id, Fingerprint: fp})
	return id
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

// flush saves the queued articles, then the queued events. A failed insert
// is retried; if it still fails its articles count as failed (they will be
// fetched again next run, since their URLs are not stored) and the error
// is returned.
func (r *run) flush(ctx context.Context) error {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	r.bufMu.Lock()
	arts, owners, events := r.arts, r.owners, r.events
	r.arts, r.owners, r.events = nil, nil, nil
	r.bufMu.Unlock()

	var err error
	if len(arts) > 0 {
		err = retry(ctx, func() error { return r.c.Store.SaveArticles(ctx, arts) })
		for i, st := range owners {
			st.add(func(s *Stats) {
				switch {
				case err != nil:
					s.Failed++
					st.saveFailed = true
				case arts[i].FeedOnly:
					s.Stored++
					s.FeedOnly++
				default:
					s.Stored++
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
		if lerr := retry(ctx, func() error { return r.c.Store.LogCrawl(ctx, events) }); lerr != nil {
			r.log.Error("cannot write crawl log", "events", len(events), "err", lerr)
		}
	}
	return err
}

// retry runs f up to three times with a short backoff: ClickHouse restarts
// and brief network trouble should not cost a crawl's articles.
func retry(ctx context.Context, f func() error) error {
	var err error
	for i, wait := 0, 500*time.Millisecond; i < 3; i, wait = i+1, wait*4 {
		if err = f(); err == nil || ctx.Err() != nil {
			return err
		}
		if i < 2 {
			select {
			case <-ctx.Done():
				return err
			case <-time.After(wait):
			}
		}
	}
	return err
}
