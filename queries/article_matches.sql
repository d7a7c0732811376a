-- article_matches: where did the rules fire in these articles?
-- Answers: every current language match of each article in {urls}, per
-- article in reading order (headline first), with its offsets, voice and
-- advice: one article's page, or the articles of a handout's examples.
-- matches is sorted by (rule, published_at): the (rule, published_at) pairs
-- of the article's match rows (article_rules, sorted by url) say which
-- granules hold them. It reads the table with current_matches' own filter
-- (the generation in force, no superseded tagging) written out, because
-- ClickHouse 18.16 pushes no IN (subquery) into a view, which would then
-- read every match row.
-- Parameters:
--   {urls:Array(String)}  the articles' canonical URLs
SELECT url, rule, category, severity, text, start_offset, end_offset, in_quote, voice, location,
       sentence, message, suggest, ruleset
FROM matches
WHERE url IN (SELECT arrayJoin({urls:Array(String)}))
  AND (rule, published_at) IN (SELECT rule, published_at FROM article_rules WHERE url IN (SELECT arrayJoin({urls:Array(String)})))
  AND generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings)
ORDER BY url, location != 'headline', start_offset, rule
