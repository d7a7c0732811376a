-- frame_share_weekly: which frames carried the coverage of each of several periods?
-- Answers: per period, what frame_share answers for it (per frame, distinct
-- stories in which a copy carried it, the period's total distinct stories,
-- and the share). Period i (1, 2, …) is [bounds[i], bounds[i+1]). One query
-- for the digest's week and its baseline weeks. Fired frames from the
-- taggings' frames_fired, as frame_share reads them.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
SELECT period, frame, stories, total_stories, if(total_stories = 0, 0, stories / total_stories) AS share
FROM
(
    SELECT period, frame, uniqExact(story_key) AS stories
    FROM
    (
        SELECT arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
               story_key, frames_fired
        FROM current_taggings_by_time
        WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
          AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
    )
    ARRAY JOIN frames_fired AS frame
    GROUP BY period, frame
) AS fired_frames
ANY LEFT JOIN
(
    SELECT arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
           uniqExact(story_key) AS total_stories
    FROM current_articles_by_time
    WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
      AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
    GROUP BY period
) AS totals USING period
ORDER BY period, stories DESC, frame
