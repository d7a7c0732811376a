-- rulesets: which rule files tagged the period's articles?
-- Answers: per ruleset version (a hash of the rule files in force), the
-- number of the period's articles whose current tagging used it, and when
-- those taggings were made. Several rows mean the period was tagged under
-- different rules: figures mix them until `framewatch retag` is run.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT ruleset, count() AS articles, min(tagged_at) AS first_tagged, max(tagged_at) AS last_tagged
FROM current_taggings_by_time
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
GROUP BY ruleset
ORDER BY articles DESC, ruleset
