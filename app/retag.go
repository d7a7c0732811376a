package app

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/storage"
)

// RetagOptions choose what Retag re-tags.
type RetagOptions struct {
	Since    time.Time       // only articles published since; zero: all
	Batch    int             // articles per batch; 0 means DefaultRetagBatch
	Started  func(total int) // called once the total is known (optional)
	Progress func(done int)  // called after each batch with its size, and once with the work a resumed run finds done (optional)
}

// RetagResult is what a retag did.
type RetagResult struct {
	Done, Total int
	Ruleset     string
	Generation  uint64
	Resumed     bool // an interrupted retag with the same rules and scope was continued
}

// Retag re-applies the rules in force to stored articles. It writes a new
// tag generation beside the one in force, in batches so memory stays
// bounded (reading, tagging on every core and writing overlap: tagStream),
// and switches the figures to it only once every article has its
// new tagging: until then every figure stays on the old ruleset. Articles
// published before Since keep their tagging, copied into the new generation.
// Entities are not recomputed (they do not depend on the rules): each
// article keeps those it has. Interrupted, it leaves the figures untouched;
// run again with the same rules and scope, it continues where it stopped.
func (a *App) Retag(ctx context.Context, opt RetagOptions) (RetagResult, error) {
	eng, err := a.Tagger(false)
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
	gen, resume, err := st.BeginGeneration(ctx, eng.Ruleset(), opt.Since)
	if err != nil {
		return res, err
	}
	res.Generation, res.Resumed = gen.Number, resume
	if res.Total, err = st.CountArticles(ctx, opt.Since); err != nil {
		return res, err
	}
	after := ""
	if resume {
		if err := st.DropOrphans(ctx, gen.Number); err != nil {
			return res, err
		}
		if res.Done, after, err = st.GenerationProgress(ctx, gen.Number); err != nil {
			return res, err
		}
	}
	if opt.Started != nil {
		opt.Started(res.Total)
	}
	progress := func(n int) {
		res.Done += n
		if opt.Progress != nil {
			opt.Progress(n)
		}
	}
	if res.Done > 0 && opt.Progress != nil {
		opt.Progress(res.Done)
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = DefaultRetagBatch
	}
	save := func(tagged []news.TaggedArticle) error {
		if err := st.SaveGenerationBatch(ctx, gen.Number, tagged); err != nil {
			return err
		}
		progress(len(tagged))
		return nil
	}
	stopped := func(err error) (RetagResult, error) {
		return res, fmt.Errorf("retag stopped after %d of %d articles; every figure is still on the rules in force before it. "+
			"Run the same retag again to continue: %w", res.Done, res.Total, err)
	}
	if err := tagStream(ctx, func(fn func([]news.Article) error) error {
		return st.ScanArticlesAfter(ctx, opt.Since, after, batch, fn)
	}, eng.Tag, save); err != nil {
		return stopped(err)
	}
	// Articles stored while the scan ran (a crawl is allowed meanwhile),
	// then the tagging of those outside the scope, then the switch.
	if err := a.retagMissing(ctx, st, gen.Number, opt.Since, batch, eng.Tag, save); err != nil {
		return stopped(err)
	}
	if err := st.CarryOver(ctx, gen.Number); err != nil {
		return stopped(err)
	}
	inForce, err := st.GenerationInForce(ctx)
	if err != nil {
		return stopped(err)
	}
	if err := st.SwitchGeneration(ctx, gen.Number); err != nil {
		return stopped(err)
	}
	// Articles a crawl stored in the old generation between the last check
	// and the switch: the crawler writes into the new one from now on.
	if err := a.retagMissing(ctx, st, gen.Number, opt.Since, batch, eng.Tag, save); err != nil {
		return res, fmt.Errorf("the new rules are in force, but articles stored during the switch were not retagged (run retag again): %w", err)
	}
	if err := st.CarryOver(ctx, gen.Number); err != nil {
		return res, err
	}
	// Keep the generation just replaced (for comparison), free older ones.
	if err := st.PruneGenerations(ctx, inForce); err != nil {
		a.Log.Warn("retag: could not delete the rows of old rulesets (figures are not affected)", "err", err)
	}
	return res, nil
}

// retagMissing tags into gen the articles in scope that gen holds no
// tagging of.
func (a *App) retagMissing(ctx context.Context, st *storage.Store, gen uint64, since time.Time, batch int,
	tag func(news.Article) news.Tagging, save func([]news.TaggedArticle) error) error {
	urls, err := st.UntaggedURLs(ctx, gen, since)
	if err != nil {
		return err
	}
	return tagStream(ctx, func(fn func([]news.Article) error) error {
		for len(urls) > 0 {
			n := min(len(urls), batch)
			arts, err := st.ArticlesByURL(ctx, urls[:n])
			if err != nil {
				return err
			}
			if err := fn(arts); err != nil {
				return err
			}
			urls = urls[n:]
		}
		return nil
	}, tag, save)
}

