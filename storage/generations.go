package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/framewatch/framewatch/news"
)

// Generation is one tagging of the archive under one ruleset. Every tag row
// belongs to a generation; the current_* views show the generation in force.
// A retag builds the next generation beside it and switches at the end, so
// the figures move from one ruleset to the next at once.
type Generation struct {
	Number    uint64
	Ruleset   string
	State     string    // building, in_force or abandoned
	Since     time.Time // articles published before it are copied, not retagged (zero: none)
	StartedAt time.Time
}

// Generation states.
const (
	GenBuilding  = "building"
	GenInForce   = "in_force"
	GenAbandoned = "abandoned"
)

// GenerationInForce returns the number of the generation the current_*
// views show.
func (s *Store) GenerationInForce(ctx context.Context) (uint64, error) {
	rows, err := s.b.Query(ctx, "SELECT generation FROM generation_in_force")
	if err != nil {
		return 0, fmt.Errorf("reading the generation in force: %w", err)
	}
	if len(rows.Data) == 0 {
		return 0, nil
	}
	return rows.Data[0][0].(uint64), nil
}

// Generations returns every generation, newest state of each, oldest first.
func (s *Store) Generations(ctx context.Context) ([]Generation, error) {
	rows, err := s.b.Query(ctx, `SELECT generation, argMax(ruleset, version), argMax(state, version),
    argMax(scope_since, version), argMax(started_at, version)
FROM tag_generations GROUP BY generation ORDER BY generation`)
	if err != nil {
		return nil, fmt.Errorf("reading tag generations: %w", err)
	}
	out := make([]Generation, len(rows.Data))
	for i, r := range rows.Data {
		out[i] = Generation{Number: r[0].(uint64), Ruleset: r[1].(string), State: r[2].(string),
			Since: r[3].(time.Time), StartedAt: r[4].(time.Time)}
		if out[i].Since.Unix() <= 0 {
			out[i].Since = time.Time{}
		}
	}
	return out, nil
}

func (s *Store) setGeneration(ctx context.Context, g Generation) error {
	now := time.Now().UTC()
	return s.b.Insert(ctx, "tag_generations",
		[]string{"generation", "ruleset", "state", "scope_since", "started_at", "updated_at", "version"},
		[][]any{{g.Number, g.Ruleset, g.State, dtime(g.Since), dtime(g.StartedAt), now, nextVersion(now)}})
}

// BeginGeneration returns the generation a retag with ruleset over articles
// published since since should write: an unfinished one with the same
// ruleset and scope (resume is then true), else a new one after every
// existing generation. Other unfinished generations are abandoned.
func (s *Store) BeginGeneration(ctx context.Context, ruleset string, since time.Time) (g Generation, resume bool, err error) {
	gens, err := s.Generations(ctx)
	if err != nil {
		return Generation{}, false, err
	}
	var next uint64 = 1
	for _, x := range gens {
		next = max(next, x.Number+1)
		if x.State != GenBuilding {
			continue
		}
		if x.Ruleset == ruleset && x.Since.Equal(since.UTC().Truncate(time.Second)) && !resume {
			g, resume = x, true
			continue
		}
		x.State = GenAbandoned
		if err := s.setGeneration(ctx, x); err != nil {
			return Generation{}, false, err
		}
	}
	if resume {
		return g, true, nil
	}
	g = Generation{Number: next, Ruleset: ruleset, State: GenBuilding, Since: since.UTC().Truncate(time.Second),
		StartedAt: time.Now().UTC()}
	return g, false, s.setGeneration(ctx, g)
}

// GenerationProgress returns how many articles generation gen holds a
// tagging of, and the greatest of their urls (a retag scans in url order, so
// it resumes after it).
func (s *Store) GenerationProgress(ctx context.Context, gen uint64) (done int, last string, err error) {
	rows, err := s.Query(ctx, "SELECT uniqExact(url), max(url) FROM taggings WHERE generation = {g:UInt64}",
		map[string]string{"g": strconv.FormatUint(gen, 10)})
	if err != nil {
		return 0, "", fmt.Errorf("reading retag progress: %w", err)
	}
	return int(rows.Data[0][0].(uint64)), rows.Data[0][1].(string), nil
}

