package storage

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/framewatch/framewatch/news"
)

var articleColumns = []string{"url", "source", "outlet", "title", "byline", "text", "summary", "lang", "kind",
	"published_at", "date_source", "fetched_at", "story_id", "fingerprint", "feed_only", "word_count", "version"}

// SaveArticles stores articles and, for each one tagged (Ruleset != ""), its
// tagging in the generation in force. Re-saving a URL replaces the article
// and its tagging: the earlier versions are listed in superseded_articles and
// superseded_taggings, which the current_* views leave out (see
// docs/schema.md).
func (s *Store) SaveArticles(ctx context.Context, arts []news.TaggedArticle) error {
	if len(arts) == 0 {
		return nil
	}
	now := time.Now().UTC()
	w := &write{Op: opArticles, Articles: lastPerURL(arts), At: now, Version: nextVersion(now)}
	if err := s.apply(ctx, w); err != nil {
		return fmt.Errorf("saving %d articles: %w", len(w.Articles), err)
	}
	return nil
}

// planArticles reads the versions the write replaces and the generation in
// force, and returns the write's inserts: the articles (token: their
// version), the versions they supersede, then their taggings.
func (s *Store) planArticles(ctx context.Context, w *write) ([]insert, error) {
	arts, v, now := w.Articles, w.Version, w.At
	urls := make([]string, len(arts))
	for i, a := range arts {
		urls[i] = a.URL
	}
	prev, err := s.keyVersions(ctx, "SELECT url, version FROM articles WHERE url IN ", urls)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(arts))
	for _, a := range arts {
		rows = append(rows, articleRow(a.Article, v))
	}
	out := []insert{{Table: "articles", Columns: articleColumns, Rows: rows, TokenColumn: "version", Token: v}}
	if sup := supersededRows(prev, urls, v, now); len(sup) > 0 {
		out = append(out, insert{Table: "superseded_articles", Columns: []string{"url", "version", "superseded_at"}, Rows: sup})
	}
	gen, err := s.GenerationInForce(ctx)
	if err != nil {
		return nil, err
	}
	tags, err := s.planTags(ctx, arts, gen, v, now, true)
	if err != nil {
		return nil, err
	}
	return append(out, tags...), nil
}

// supersededRows lists, for each of urls, every stored version but the
// newest of those and v: what the write replaces. When the write is itself
// older than what is stored (a spooled write replayed after a newer
// re-crawl), v is the one listed.
func supersededRows(prev []keyVersion, urls []string, v uint64, now time.Time) [][]any {
	newest := make(map[string]uint64, len(urls))
	for _, u := range urls {
		newest[u] = v
	}
	for _, p := range prev {
		newest[p.url] = max(newest[p.url], p.version)
	}
	seen := map[keyVersion]bool{}
	var rows [][]any
	add := func(k keyVersion) {
		if k.version != newest[k.url] && !seen[k] {
			seen[k] = true
			rows = append(rows, []any{k.url, k.version, now})
		}
	}
	for _, p := range prev {
		add(p)
	}
	for _, u := range urls {
		add(keyVersion{u, v})
	}
	return rows
}

// SaveTagging stores a new tagging of already stored articles in the
// generation in force (a retag of a few articles). The article rows are left
// alone; the new tag rows replace the old ones in the current_* views.
func (s *Store) SaveTagging(ctx context.Context, arts []news.TaggedArticle) error {
	now := time.Now().UTC()
	w := &write{Op: opTagging, Articles: lastPerURL(arts), At: now, Version: nextVersion(now)}
	if err := s.apply(ctx, w); err != nil {
		return fmt.Errorf("saving tagging of %d articles: %w", len(w.Articles), err)
	}
	return nil
}

// keyVersion is one stored (url, version) pair.
type keyVersion struct {
	url     string
	version uint64
}

// keyVersions runs prefix + an IN list of urls, 1000 at a time; the query
// returns (url, version) rows.
func (s *Store) keyVersions(ctx context.Context, prefix string, urls []string) ([]keyVersion, error) {
	var out []keyVersion
	for len(urls) > 0 {
		n := min(len(urls), 1000)
		rows, err := s.b.Query(ctx, prefix+inList(urls[:n]))
		if err != nil {
			return nil, err
		}
		for _, r := range rows.Data {
			out = append(out, keyVersion{r[0].(string), r[1].(uint64)})
		}
		urls = urls[n:]
	}
	return out, nil
}

