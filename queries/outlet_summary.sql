-- outlet_summary: how did each outlet cover criminal justice?
-- Answers: per outlet, articles, distinct stories, distinct stories with
-- stigmatising language in the journalist's own voice (a medium- or
-- high-severity match with in_quote = 0, voice not 'author'), that share of
-- its stories, and its dominant frame (the frame carried by most of its
-- stories; ties broken by frame id; fired frames read from the taggings'
-- frames_fired) with that frame's story count.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    outlet, articles, stories, stigmatised_stories,
    if(stories = 0, 0, stigmatised_stories / stories) AS stigmatised_share,
    dominant_frame, dominant_frame_stories
FROM
(
    SELECT outlet, articles, stories, stigmatised_stories
    FROM
    (
        SELECT outlet, count() AS articles, uniqExact(story_key) AS stories
        FROM current_articles_by_time
        WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
        GROUP BY outlet
    ) AS l1
    ANY LEFT JOIN
    (
        SELECT outlet, uniqExact(story_key) AS stigmatised_stories
        FROM current_matches
        WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
          AND journalist_voice = 1 AND severity != 'low'
        GROUP BY outlet
    ) AS r3 USING outlet
) AS l2
ANY LEFT JOIN
(
    SELECT outlet, frame AS dominant_frame, n AS dominant_frame_stories
    FROM
    (
        SELECT outlet, frame, uniqExact(story_key) AS n
        FROM
        (
            SELECT outlet, story_key, frames_fired FROM current_taggings_by_time
            WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
        )
        ARRAY JOIN frames_fired AS frame
        GROUP BY outlet, frame
    )
    ORDER BY outlet, n DESC, frame
    LIMIT 1 BY outlet
) AS r4 USING outlet
ORDER BY stories DESC, articles DESC, outlet
