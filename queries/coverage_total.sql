-- coverage_total: how much criminal-justice news was published in the period?
-- Answers: articles stored, distinct stories (syndicated copies of one story
-- counted once) and outlets publishing, for articles published in
-- [week_start, week_end).
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    count() AS articles,
    uniqExact(story_key) AS stories,
    uniqExact(outlet) AS outlets
FROM current_articles_by_time
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
