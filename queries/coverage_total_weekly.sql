-- coverage_total_weekly: how much criminal-justice news was published in each of several periods?
-- Answers: per period, what coverage_total answers for it: articles stored,
-- distinct stories (syndicated copies counted once) and outlets publishing.
-- Period i (1, 2, …) is [bounds[i], bounds[i+1]); periods in which nothing
-- was published are absent. One query for the digest's 12-week sparkline.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
SELECT
    arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
    count() AS articles,
    uniqExact(story_key) AS stories,
    uniqExact(outlet) AS outlets
FROM current_articles_by_time
WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
  AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
GROUP BY period
ORDER BY period
