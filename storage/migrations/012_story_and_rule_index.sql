-- framewatch schema, version 12: two small indexes kept by materialized
-- views, for reads that know a story or an article and nothing sorted by it.
--
-- * story_articles: every article row's story key, url and published_at,
--   sorted by story. examples looks for a page among the newest week's
--   stories and must still see all their copies in the period; the copies'
--   earliest published_at, read here, bounds how far back it reads matches
--   (a few days instead of the year). The article page lists a story's
--   copies from it by url instead of scanning every article's story_id.
-- * article_rules: which rules have match rows for each url, and their
--   published_at, sorted by url. matches is sorted by (rule, published_at),
--   so one article's matches are found by reading, per (rule, published_at)
--   listed here, a granule or two instead of every granule of the table.
--
-- Both only ever grow (nothing is deleted when a re-crawl or a retag
-- replaces rows): a row that is no longer current only widens a look-up,
-- and every query still reads current_* for what it shows, so figures
-- are the same before and after merges. ReplacingMergeTree folds repeated
-- writes of one row (a re-crawl, a retag) when parts merge.
--
-- Articles are written before their tag rows in every write (SaveArticles,
-- retag, carry-over reads stored articles), so every match row's story key
-- and published_at is already in story_articles when the row is.
--
-- The backfills run before the views exist and only into empty tables, so
-- running this file again after an interruption copies nothing twice.

CREATE TABLE IF NOT EXISTS story_articles (
    story_key    String,              -- if(story_id = '', url, story_id), as in the current_* views
    url          String,
    published_at DateTime('UTC')
) ENGINE = ReplacingMergeTree
ORDER BY (story_key, url, published_at);

INSERT INTO story_articles (story_key, url, published_at)
SELECT if(story_id = '', url, story_id), url, published_at
FROM articles
WHERE (SELECT count() FROM story_articles) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS story_articles_mv TO story_articles AS
SELECT if(story_id = '', url, story_id) AS story_key, url, published_at
FROM articles;

CREATE TABLE IF NOT EXISTS article_rules (
    url          String,
    rule         String,
    published_at DateTime('UTC')      -- of the match rows (the article's, when it was tagged)
) ENGINE = ReplacingMergeTree
ORDER BY (url, rule, published_at);

INSERT INTO article_rules (url, rule, published_at)
SELECT url, rule, published_at
FROM matches
WHERE (SELECT count() FROM article_rules) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS article_rules_mv TO article_rules AS
SELECT url, rule, published_at
FROM matches
GROUP BY url, rule, published_at;
