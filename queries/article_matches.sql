-- article_matches: where did the rules fire in one article?
-- Answers: every current language match of the article, in reading order
-- (headline first), with its offsets, voice and advice. The (rule,
-- published_at) pairs of the article's match rows (article_rules, every
-- tagging) say where in matches, sorted by rule and date, its rows are.
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT rule, category, severity, text, start_offset, end_offset, in_quote, voice, location,
       sentence, message, suggest, ruleset
FROM current_matches
WHERE url = {url:String}
  AND (rule, published_at) IN (SELECT rule, published_at FROM article_rules WHERE url = {url:String})
ORDER BY location != 'headline', start_offset, rule
