-- frame_share: which frames carried the period's coverage?
-- Answers: per frame, the number of distinct stories in which at least one
-- copy carried the frame (fired = 1 under the ruleset in force), the period's
-- total distinct stories, and the share (stories / total_stories).
-- Frames that fired nowhere in the period are absent.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    frame,
    uniqExact(story_key) AS stories,
    (SELECT uniqExact(story_key) FROM current_articles_by_time
      WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}) AS total_stories,
    if(total_stories = 0, 0, stories / total_stories) AS share
FROM current_frames
WHERE fired = 1
  AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
GROUP BY frame
ORDER BY stories DESC, frame
