-- coverage_by_outlet: how much did each outlet publish in the period?
-- Answers: per outlet, articles and distinct stories (a story syndicated to
-- the same outlet twice counts once), for articles published in
-- [week_start, week_end). Most stories first.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    outlet,
    count() AS articles,
    uniqExact(story_key) AS stories
FROM current_articles_by_time
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
GROUP BY outlet
ORDER BY stories DESC, articles DESC, outlet
