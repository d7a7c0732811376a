-- coverage_by_outlet_weekly: how much did each outlet publish in each of several periods?
-- Answers: per period, what coverage_by_outlet answers for it (per outlet,
-- articles and distinct stories, most stories first). Period i (1, 2, …) is
-- [bounds[i], bounds[i+1]). One query for the digest's week and its
-- baseline weeks.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
SELECT
    arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
    outlet,
    count() AS articles,
    uniqExact(story_key) AS stories
FROM current_articles_by_time
WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
  AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
GROUP BY period, outlet
ORDER BY period, stories DESC, articles DESC, outlet