// DefaultRetagBatch is the articles a retag reads, tags and writes at a
// time: large inserts are cheap per row on both engines, and three batches
// in flight stay well under the memory goal.
const DefaultRetagBatch = 2000

// tagStream tags the batches read yields on every core while the batch
// before is being written and the next one read: reading, tagging and
// writing overlap instead of taking turns. Batches reach save in the order
// read gave them (a resumed retag continues after the greatest url saved),
// and at most three are held at once (one read ahead, one being tagged,
// one being written), so memory is bounded by the batch, not the archive.
// It returns save's first error, else read's.
func tagStream(ctx context.Context, read func(fn func([]news.Article) error) error,
	tag func(news.Article) news.Tagging, save func([]news.TaggedArticle) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	arts := make(chan []news.Article) // unbuffered: the reader is one batch ahead
	tagged := make(chan []news.TaggedArticle)
	readErr := make(chan error, 1)
	go func() {
		defer close(arts)
		readErr <- read(func(b []news.Article) error {
			select {
			case arts <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		defer close(tagged)
		for b := range arts {
			t := TagAll(b, tag)
			select {
			case tagged <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for t := range tagged {
		if err == nil {
			if err = save(t); err != nil {
				cancel() // stop reading and tagging; drain what is in flight
			}
		}
	}
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	return err
}

// PreviewRow is how one rule's or frame's count over the archive would
// change under the new rules.
type PreviewRow struct {
	Kind           string `json:"kind"` // rule or frame
	ID             string `json:"id"`
	ArticlesBefore int64  `json:"articles_before"` // articles with the rule's match / the frame fired
	ArticlesAfter  int64  `json:"articles_after"`
	UsesBefore     int64  `json:"uses_before"` // uses (current_matches.usage); frames: same as articles
	UsesAfter      int64  `json:"uses_after"`
}

// PreviewResult is a retag preview: what would change, and over how much.
type PreviewResult struct {
	Articles int
	Ruleset  string // the rules previewed
	Rows     []PreviewRow
}

// RetagPreview tags the articles in scope with the rules a Retag would
// apply, in memory, and compares each rule's and frame's counts with those
// in force. It writes nothing. Rows are sorted by the size of the change.
func (a *App) RetagPreview(ctx context.Context, opt RetagOptions) (PreviewResult, error) {
	eng, err := a.Tagger(false)
	if err != nil {
		return PreviewResult{}, err
	}
	st, err := a.Store(ctx)
	if err != nil {
		return PreviewResult{}, err
	}
	res := PreviewResult{Ruleset: eng.Ruleset()}
	total, err := st.CountArticles(ctx, opt.Since)
	if err != nil {
		return res, err
	}
	if opt.Started != nil {
		opt.Started(total)
	}
	before, err := st.RuleFrameCounts(ctx, opt.Since)
	if err != nil {
		return res, err
	}
	after := map[[2]string]*storage.RuleFrameCount{}
	add := func(kind, id string, uses int64) {
		k := [2]string{kind, id}
		c := after[k]
		if c == nil {
			c = &storage.RuleFrameCount{Kind: kind, ID: id}
			after[k] = c
		}
		c.Articles++
		c.Uses += uses
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = DefaultRetagBatch
	}
	err = tagStream(ctx, func(fn func([]news.Article) error) error {
		return st.ScanArticles(ctx, opt.Since, batch, fn)
	}, eng.Tag, func(arts []news.TaggedArticle) error {
		for _, t := range arts {
			uses := map[string]int64{}
			for _, m := range t.Matches {
				if m.Voice != tag.VoiceMention && m.Voice != tag.VoiceTitle { // current_matches.usage

					uses[m.Rule]++
				}
			}
			for r, n := range uses {
				add("rule", r, n)
			}
			for _, f := range t.Frames {
				if f.Fired {
					add("frame", f.Frame, 1)
				}
			}
		}
		res.Articles += len(arts)
		if opt.Progress != nil {
			opt.Progress(len(arts))
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	rows := map[[2]string]*PreviewRow{}
	row := func(kind, id string) *PreviewRow {
		k := [2]string{kind, id}
		if rows[k] == nil {
			rows[k] = &PreviewRow{Kind: kind, ID: id}
		}
		return rows[k]
	}
	for _, c := range before {
		r := row(c.Kind, c.ID)
		r.ArticlesBefore, r.UsesBefore = c.Articles, c.Uses
	}
	for _, c := range after {
		r := row(c.Kind, c.ID)
		r.ArticlesAfter, r.UsesAfter = c.Articles, c.Uses
	}
	for _, r := range rows {
		res.Rows = append(res.Rows, *r)
	}
	sort.Slice(res.Rows, func(i, j int) bool {
		x, y := res.Rows[i], res.Rows[j]
		dx, dy := abs(x.ArticlesAfter-x.ArticlesBefore), abs(y.ArticlesAfter-y.ArticlesBefore)
		if dx != dy {
			return dx > dy
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.ID < y.ID
	})
	return res, nil
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
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
