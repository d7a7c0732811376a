-- trend_terms: how often were flagged terms used, week by week?
-- Answers: per week (starting Monday in {tz}), the language matches and the
-- distinct stories with one, filtered by rule, category, outlet and voice
-- ('' or 'any' = all). Low-severity (suggestion-only) rules count only when
-- a rule or category is chosen.
-- Parameters:
--   {tz:String}          IANA time zone weeks start in, e.g. Europe/London
--   {since:DateTime}     published at or after (UTC)
--   {until:DateTime}     published before (UTC)
--   {rule:String}        rule id, '' for all
--   {category:String}    rule category, '' for all
--   {outlet:String}      outlet display name, '' for all
--   {outlets:String}     only these outlets, one a line (e.g. those of one outlet type); '' for all
--   {voice:String}       journalist (own voice), quote (quoted speech) or any
SELECT toMonday(published_at, {tz:String}) AS week, count() AS flags,
       uniqExact(if(story_id = '', url, story_id)) AS stories
FROM current_matches
WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
  AND voice != 'mention'
  AND ({rule:String} = '' OR rule = {rule:String})
  AND ({category:String} = '' OR category = {category:String})
  AND ({rule:String} != '' OR {category:String} != '' OR severity != 'low')
  AND ({outlet:String} = '' OR outlet = {outlet:String})
  AND ({outlets:String} = '' OR has(splitByChar('\n', {outlets:String}), outlet))
  AND ({voice:String} = 'any'
       OR ({voice:String} = 'journalist' AND in_quote = 0 AND voice != 'author')
       OR ({voice:String} = 'quote' AND in_quote = 1))
GROUP BY week
ORDER BY week