// DropOrphans hides the rows of gen that an interrupted write left without
// their taggings row (written last): they are listed as superseded, so a
// resumed retag can write those articles again without counting them twice.
func (s *Store) DropOrphans(ctx context.Context, gen uint64) error {
	p := map[string]string{"g": strconv.FormatUint(gen, 10)}
	for _, table := range []string{"matches", "frames", "entities", "quotes", "quotes_by_time", "taggings_by_time"} {
		if err := s.Exec(ctx, `INSERT INTO superseded_taggings (url, tag_version, generation, superseded_at)
SELECT DISTINCT url, tag_version, generation, now() FROM `+table+`
WHERE generation = {g:UInt64}
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM taggings WHERE generation = {g:UInt64})`, p); err != nil {
			return fmt.Errorf("clearing the rows of an interrupted retag from %s: %w", table, err)
		}
	}
	return nil
}

// SaveGenerationBatch writes the taggings of arts into generation gen (a
// retag batch). Entities are not recomputed: each article keeps the ones of
// its tagging in force, since they do not depend on the rules.
func (s *Store) SaveGenerationBatch(ctx context.Context, gen uint64, arts []news.TaggedArticle) error {
	urls := make([]string, len(arts))
	for i, a := range arts {
		urls[i] = a.URL
	}
	ents, err := s.currentEntities(ctx, urls)
	if err != nil {
		return err
	}
	for i := range arts {
		arts[i].Entities = ents[arts[i].URL]
	}
	now := time.Now().UTC()
	return s.saveTags(ctx, arts, gen, nextVersion(now), now, false)
}

func (s *Store) currentEntities(ctx context.Context, urls []string) (map[string][]news.Entity, error) {
	out := map[string][]news.Entity{}
	for len(urls) > 0 {
		n := min(len(urls), 1000)
		rows, err := s.b.Query(ctx, "SELECT url, name, type, mentions FROM current_entities WHERE url IN "+
			inList(urls[:n])+" ORDER BY url, type, name")
		if err != nil {
			return nil, fmt.Errorf("reading stored entities: %w", err)
		}
		for _, r := range rows.Data {
			u := r[0].(string)
			out[u] = append(out[u], news.Entity{Name: r[1].(string), Type: r[2].(string), Count: int(r[3].(int64))})
		}
		urls = urls[n:]
	}
	return out, nil
}

// UntaggedURLs returns the current articles published since since that gen
// holds no tagging of (articles stored while a retag ran), in url order.
func (s *Store) UntaggedURLs(ctx context.Context, gen uint64, since time.Time) ([]string, error) {
	rows, err := s.Query(ctx, `SELECT DISTINCT url FROM current_articles
WHERE published_at >= {since:DateTime}
  AND url NOT IN (SELECT url FROM taggings WHERE generation = {g:UInt64})
ORDER BY url`, map[string]string{"g": strconv.FormatUint(gen, 10), "since": sinceParam(since)})
	if err != nil {
		return nil, fmt.Errorf("finding articles the retag has not reached: %w", err)
	}
	out := make([]string, len(rows.Data))
	for i, r := range rows.Data {
		out[i] = r[0].(string)
	}
	return out, nil
}