// lastPerURL keeps the last occurrence of each URL: rows of one call share
// a version, so ReplacingMergeTree could not tell two copies apart.
func lastPerURL(arts []news.TaggedArticle) []news.TaggedArticle {
	last := make(map[string]int, len(arts))
	for i, a := range arts {
		last[a.URL] = i
	}
	if len(last) == len(arts) {
		return arts
	}
	out := make([]news.TaggedArticle, 0, len(last))
	for i, a := range arts {
		if last[a.URL] == i {
			out = append(out, a)
		}
	}
	return out
}

func articleRow(a news.Article, v uint64) []any {
	pub, dateSource := a.PublishedAt, "feed"
	if pub.IsZero() {
		pub, dateSource = a.FetchedAt, "fetched"
	}
	return []any{a.URL, a.Source, a.Outlet, a.Title, a.Byline, a.Text, a.Summary, a.Lang, a.Kind,
		dtime(pub), dateSource, dtime(a.FetchedAt), a.StoryID, a.Fingerprint, boolU8(a.FeedOnly),
		uint32(wordCount(a.Text)), v}
}

var (
	matchColumns = []string{"url", "published_at", "source", "outlet", "story_id", "ruleset", "tag_version",
		"rule", "kind", "category", "severity", "text", "sentence", "start_offset", "end_offset",
		"in_quote", "voice", "location", "suggest", "message", "generation"}
	frameColumns = []string{"url", "published_at", "source", "outlet", "story_id", "ruleset", "tag_version",
		"frame", "score", "fired", "strong", "evidence", "generation"}
	entityColumns = []string{"url", "published_at", "source", "outlet", "story_id", "ruleset", "tag_version",
		"name", "type", "mentions", "generation"}
	quoteColumns = []string{"url", "tag_version", "location", "start_offset", "end_offset", "voice", "cue",
		"speaker", "unbalanced", "generation", "role", "kind", "words"}
	// quotesByTimeColumns: quotes_by_time, the quote rows with their
	// article's date, source, outlet and story (migration 011).
	quotesByTimeColumns = []string{"generation", "url", "tag_version", "published_at", "source", "outlet", "story_id",
		"location", "start_offset", "end_offset", "voice", "cue", "speaker", "unbalanced", "role", "kind", "words"}
	taggingColumns = []string{"generation", "url", "ruleset", "tag_version", "tagged_at", "matches", "frames_fired"}
	// taggingsByTimeColumns: taggings_by_time, the taggings rows with their
	// article's date, source, outlet and story (migration 011).
	taggingsByTimeColumns = append(append([]string(nil), taggingColumns...), "published_at", "source", "outlet", "story_id")
)

// retagChunkRows is the most rows of one INSERT of a retag batch (saveTags):
// a batch of 2,000 articles is then one part per table (36,000 quote rows
// in the 1M store) instead of up to four of chunkRows, and the engine merges
// fewer, larger parts while the retag writes. saveTags neither retries nor
// spools, so the chunk is not what a replay skips by.
const retagChunkRows = 50000

// saveTags writes the tag rows of arts into generation gen at once (see
// planTags), without retries or the spool: a retag resumes instead.
func (s *Store) saveTags(ctx context.Context, arts []news.TaggedArticle, gen, tv uint64, now time.Time, supersede bool) error {
	inserts, err := s.planTags(ctx, arts, gen, tv, now, supersede)
	if err != nil {
		return fmt.Errorf("saving tagging of %d articles: %w", len(arts), err)
	}
	for _, in := range inserts {
		in.Chunk = retagChunkRows
		if err := s.insert(ctx, in, false); err != nil {
			return fmt.Errorf("saving tagging of %d articles: %w", len(arts), err)
		}
	}
	return nil
}

