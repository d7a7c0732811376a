-- worth_praising: which stories are a media-awards shortlist?
-- Answers: stories in which at least one copy carried a constructive frame
-- (rehabilitative, thematic or lived_experience) and no copy used
-- stigmatising language (a medium- or high-severity match) in the
-- journalist's own voice (in_quote = 0, voice not 'author'). One row per
-- story: its first copy's headline, outlet and link, the constructive frames
-- it carried, copies and outlets. Most constructive frames first.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {limit:UInt64}         stories to return (digest: 5)
SELECT story_id, title, url, outlet, published_at, frames, score, copies, outlets
FROM
(
    SELECT story_key AS sid, groupUniqArray(frame) AS frames, sum(score) AS score
    FROM current_frames
    WHERE fired = 1 AND frame IN ('rehabilitative', 'thematic', 'lived_experience')
      AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
      AND sid NOT IN
      (
          SELECT story_key
          FROM current_matches
          WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
            AND journalist_voice = 1 AND severity != 'low'
      )
    GROUP BY sid
) AS l1
ANY INNER JOIN
(
    SELECT sid, sid AS story_id, url, title, outlet, published_at, copies, outlets
    FROM
    (
        SELECT story_key AS sid, url, title, outlet, published_at
        FROM current_articles_by_time
        WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
        ORDER BY sid, published_at, url
        LIMIT 1 BY sid
    ) AS l2
    ANY INNER JOIN
    (
        SELECT story_key AS sid, count() AS copies, uniqExact(outlet) AS outlets
        FROM current_articles_by_time
        WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
        GROUP BY sid
    ) AS r3 USING sid
) AS r4 USING sid
ORDER BY length(frames) DESC, score DESC, copies DESC, published_at, url
LIMIT {limit:UInt64}