// CarryOver copies into gen the tagging in force of every article gen holds
// no tagging of (those outside a retag's --since scope), under a new tag
// version, server-side. The taggings rows go last, as in saveTags.
func (s *Store) CarryOver(ctx context.Context, gen uint64) error {
	tv := nextVersion(time.Now().UTC())
	p := map[string]string{"g": strconv.FormatUint(gen, 10), "tv": strconv.FormatUint(tv, 10)}
	missing := "url NOT IN (SELECT url FROM taggings WHERE generation = {g:UInt64})"
	for _, t := range []struct {
		table string
		cols  []string
	}{
		{"matches", matchColumns}, {"frames", frameColumns}, {"entities", entityColumns},
		{"quotes", quoteColumns}, {"quotes_by_time", quotesByTimeColumns},
		{"taggings_by_time", taggingsByTimeColumns}, {"taggings", taggingColumns},
	} {
		sel := ""
		for i, c := range t.cols {
			if i > 0 {
				sel += ", "
			}
			switch c {
			case "generation":
				sel += "{g:UInt64}"
			case "tag_version":
				sel += "{tv:UInt64}"
			default:
				sel += c
			}
		}
		q := "INSERT INTO " + t.table + " (" + joinCols(t.cols) + ") SELECT " + sel +
			" FROM current_" + t.table + " WHERE " + missing
		if err := s.Exec(ctx, q, p); err != nil {
			return fmt.Errorf("carrying over the tagging in force (%s): %w", t.table, err)
		}
	}
	return nil
}

func joinCols(cols []string) string {
	out := ""
	for i, c := range cols {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// SwitchGeneration puts gen in force: from the next query on, every
// current_* view shows its rows.
func (s *Store) SwitchGeneration(ctx context.Context, gen uint64) error {
	gens, err := s.Generations(ctx)
	if err != nil {
		return err
	}
	for _, g := range gens {
		if g.Number == gen {
			g.State = GenInForce
			return s.setGeneration(ctx, g)
		}
	}
	return fmt.Errorf("no tag generation %d", gen)
}

// PruneGenerations deletes the rows of generations older than keep (a
// background mutation). Figures never depend on it: the views read the
// generation in force only. It frees the space of old rulesets.
func (s *Store) PruneGenerations(ctx context.Context, keep uint64) error {
	p := map[string]string{"g": strconv.FormatUint(keep, 10)}
	for _, table := range []string{"matches", "frames", "entities", "quotes", "quotes_by_time", "taggings_by_time", "taggings", "superseded_taggings", "match_counts"} {
		if err := s.Exec(ctx, "ALTER TABLE "+table+" DELETE WHERE generation < {g:UInt64}", p); err != nil {
			return fmt.Errorf("deleting old generations from %s: %w", table, err)
		}
	}
	return nil
}

// RuleFrameCount is one rule's or frame's count over the articles in force.
type RuleFrameCount struct {
	Kind     string // rule or frame
	ID       string
	Articles int64 // articles with a match of the rule / with the frame fired
	Uses     int64 // uses (current_matches.usage = 1); frames: as Articles
}

// RuleFrameCounts counts, under the generation in force, every rule's and
// frame's articles and uses among the current articles published since
// since (what a retag preview compares against).
func (s *Store) RuleFrameCounts(ctx context.Context, since time.Time) ([]RuleFrameCount, error) {
	p := map[string]string{"since": sinceParam(since)}
	scope := "url IN (SELECT url FROM current_articles WHERE published_at >= {since:DateTime})"
	var out []RuleFrameCount
	for _, q := range []struct{ kind, sql string }{
		{"rule", "SELECT rule, uniqExact(url), count() FROM current_matches WHERE usage = 1 AND " + scope + " GROUP BY rule"},
		{"frame", "SELECT frame, uniqExact(url), uniqExact(url) FROM current_frames WHERE fired = 1 AND " + scope + " GROUP BY frame"},
	} {
		rows, err := s.Query(ctx, q.sql, p)
		if err != nil {
			return nil, fmt.Errorf("counting %ss in force: %w", q.kind, err)
		}
		for _, r := range rows.Data {
			out = append(out, RuleFrameCount{Kind: q.kind, ID: r[0].(string), Articles: int64(r[1].(uint64)), Uses: int64(r[2].(uint64))})
		}
	}
	return out, nil
}
