-- language_by_outlet: which flagged terms did each outlet use?
-- Answers: per outlet and rule, distinct stories with the term in the
-- journalist's own voice (in_quote = 0, voice not 'author') and in quoted
-- speech, the {per_outlet} most frequent own-voice rules per outlet.
-- Low-severity rules are left out unless {include_low} = 1.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {include_low:UInt8}    1 to include low-severity rules (digest: 0)
--   {per_outlet:UInt64}    rules per outlet (digest: 5)
SELECT
    outlet,
    rule,
    topK(1)(lowerUTF8(text))[1] AS term,
    uniqExactIf(story_key, journalist_voice = 1) AS journalist_stories,
    uniqExactIf(story_key, quoted = 1) AS quoted_stories
FROM current_matches
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
  AND (severity != 'low' OR {include_low:UInt8} = 1)
  AND usage = 1
GROUP BY outlet, rule
HAVING journalist_stories > 0
ORDER BY outlet, journalist_stories DESC, quoted_stories DESC, rule
LIMIT {per_outlet:UInt64} BY outlet
