-- article_matches: where did the rules fire in one article?
-- Answers: every current language match of the article, in reading order
-- (headline first), with its offsets, voice and advice.
-- matches is sorted by (rule, published_at): the (rule, published_at) pairs
-- of the article's match rows (article_rules, sorted by url) say which
-- granules hold them. It reads the table with current_matches' own filter
-- (the generation in force, no superseded tagging) written out, because
-- ClickHouse 18.16 pushes no IN (subquery) into a view, which would then
-- read every match row.
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT rule, category, severity, text, start_offset, end_offset, in_quote, voice, location,
       sentence, message, suggest, ruleset
FROM matches
WHERE url = {url:String}
  AND (rule, published_at) IN (SELECT rule, published_at FROM article_rules WHERE url = {url:String})
  AND generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings)
ORDER BY location != 'headline', start_offset, rule
