-- outlet_summary_weekly: how did each outlet cover criminal justice in each of several periods?
-- Answers: per period, what outlet_summary answers for it (per outlet,
-- articles, stories, stories with stigmatising language in the journalist's
-- own voice and their share, the dominant frame). Period i (1, 2, …) is
-- [bounds[i], bounds[i+1]). One query for the digest's week and its
-- baseline weeks. Fired frames from the taggings' frames_fired, as
-- frame_share reads them.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
SELECT
    period, outlet, articles, stories, stigmatised_stories,
    if(stories = 0, 0, stigmatised_stories / stories) AS stigmatised_share,
    dominant_frame, dominant_frame_stories
FROM
(
    SELECT period, outlet, articles, stories, stigmatised_stories
    FROM
    (
        SELECT arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
               outlet, count() AS articles, uniqExact(story_key) AS stories
        FROM current_articles_by_time
        WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
          AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
        GROUP BY period, outlet
    ) AS l1
    ANY LEFT JOIN
    (
        SELECT arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
               outlet, uniqExact(story_key) AS stigmatised_stories
        FROM current_matches
        WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
          AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
          AND journalist_voice = 1 AND severity != 'low'
        GROUP BY period, outlet
    ) AS r3 USING period, outlet
) AS l2
ANY LEFT JOIN
(
    SELECT period, outlet, frame AS dominant_frame, n AS dominant_frame_stories
    FROM
    (
        SELECT period, outlet, frame, uniqExact(story_key) AS n
        FROM
        (
            SELECT arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
                   outlet, story_key, frames_fired
            FROM current_taggings_by_time
            WHERE published_at >= arrayElement({bounds:Array(DateTime)}, 1)
              AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
        )
        ARRAY JOIN frames_fired AS frame
        GROUP BY period, outlet, frame
    )
    ORDER BY period, outlet, n DESC, frame
    LIMIT 1 BY period, outlet
) AS r4 USING period, outlet
ORDER BY period, stories DESC, articles DESC, outlet