// planTags builds the tag rows of every tagged article in generation gen,
// all with tag version tv (also their token): the taggings row last, so
// that an interrupted write can be told apart (see DropOrphans). With
// supersede, the taggings these articles had in gen are listed in
// superseded_taggings afterwards (all but the newest, as for articles).
func (s *Store) planTags(ctx context.Context, arts []news.TaggedArticle, gen, tv uint64, now time.Time, supersede bool) ([]insert, error) {
	var tags, tagsByTime, matches, frames, entities, quotes, quotesByTime [][]any
	var urls []string
	for _, a := range arts {
		if a.Ruleset == "" {
			continue
		}
		urls = append(urls, a.URL)
		pub := dtime(a.PublishedAt)
		if a.PublishedAt.IsZero() {
			pub = dtime(a.FetchedAt)
		}
		var fired []string
		for _, f := range a.Frames {
			if f.Fired {
				fired = append(fired, f.Frame)
			}
			frames = append(frames, []any{a.URL, pub, a.Source, a.Outlet, a.StoryID, a.Ruleset, tv,
				f.Frame, f.Score, boolU8(f.Fired), boolU8(f.Strong), strs(f.Evidence), gen})
		}
		for _, m := range a.Matches {
			matches = append(matches, []any{a.URL, pub, a.Source, a.Outlet, a.StoryID, a.Ruleset, tv,
				m.Rule, m.Kind, m.Category, m.Severity, m.Text, m.Sentence, u32(m.Start), u32(m.End),
				boolU8(m.InQuote), m.Voice, m.Location, strs(m.Suggest), m.Message, gen})
		}
		for _, e := range a.Entities {
			entities = append(entities, []any{a.URL, pub, a.Source, a.Outlet, a.StoryID, a.Ruleset, tv,
				e.Name, e.Type, u32(e.Count), gen})
		}
		for _, q := range a.Quotes {
			quotes = append(quotes, []any{a.URL, tv, q.Location, u32(q.Start), u32(q.End), q.Voice, q.Cue,
				q.Speaker, boolU8(q.Unbalanced), gen, q.Role, q.Kind, u32(q.Words)})
			quotesByTime = append(quotesByTime, []any{gen, a.URL, tv, pub, a.Source, a.Outlet, a.StoryID,
				q.Location, u32(q.Start), u32(q.End), q.Voice, q.Cue, q.Speaker, boolU8(q.Unbalanced),
				q.Role, q.Kind, u32(q.Words)})
		}
		tags = append(tags, []any{gen, a.URL, a.Ruleset, tv, now, uint32(len(a.Matches)), strs(fired)})
		tagsByTime = append(tagsByTime, append(append([]any(nil), tags[len(tags)-1]...), pub, a.Source, a.Outlet, a.StoryID))
	}
	if len(tags) == 0 {
		return nil, nil
	}
	var prev []keyVersion
	if supersede {
		var err error
		prev, err = s.keyVersions(ctx, "SELECT url, tag_version FROM taggings WHERE generation = "+
			strconv.FormatUint(gen, 10)+" AND url IN ", urls)
		if err != nil {
			return nil, err
		}
	}
	var out []insert
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"matches", matchColumns, matches},
		{"frames", frameColumns, frames},
		{"entities", entityColumns, entities},
		{"quotes", quoteColumns, quotes},
		{"quotes_by_time", quotesByTimeColumns, quotesByTime},
		{"taggings_by_time", taggingsByTimeColumns, tagsByTime},
		{"taggings", taggingColumns, tags},
	} {
		if len(t.rows) == 0 {
			continue
		}
		out = append(out, insert{Table: t.table, Columns: t.cols, Rows: t.rows, TokenColumn: "tag_version", Token: tv})
	}
	if !supersede {
		return out, nil
	}
	sup := supersededRows(prev, urls, tv, now)
	for i := range sup { // (url, tag_version, generation, superseded_at)
		sup[i] = append(sup[i][:2:2], gen, now)
	}
	if len(sup) > 0 {
		out = append(out, insert{Table: "superseded_taggings", Columns: []string{"url", "tag_version", "generation", "superseded_at"}, Rows: sup})
	}
	return out, nil
}

// currentArticleSelect reads the newest version of each url; the caller
// adds WHERE, GROUP BY url, HAVING and ORDER BY. argMax rather than FINAL:
// it is correct before merges on every engine and needs no merge-time read.
const currentArticleSelect = `SELECT url,
    argMax(source, version), argMax(outlet, version), argMax(title, version), argMax(byline, version),
    argMax(text, version), argMax(summary, version), argMax(lang, version), argMax(kind, version),
    argMax(published_at, version), argMax(fetched_at, version), argMax(story_id, version),
    argMax(fingerprint, version), argMax(feed_only, version)
FROM articles`

// ScanArticles calls fn with the current version of every article published
// at or after since (zero: all), batch articles at a time in url order.
// Memory stays bounded by batch on both sides: each page first finds the
// next batch urls through the primary key, then aggregates only that range.
func (s *Store) ScanArticles(ctx context.Context, since time.Time, batch int, fn func([]news.Article) error) error {
	return s.ScanArticlesAfter(ctx, since, "", batch, fn)
}

