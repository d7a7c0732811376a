-- language_terms_weekly: which flagged terms did journalists use in their own voice in each of several periods?
-- Answers: per period, what language_terms answers for it (per language
-- rule, distinct stories and uses in the journalist's own voice and in
-- quoted speech, the most common form, the message and suggestions), the
-- first {limit} rules of each period. Period i (1, 2, …) is [bounds[i],
-- bounds[i+1]). One query for the digest's week and its baseline weeks.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
--   {include_low:UInt8}       1 to include low-severity rules (digest: 0)
--   {limit:UInt64}            rows to return per period (digest: 1000)
SELECT
    arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
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
WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
  AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
  AND (severity != 'low' OR {include_low:UInt8} = 1)
  AND usage = 1
GROUP BY period, rule, category, severity
ORDER BY period, journalist_stories DESC, journalist_uses DESC, quoted_stories DESC, rule
LIMIT {limit:UInt64} BY period
