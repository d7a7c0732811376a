// Package crawl runs one crawl of a set of sources: feed or listing, article
// pages, extraction, de-duplication, relevance, story grouping, tagging and
// storage, with every fetch logged and counted per source.
package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/dedup"
	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/pipeline/sources"
	"github.com/framewatch/framewatch/storage"
)

// Crawler holds what a crawl needs. Fetch and Store are required; the rest
// have defaults.
type Crawler struct {
	Fetch *fetch.Client
	Store *storage.Store
	// Tag tags an article before it is stored; nil stores it untagged
	// (a later retag fills the tags in).
	Tag func(news.Article) news.Tagging
	// Extract reads an article page; nil means extract.Extract.
	Extract func(page []byte, pageURL string) (extract.Result, error)
	// Relevant decides whether an item from a "topic: all" source is about
	// criminal justice; nil keeps everything.
	Relevant func(news.Article) bool
	Log      *slog.Logger
	// Workers bounds the article pages in flight across all sources
	// (default 16). Per-host limits are the fetch client's.
	Workers int
	// StoryWindow is how far back (by publication time) stored articles
	// are matched as syndicated copies (crawl.story_window; default 14 days).
	StoryWindow time.Duration
	// BatchSize is how many articles are saved per insert (default 200).
	BatchSize int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnEvents, when set, sees every batch of crawl-log events with their
	// final outcomes, as they are written (for metrics).
	OnEvents func([]news.CrawlEvent)

	sharedOnce sync.Once
	state      *sharedState
}

func (c *Crawler) shared() *sharedState {
	c.sharedOnce.Do(func() { c.state = &sharedState{claims: map[string]bool{}} })
	return c.state
}

// Stats counts what happened to one source's fetches and items.
type Stats struct {
	Source      string
	Fetched     int // feeds, listings and article pages read successfully
	Stored      int // articles saved, feed-only ones included
	FeedOnly    int // of Stored: page unusable, feed title and summary kept
	Duplicate   int // already stored, or reached twice in this run
	OffTopic    int // dropped by the relevance filter
	Failed      int // fetch, parse or database failures
	NotModified int // feed answered 304
	Skipped     int // robots.txt, SSRF guard, not HTML
	// CharsetMismatch counts article pages whose declared legacy charset
	// the bytes contradicted (valid UTF-8): read as UTF-8, and counted so
	// an operator can tell the outlet its server mislabels pages.
	CharsetMismatch int
	Spooled         int // of Stored: kept in the local spool until the store is back
	Unsaved         int // of Failed: articles neither written nor spooled
	// SourceError says why the source's own feed or listing could not be
	// read or parsed ("" when it could): what the per-source backoff and
	// the health endpoint go by.
	SourceError string
}

// Summary is one crawl's outcome, one Stats per source in the order given.
type Summary struct {
	Sources  []Stats
	Duration time.Duration
	// LostEvents counts crawl-log events neither written nor spooled.
	LostEvents int
}

// Lost reports whether some of the run's writes were neither made nor
// kept in the spool: the one failure a crawl must not exit 0 on.
func (s Summary) Lost() bool { return s.LostEvents > 0 || s.Total().Unsaved > 0 }

// Total adds up every source.
func (s Summary) Total() Stats {
	t := Stats{Source: "total"}
	for _, x := range s.Sources {
		t.Fetched += x.Fetched
		t.Stored += x.Stored
		t.FeedOnly += x.FeedOnly
		t.Duplicate += x.Duplicate
		t.OffTopic += x.OffTopic
		t.Failed += x.Failed
		t.NotModified += x.NotModified
		t.Skipped += x.Skipped
		t.CharsetMismatch += x.CharsetMismatch
		t.Spooled += x.Spooled
		t.Unsaved += x.Unsaved
	}
	return t
}

// Run crawls sources once. Failures of single fetches, pages or inserts are
// logged, counted and never stop the run; the error is non-nil only when
// ctx ended before the run completed.
func (c *Crawler) Run(ctx context.Context, srcs []news.Source) (Summary, error) {
	if c.Fetch == nil || c.Store == nil {
		return Summary{}, errors.New("crawl: Crawler needs Fetch and Store")
	}
	start := time.Now()
	r := c.newRun(ctx)
	all := make([]*stats, len(srcs))
	var wg sync.WaitGroup
	for i, src := range srcs {
		all[i] = &stats{Stats: Stats{Source: src.Name}}
		wg.Go(func() { c.crawlSource(ctx, r, src, all[i]) })
	}
	wg.Wait()
	// One flush for the whole run where the batch allows: inserts, not
	// fetches, are what a crawl of a fast site waits for.
	r.flush(context.WithoutCancel(ctx))
	r.release()
	c.saveValidators(context.WithoutCancel(ctx), srcs, all)
	sum := Summary{Duration: time.Since(start), LostEvents: int(r.lostEvents.Load())}
	for _, st := range all {
		s := st.snapshot()
		sum.Sources = append(sum.Sources, s)
		c.log().Info("source crawled", "source", s.Source, "fetched", s.Fetched, "stored", s.Stored,
			"feed_only", s.FeedOnly, "duplicate", s.Duplicate, "offtopic", s.OffTopic, "failed", s.Failed,
			"not_modified", s.NotModified, "skipped", s.Skipped, "charset_mismatch", s.CharsetMismatch,
			"spooled", s.Spooled, "unsaved", s.Unsaved)
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("crawl interrupted: %w", err)
	}
	return sum, nil
}