// ScanArticlesAfter is ScanArticles starting after url after (a resumed
// scan).
func (s *Store) ScanArticlesAfter(ctx context.Context, since time.Time, after string, batch int, fn func([]news.Article) error) error {
	if batch <= 0 {
		batch = 1000
	}
	sinceP := map[string]string{"since": sinceParam(since)}
	for {
		p := map[string]string{"after": after, "since": sinceP["since"], "n": strconv.Itoa(batch)}
		// Raw rows, duplicates included: at most batch distinct urls, and
		// a top-N sort needs memory for batch rows only.
		page, err := s.Query(ctx, `SELECT url FROM articles
WHERE url > {after:String} AND published_at >= {since:DateTime}
ORDER BY url LIMIT {n:UInt32}`, p)
		if err != nil {
			return fmt.Errorf("scanning articles after %q: %w", after, err)
		}
		if len(page.Data) == 0 {
			return nil
		}
		p["hi"] = page.Data[len(page.Data)-1][0].(string)
		rows, err := s.Query(ctx, currentArticleSelect+`
WHERE url > {after:String} AND url <= {hi:String}
GROUP BY url
HAVING argMax(published_at, version) >= {since:DateTime}
ORDER BY url`, p)
		if err != nil {
			return fmt.Errorf("scanning articles after %q: %w", after, err)
		}
		if len(rows.Data) > 0 {
			arts := make([]news.Article, len(rows.Data))
			for i, r := range rows.Data {
				arts[i] = decodeArticle(r)
			}
			if err := fn(arts); err != nil {
				return err
			}
		}
		after = p["hi"]
	}
}

// Article returns the current version of one article, or false.
func (s *Store) Article(ctx context.Context, url string) (news.Article, bool, error) {
	rows, err := s.Query(ctx, currentArticleSelect+" WHERE url = {url:String} GROUP BY url", map[string]string{"url": url})
	if err != nil || len(rows.Data) == 0 {
		return news.Article{}, false, err
	}
	return decodeArticle(rows.Data[0]), true, nil
}

// ArticlesByURL returns the current version of each of urls that is stored,
// in url order.
func (s *Store) ArticlesByURL(ctx context.Context, urls []string) ([]news.Article, error) {
	var out []news.Article
	for len(urls) > 0 {
		n := min(len(urls), 1000)
		rows, err := s.b.Query(ctx, currentArticleSelect+" WHERE url IN "+inList(urls[:n])+" GROUP BY url ORDER BY url")
		if err != nil {
			return nil, fmt.Errorf("reading articles: %w", err)
		}
		for _, r := range rows.Data {
			out = append(out, decodeArticle(r))
		}
		urls = urls[n:]
	}
	return out, nil
}

func decodeArticle(r []any) news.Article {
	return news.Article{
		URL: r[0].(string), Source: r[1].(string), Outlet: r[2].(string), Title: r[3].(string),
		Byline: r[4].(string), Text: r[5].(string), Summary: r[6].(string), Lang: r[7].(string),
		Kind: r[8].(string), PublishedAt: r[9].(time.Time), FetchedAt: r[10].(time.Time),
		StoryID: r[11].(string), Fingerprint: r[12].(uint64), FeedOnly: r[13].(int64) != 0,
	}
}

// CountArticles counts current articles published at or after since.
func (s *Store) CountArticles(ctx context.Context, since time.Time) (int, error) {
	rows, err := s.Query(ctx, `SELECT count() FROM (
    SELECT url FROM articles GROUP BY url
    HAVING argMax(published_at, version) >= {since:DateTime})`,
		map[string]string{"since": sinceParam(since)})
	if err != nil {
		return 0, fmt.Errorf("counting articles: %w", err)
	}
	return int(rows.Data[0][0].(uint64)), nil
}

func sinceParam(t time.Time) string {
	if t.IsZero() || t.Before(time.Unix(0, 0)) {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// lastVersion makes versions strictly increasing within the process, so
// two saves in the same clock tick still order.
var lastVersion atomic.Uint64

func nextVersion(t time.Time) uint64 {
	v := uint64(t.UnixNano())
	for {
		last := lastVersion.Load()
		if v <= last {
			v = last + 1
		}
		if lastVersion.CompareAndSwap(last, v) {
			return v
		}
	}
}

// dtime clamps t to what DateTime holds (1970..2105) and drops the zone:
// DateTime('UTC') columns take the instant.
func dtime(t time.Time) time.Time {
	if t.Before(time.Unix(0, 0)) {
		return time.Unix(0, 0).UTC()
	}
	if max := time.Unix(4294967295, 0); t.After(max) {
		return max.UTC()
	}
	return t.UTC()
}

func boolU8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func u32(n int) uint32 {
	if n < 0 {
		return 0
	}
	return uint32(n)
}

// strs makes nil slices empty: both drivers want a value for Array columns.
func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
