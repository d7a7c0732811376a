-- data_version: has anything a page shows changed since I last looked?
-- Answers: the newest write version of every table the figures come from,
-- the row counts of the append-only ones and the tag generation in force,
-- in one row. Any write (a crawl, a re-tag, a retag's switch, a crawl-log
-- entry, a source change) changes one of them and no background merge
-- does, so the web UI keeps a built digest while they stay the same.
-- Parameters: none.
SELECT
    (SELECT max(version) FROM articles) AS articles,
    (SELECT max(tag_version) FROM article_tags) AS article_tags,
    (SELECT count() FROM superseded_taggings) AS superseded_taggings,
    (SELECT count() FROM superseded_articles) AS superseded_articles,
    (SELECT count() FROM crawl_log) AS crawl_log,
    (SELECT max(version) FROM sources) AS sources,
    (SELECT max(version) FROM tag_generations) AS generations,
    (SELECT max(generation) FROM generation_in_force) AS generation