// stats is Stats behind a lock: a source's items finish in parallel.
type stats struct {
	mu sync.Mutex
	Stats
	validators *storage.FeedValidators // the feed's, to save once its articles are
	saveFailed bool                    // some of its articles could not be saved
}

// saveValidators remembers the feeds' ETag/Last-Modified, except for
// sources whose articles did not all reach the store: those must be read
// in full again next time.
func (c *Crawler) saveValidators(ctx context.Context, srcs []news.Source, all []*stats) {
	var wg sync.WaitGroup
	for i, src := range srcs {
		st := all[i]
		st.mu.Lock()
		v, ok := st.validators, !st.saveFailed
		st.mu.Unlock()
		if v == nil || !ok {
			continue
		}
		wg.Go(func() {
			if err := c.Store.SaveFeedState(ctx, src.URL, *v); err != nil {
				c.log().Warn("cannot save feed validators", "source", src.Name, "err", err)
			}
		})
	}
	wg.Wait()
}

func (s *stats) add(f func(*Stats)) {
	s.mu.Lock()
	f(&s.Stats)
	s.mu.Unlock()
}

func (s *stats) snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Stats
}

func (c *Crawler) log() *slog.Logger {
	if c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

func (c *Crawler) now() time.Time {
	if c.Now != nil {
		return c.Now().UTC()
	}
	return time.Now().UTC()
}

// crawlSource reads one source's feed or listing and processes its items.
func (c *Crawler) crawlSource(ctx context.Context, r *run, src news.Source, st *stats) {
	log := c.log().With("source", src.Name)
	var items []sources.Item
	var validators *storage.FeedValidators // to remember once the items are safe
	switch src.Kind {
	case "scrape":
		list, res, err := sources.Listing(ctx, c.Fetch, src.URL, src.Links)
		if !c.recordFetch(r, st, log, src, src.URL, res, err, news.Fetched) {
			return
		}
		items = list
	default: // rss: RSS, Atom and JSON Feed
		prev, err := c.Store.FeedState(ctx, src.URL)
		if err != nil {
			log.Warn("cannot read feed validators; fetching unconditionally", "err", err)
		}
		res, err := c.Fetch.Get(ctx, fetch.Request{URL: src.URL, Want: fetch.Feed, ETag: prev.ETag, LastModified: prev.LastModified})
		if err == nil && res.NotModified {
			st.add(func(s *Stats) { s.NotModified++ })
			r.event(res.Event(src.Name, src.URL, news.NotModified, nil))
			log.Info("feed not modified")
			return
		}
		if !c.recordFetch(r, st, log, src, src.URL, res, err, news.Fetched) {
			return
		}
		items, err = sources.ParseFeed(sources.FeedCharset(res.Body, res.ContentType), res.URL)
		if err != nil {
			st.add(func(s *Stats) { s.Failed++; s.SourceError = "feed unparsable: " + err.Error() })
			r.event(res.Event(src.Name, src.URL, news.Failed, err))
			log.Warn("feed unparsable", "url", src.URL, "err", err)
			return
		}
		if res.ETag != "" || res.LastModified != "" {
			validators = &storage.FeedValidators{ETag: res.ETag, LastModified: res.LastModified}
		}
	}

	todo := c.newItems(ctx, r, src, items, st, log)
	var wg sync.WaitGroup
	for _, it := range todo {
		select {
		case r.workers <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break // a slot taken in the same instant is never given back: the run is over
		}
		wg.Go(func() {
			defer func() { <-r.workers }()
			c.crawlItem(ctx, r, src, it, st, log)
		})
	}
	wg.Wait()
	// The feed's validators are saved by Run only after the source's
	// articles are, so a crash in between re-reads the feed instead of
	// missing its items; an interrupted source's are not saved at all.
	if ctx.Err() == nil {
		st.mu.Lock()
		st.validators = validators
		st.mu.Unlock()
	}
}

// recordFetch counts and logs a feed or listing fetch; false when there is
// nothing to go on.
func (c *Crawler) recordFetch(r *run, st *stats, log *slog.Logger, src news.Source, u string, res *fetch.Result, err error, outcome string) bool {
	if err == nil {
		st.add(func(s *Stats) { s.Fetched++ })
		r.event(res.Event(src.Name, u, outcome, nil))
		return true
	}
	outcome = news.Failed
	if fetch.Skip(err) {
		outcome = news.Skipped
		st.add(func(s *Stats) { s.Skipped++ })
	} else {
		st.add(func(s *Stats) { s.Failed++ })
	}
	if r.ctxErr() == nil { // a fetch cut short by shutdown says nothing about the source
		st.add(func(s *Stats) { s.SourceError = err.Error() })
	}
	r.event(res.Event(src.Name, u, outcome, err))
	log.Warn("source fetch failed", "url", u, "outcome", outcome, "err", err)
	return false
}

// pending is an item that survived URL de-duplication.
type pending struct {
	sources.Item
	Canonical string
}

// newItems canonicalises the items' URLs and drops those stored before or
// claimed by another item, of this run or of a concurrent one.
func (c *Crawler) newItems(ctx context.Context, r *run, src news.Source, items []sources.Item, st *stats, log *slog.Logger) []pending {
	var out []pending
	var urls []string
	inSource := map[string]bool{}
	for _, it := range items {
		canon, err := dedup.Canonical(it.URL)
		if err != nil {
			st.add(func(s *Stats) { s.Failed++ })
			r.event(news.CrawlEvent{Time: c.now(), Source: src.Name, URL: it.URL, Outcome: news.Failed, Error: err.Error()})
			log.Warn("bad item URL", "url", it.URL, "err", err)
			continue
		}
		if inSource[canon] {
			st.add(func(s *Stats) { s.Duplicate++ })
			continue
		}
		inSource[canon] = true
		// Claim before looking in the store: a concurrent run that holds
		// the URL releases it only once its article is stored, so one of
		// the two checks always sees it.
		if !r.claim(canon) {
			st.add(func(s *Stats) { s.Duplicate++ })
			continue
		}
		out = append(out, pending{it, canon})
		urls = append(urls, canon)
	}
	known, err := c.Store.KnownURLs(ctx, urls)
	if err != nil {
		// Without the lookup the worst case is re-fetching and replacing
		// stored articles, which the store absorbs: carry on.
		log.Warn("cannot look up known URLs", "err", err)
	}
	kept := out[:0]
	for _, p := range out {
		if known[p.Canonical] {
			st.add(func(s *Stats) { s.Duplicate++ })
			continue
		}
		kept = append(kept, p)
	}
	return kept
}

// crawlItem fetches, extracts, filters, groups, tags and queues one item.
func (c *Crawler) crawlItem(ctx context.Context, r *run, src news.Source, it pending, st *stats, log *slog.Logger) {
	res, err := c.Fetch.Get(ctx, fetch.Request{URL: it.URL, Want: fetch.HTML})
	if err != nil && ctx.Err() != nil {
		// Shutting down: this page did not fail, it was not waited for.
		// Storing the feed item now would keep it feed-only for good.
		return
	}
	if errors.Is(err, fetch.ErrRobots) || errors.Is(err, fetch.ErrBlocked) {
		// Not ours to read: no article, not even from the feed.
		st.add(func(s *Stats) { s.Skipped++ })
		r.event(res.Event(src.Name, it.URL, news.Skipped, err))
		log.Info("article skipped", "url", it.URL, "err", err)
		return
	}
	art := news.Article{
		URL: it.Canonical, Source: src.Name, Outlet: src.Outlet,
		Title: it.Title, Byline: it.Author, Summary: it.Summary,
		PublishedAt: it.Published, FetchedAt: c.now(), Kind: extract.KindNews,
	}
	outcome := news.Stored
	if err != nil {
		if fetch.Skip(err) { // not HTML: a PDF, an image
			st.add(func(s *Stats) { s.Skipped++ })
			log.Info("article page is not HTML: keeping the feed item", "url", it.URL, "err", err)
		} else {
			st.add(func(s *Stats) { s.Failed++ })
			log.Warn("article page failed: keeping the feed item", "url", it.URL, "err", err)
		}
		outcome = news.Failed
		if fetch.Skip(err) {
			outcome = news.Skipped
		}
		r.event(res.Event(src.Name, it.URL, outcome, err))
		c.keep(ctx, r, src, feedOnly(art), st, log, nil)
		return
	}
	st.add(func(s *Stats) {
		s.Fetched++
		if res.CharsetMismatch {
			s.CharsetMismatch++
		}
	})
	ev := res.Event(src.Name, it.URL, news.Stored, nil)

	ex := c.Extract
	if ex == nil {
		ex = extract.Extract
	}
	page, err := ex(res.Body, res.URL)
	if err != nil || page.Empty {
		reason := page.Reason
		if err != nil {
			reason = err.Error()
		}
		log.Info("no article body on the page: keeping the feed item", "url", it.URL, "reason", reason)
		ev.Error = "no body: " + reason
		// The page's metadata still fills what the feed left out.
		art.Lang = page.Lang
		if art.Title == "" {
			art.Title = page.Title
		}
		if art.Byline == "" {
			art.Byline = page.Byline
		}
		if art.PublishedAt.IsZero() {
			art.PublishedAt = page.PublishedAt
		}
		art = feedOnly(art)
		if page.Reason == "paywall" && len(page.Text) > len(art.Text) {
			// The teaser the page shows is more of the article than the
			// feed's summary; it is still only the teaser (feed_only).
			art.Text = page.Text
		}
		c.keep(ctx, r, src, art, st, log, &ev)
		return
	}

	// The page may name its own canonical URL, or have been reached by a
	// redirect: the identity is the page's, so check it again.
	if page.CanonicalURL != "" {
		if canon, err := dedup.Canonical(page.CanonicalURL); err == nil && canon != it.Canonical {
			claimed := r.claim(canon)
			var known map[string]bool
			if claimed {
				var kerr error
				if known, kerr = c.Store.KnownURLs(ctx, []string{canon}); kerr != nil {
					log.Warn("cannot look up known URL", "url", canon, "err", kerr)
				}
			}
			if !claimed || known[canon] {
				st.add(func(s *Stats) { s.Duplicate++ })
				ev.Outcome = news.Duplicate
				r.event(ev)
				return
			}
			art.URL = canon
		}
	}
	if page.Title != "" {
		art.Title = page.Title
	}
	if page.Byline != "" {
		art.Byline = page.Byline
	}
	if art.PublishedAt.IsZero() {
		art.PublishedAt = page.PublishedAt
	}
	art.Text, art.Lang, art.Kind = page.Text, page.Lang, page.Kind
	if art.Summary == "" { // listing pages give no summary: the page's standfirst stands in
		art.Summary = page.Summary
	}
	c.keep(ctx, r, src, art, st, log, &ev)
}

// feedOnly turns the feed's own title and summary into the article.
func feedOnly(a news.Article) news.Article {
	a.FeedOnly = true
	a.Text = a.Summary
	return a
}

// keep applies the relevance filter, assigns the story, tags and queues
// the article for saving. ev is the page fetch's event, completed here.
func (c *Crawler) keep(ctx context.Context, r *run, src news.Source, art news.Article, st *stats, log *slog.Logger, ev *news.CrawlEvent) {
	if art.FeedOnly && art.Title == "" && art.Text == "" {
		// A bare link whose page failed: nothing to store. A failed fetch
		// is counted already; an empty page is counted here.
		if ev != nil {
			st.add(func(s *Stats) { s.Failed++ })
			ev.Outcome = news.Failed
			r.event(*ev)
		}
		return
	}
	if src.Topic == "all" && c.Relevant != nil && !c.Relevant(art) {
		st.add(func(s *Stats) { s.OffTopic++ })
		if ev != nil {
			ev.Outcome = news.OffTopic
			r.event(*ev)
		}
		log.Debug("off-topic", "url", art.URL, "title", art.Title)
		return
	}
	art.Fingerprint = dedup.Fingerprint(art.Text)
	art.StoryID = r.story(art.URL, art.Fingerprint)
	ta := news.TaggedArticle{Article: art}
	if c.Tag != nil {
		ta.Tagging = c.safeTag(art, log)
	}
	if ev != nil {
		r.event(*ev)
	}
	r.save(ctx, ta, st)
}

// safeTag runs the tagger; a panic in a rule must cost one article's tags,
// not the run.
func (c *Crawler) safeTag(a news.Article, log *slog.Logger) (t news.Tagging) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("tagger panicked: article stored untagged", "url", a.URL, "panic", p)
			t = news.Tagging{}
		}
	}()
	return c.Tag(a)
}

// WriteTable prints the summary as an aligned table, one row per source
// and a total.
func (s Summary) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\tfetched\tstored\tfeed_only\tduplicate\tofftopic\tfailed\tnot_modified\tskipped")
	row := func(x Stats) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", x.Source, x.Fetched, x.Stored, x.FeedOnly,
			x.Duplicate, x.OffTopic, x.Failed, x.NotModified, x.Skipped)
	}
	for _, x := range s.Sources {
		row(x)
	}
	if len(s.Sources) > 1 {
		row(s.Total())
	}
	return tw.Flush()
}
