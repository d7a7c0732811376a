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
--   {outlet_type:String} the source's outlet_type from the config, '' for all
--   {voice:String}       journalist (own voice), quote (quoted speech) or any
SELECT toMonday(published_at, {tz:String}) AS week, count() AS flags,
       uniqExact(story_key) AS stories
FROM current_matches
WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
  AND usage = 1
  AND ({rule:String} = '' OR rule = {rule:String})
  AND ({category:String} = '' OR category = {category:String})
  AND ({rule:String} != '' OR {category:String} != '' OR severity != 'low')
  AND ({outlet:String} = '' OR outlet = {outlet:String})
  AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
  AND ({voice:String} = 'any'
       OR ({voice:String} = 'journalist' AND journalist_voice = 1)
       OR ({voice:String} = 'quote' AND quoted = 1))
GROUP BY week
ORDER BY week
