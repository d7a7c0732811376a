package app

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/framewatch/framewatch/news"
)

// RetagOptions choose what Retag re-tags.
type RetagOptions struct {
	Since    time.Time       // only articles published since; zero: all
	Batch    int             // articles per batch; 0 means 500
	Started  func(total int) // called once the total is known (optional)
	Progress func(done int)  // called after each batch with its size (optional)
}

// RetagResult is what a retag did.
type RetagResult struct {
	Done, Total int
	Ruleset     string
}

// Retag re-applies the rules in force to stored articles, replacing their
// earlier matches, frames and entities, in batches so memory stays bounded.
// When it stops early the batches done are stored and err says how far it got.
func (a *App) Retag(ctx context.Context, opt RetagOptions) (RetagResult, error) {
	eng, err := a.Tagger(true)
	if err != nil {
		return RetagResult{}, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return RetagResult{}, err
	}
	// One retag per deployment: a second is refused, naming the first.
	release, err := st.AcquireJob(ctx, JobRetag, JobOwner(), JobLease)
	if err != nil {
		return RetagResult{}, err
	}
	defer release()
	res := RetagResult{Ruleset: eng.Ruleset()}
	if res.Total, err = st.CountArticles(ctx, opt.Since); err != nil {
		return res, err
	}
	if opt.Started != nil {
		opt.Started(res.Total)
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = 500
	}
	err = st.ScanArticles(ctx, opt.Since, batch, func(arts []news.Article) error {
		if err := st.SaveTagging(ctx, TagAll(arts, eng.Tag)); err != nil {
			return err
		}
		res.Done += len(arts)
		if opt.Progress != nil {
			opt.Progress(len(arts))
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("retag stopped after %d of %d articles (their new tags are stored; run again to finish): %w", res.Done, res.Total, err)
	}
	return res, nil
}

// TagAll tags a batch on every core; each article's tagging is independent.
func TagAll(arts []news.Article, tag func(news.Article) news.Tagging) []news.TaggedArticle {
	out := make([]news.TaggedArticle, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = news.TaggedArticle{Article: arts[i], Tagging: tag(arts[i])}
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
