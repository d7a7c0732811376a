-- frame_examples: which headlines best show each frame this period?
-- Answers: per frame, up to {per_frame} example articles that carried it,
-- one per story (the copy with the highest frame score), strongest first,
-- with headline, outlet, link and the cues that fired.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {per_frame:UInt64}     examples per frame (the digest uses 3)
SELECT frame, title, url, outlet, published_at, score, evidence
FROM
(
    SELECT frame, sid, url, outlet, published_at, score, evidence
    FROM
    (
        SELECT frame, story_key AS sid, url, outlet, published_at, score, evidence
        FROM current_frames
        WHERE fired = 1
          AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
        ORDER BY frame, sid, score DESC, published_at, url
        LIMIT 1 BY frame, sid
    )
    ORDER BY frame, score DESC, published_at, url
    LIMIT {per_frame:UInt64} BY frame
) AS l1
ANY LEFT JOIN
(
    SELECT url, title FROM current_articles_by_time
    WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
) AS r2 USING url
ORDER BY frame, score DESC, published_at, url
