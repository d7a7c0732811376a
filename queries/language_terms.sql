-- language_terms: which flagged terms did journalists use in their own voice?
-- Answers: per language rule, distinct stories and uses in the journalist's
-- own voice (in_quote = 0 and not an opinion author's self-description,
-- voice 'author', domain rule G5) and, separately, in quoted speech
-- (in_quote = 1), with the most common form as written, the rule's message
-- and its suggested alternatives (newest tagging wins). Low-severity rules
-- are suggestions only and are left out unless {include_low} = 1.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {include_low:UInt8}    1 to include low-severity rules (digest: 0)
--   {limit:UInt64}         rows to return (digest: 15)
SELECT
    rule,
    category,
    severity,
    topK(1)(lowerUTF8(text))[1] AS term,
    uniqExactIf(story_key, journalist_voice = 1) AS journalist_stories,
    countIf(journalist_voice = 1) AS journalist_uses,
    uniqExactIf(story_key, quoted = 1) AS quoted_stories,
    countIf(quoted = 1) AS quoted_uses,
    argMax(message, tag_version) AS message,
    argMax(suggest, tag_version) AS suggest
FROM current_matches
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
  AND (severity != 'low' OR {include_low:UInt8} = 1)
  AND usage = 1
GROUP BY rule, category, severity
ORDER BY journalist_stories DESC, journalist_uses DESC, quoted_stories DESC, rule
LIMIT {limit:UInt64}
