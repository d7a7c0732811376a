-- worth_answering: which widely syndicated stories most need a response?
-- Answers: stories with dehumanising language in the journalist's own voice
-- (a high-severity match, or category 'dehumanising', with in_quote = 0 and
-- voice not 'author') or a punitive frame, most-syndicated first. One row per
-- story: its first copy's headline, outlet and link, copies, outlets, the
-- dehumanising terms used (as written, lower-cased) and punitive = 1 when
-- any copy carried the punitive frame.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {limit:UInt64}         stories to return (digest: 5)
SELECT story_id, title, url, outlet, published_at, copies, outlets, terms, punitive
FROM
(
    SELECT sid, groupUniqArrayIf(term, term != '') AS terms, max(is_punitive) AS punitive
    FROM
    (
        SELECT story_key AS sid, lowerUTF8(text) AS term, toUInt8(0) AS is_punitive
        FROM current_matches
        WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
          AND journalist_voice = 1
          AND (severity = 'high' OR category = 'dehumanising')
        UNION ALL
        SELECT story_key AS sid, '' AS term, toUInt8(1) AS is_punitive
        FROM current_frames
        WHERE fired = 1 AND frame = 'punitive'
          AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
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
ORDER BY copies DESC, outlets DESC, length(terms) DESC, punitive DESC, published_at, url
LIMIT {limit:UInt64}
