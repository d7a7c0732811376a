-- frame_share: which frames carried the period's coverage?
-- Answers: per frame, the number of distinct stories in which at least one
-- copy carried the frame (fired = 1 under the ruleset in force), the period's
-- total distinct stories, and the share (stories / total_stories).
-- Frames that fired nowhere in the period are absent.
-- The fired frames are read from the taggings' frames_fired (one time-ordered
-- row per article, the fired frames of current_frames) rather than from
-- current_frames (a row per frame per article, fired or not): a sixth of the
-- rows for the same answer.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    frame,
    uniqExact(story_key) AS stories,
    (SELECT uniqExact(story_key) FROM current_articles_by_time
      WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}) AS total_stories,
    if(total_stories = 0, 0, stories / total_stories) AS share
FROM
(
    SELECT story_key, frames_fired FROM current_taggings_by_time
    WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
)
ARRAY JOIN frames_fired AS frame
GROUP BY frame
ORDER BY stories DESC, frame
