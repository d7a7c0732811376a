-- data_version: has anything a page shows changed since I last looked?
-- Answers: row counts of the tables every figure is computed from and the
-- tag generation in force, in one row. Any write (a crawl, a re-tag, a
-- retag's switch, a crawl-log entry, a source change) changes at least one
-- of them, so the web UI keeps a built digest while they stay the same. A
-- background merge can change a count too; that only costs a rebuild.
-- Counts without a filter are read from part metadata, not rows.
-- Parameters: none.
SELECT
    (SELECT count() FROM articles) AS articles,
    (SELECT count() FROM article_tags) AS article_tags,
    (SELECT count() FROM superseded_taggings) AS superseded_taggings,
    (SELECT count() FROM superseded_articles) AS superseded_articles,
    (SELECT count() FROM crawl_log) AS crawl_log,
    (SELECT count() FROM sources) AS sources,
    (SELECT max(generation) FROM generation_in_force) AS generation
