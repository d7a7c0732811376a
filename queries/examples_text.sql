-- examples_text: what do the matches of a page of examples say, and where?
-- Answers: for the matches named by {rules}, {times} and {urls} (the i-th
-- of each names one: rule, published_at, url; examples gives them), their
-- sentence, advice and position, with the article's headline and text (for
-- the sentences around each match). One row per url, location,
-- start_offset and rule; report/examples keeps the page's and puts them in
-- its order. matches is sorted by (rule, published_at, url), so the page's
-- rows are read by their keys, a granule or so each, and the articles by
-- url; current_matches' and current_articles' filters are written out
-- because ClickHouse 18.16 pushes no IN (subquery) into a view (it would
-- read the year for them). The tuples are built from arrays (18.16 takes
-- no array on the right of IN).
-- Parameters:
--   {rules:Array(String)}  rule of each match
--   {times:Array(DateTime)} published_at of each match (UTC)
--   {urls:Array(String)}   url of each match (a JSON array: URLs may hold commas)
SELECT
    url, story_key AS story_id, outlet, published_at, rule, category, severity, text AS matched, sentence,
    start_offset, end_offset, in_quote, voice, location, message, suggest, title, article_text
FROM
(
    SELECT url, if(story_id = '', url, story_id) AS story_key, outlet, published_at, rule, category, severity,
           text, sentence, start_offset, end_offset, in_quote, voice, location, message, suggest
    FROM matches
    WHERE (rule, published_at, url) IN
          (SELECT tupleElement(k, 1), tupleElement(k, 2), tupleElement(k, 3)
           FROM (SELECT arrayJoin(arrayMap((r, p, u) -> (r, p, u),
                                           {rules:Array(String)}, {times:Array(DateTime)}, {urls:Array(String)})) AS k))
      AND generation = (SELECT generation FROM generation_in_force)
      AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings)
      AND voice NOT IN ('mention', 'title')
    LIMIT 1 BY url, location, start_offset, rule
) AS m
ANY LEFT JOIN
(
    SELECT url, title, text AS article_text
    FROM articles
    WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles)
      AND url IN (SELECT arrayJoin({urls:Array(String)}))
) AS a USING url
