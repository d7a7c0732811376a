-- quote_examples: what did speakers of one role say, for trainers?
-- Answers: quotes (direct, partial, headline, reported speech) whose speaker
-- has the role, with speaker, cue, kind, voice and span, the article's
-- headline and text (for the sentences around the quote), one per story by
-- default (the copy with the longest quote wins), newest first.
-- The page is found on light columns (the quotes, the articles' dates and
-- outlets); the articles' text is read for the page only, and for the
-- period's quotes of the role only when searching in what they say (the
-- search's subquery reads nothing when {search} is ''). The text is read
-- from articles by url with current_articles' own filter written out:
-- ClickHouse 18.16 pushes no IN (subquery) into a view. The page's
-- subquery is written twice (for its quotes and for its articles): 18.16
-- has no WITH name AS (subquery).
-- Parameters:
--   {role:String}        speaker role, e.g. lived_experience
--   {frame:String}       only articles carrying this frame (fired); '' = any
--   {outlet:String}      outlet display name; '' = any
--   {outlet_type:String} the source's outlet_type from the config; '' = any
--   {since:DateTime}     published at or after (UTC)
--   {until:DateTime}     published before (UTC)
--   {location:String}    headline, lead, body or any
--   {search:String}      case-insensitive text in the quote or its speaker
--   {all_copies:UInt8}   1: one example per article instead of per story
--   {offset:UInt64}      rows to skip (pagination)
--   {limit:UInt64}       rows to return
SELECT
    url, sid AS story_id, outlet, published_at, speaker, speaker_role, cue, kind, voice, location,
    start_offset, end_offset, title, article_text
FROM
(
        SELECT url, sid, outlet, published_at, speaker, speaker_role, cue, kind, voice, location,
               start_offset, end_offset
        FROM
        (
            SELECT
                url, if(story_id = '', url, story_id) AS sid,
                if({all_copies:UInt8} = 1, url, sid) AS collapse_key,
                outlet, published_at, speaker, role AS speaker_role, cue, kind, voice, location,
                start_offset, end_offset
            FROM
            (
                SELECT url, speaker, role, cue, kind, voice, location, start_offset, end_offset
                FROM current_quotes
                WHERE role = {role:String}
                  AND voice NOT IN ('scare', 'mention', 'title')
                  AND ({location:String} = 'any' OR location = {location:String})
            ) AS q
            ALL INNER JOIN
            (
                SELECT url, story_id, outlet, published_at
                FROM current_articles
                WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
                  AND ({outlet:String} = '' OR outlet = {outlet:String})
                  AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
            ) AS a USING url
            WHERE ({frame:String} = '' OR url IN
                   (SELECT url FROM current_frames
                    WHERE fired = 1 AND frame = {frame:String}
                      AND published_at >= {since:DateTime} AND published_at < {until:DateTime}))
              AND ({search:String} = ''
                   OR positionCaseInsensitiveUTF8(speaker, {search:String}) > 0
                   OR (url, location, start_offset, end_offset) IN
                      (SELECT url, location, start_offset, end_offset
                       FROM
                       (
                           SELECT url, location, start_offset, end_offset
                           FROM current_quotes
                           WHERE {search:String} != '' AND role = {role:String}
                       ) AS sq
                       ALL INNER JOIN
                       (
                           SELECT url, title, text
                           FROM current_articles
                           WHERE {search:String} != ''
                             AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
                       ) AS st USING url
                       WHERE positionCaseInsensitiveUTF8(substring(if(location = 'headline', title, text),
                                 start_offset + 1, end_offset - start_offset), {search:String}) > 0))
            ORDER BY collapse_key, end_offset - start_offset DESC, published_at, url, start_offset
            LIMIT 1 BY collapse_key
        )
        ORDER BY published_at DESC, url, start_offset
        LIMIT {offset:UInt64}, {limit:UInt64}
) AS page
ANY LEFT JOIN
(
    SELECT url, title, text AS article_text
    FROM articles
    WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles)
      AND url IN (SELECT url FROM
    (
        SELECT url, sid, outlet, published_at, speaker, speaker_role, cue, kind, voice, location,
               start_offset, end_offset
        FROM
        (
            SELECT
                url, if(story_id = '', url, story_id) AS sid,
                if({all_copies:UInt8} = 1, url, sid) AS collapse_key,
                outlet, published_at, speaker, role AS speaker_role, cue, kind, voice, location,
                start_offset, end_offset
            FROM
            (
                SELECT url, speaker, role, cue, kind, voice, location, start_offset, end_offset
                FROM current_quotes
                WHERE role = {role:String}
                  AND voice NOT IN ('scare', 'mention', 'title')
                  AND ({location:String} = 'any' OR location = {location:String})
            ) AS q
            ALL INNER JOIN
            (
                SELECT url, story_id, outlet, published_at
                FROM current_articles
                WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
                  AND ({outlet:String} = '' OR outlet = {outlet:String})
                  AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
            ) AS a USING url
            WHERE ({frame:String} = '' OR url IN
                   (SELECT url FROM current_frames
                    WHERE fired = 1 AND frame = {frame:String}
                      AND published_at >= {since:DateTime} AND published_at < {until:DateTime}))
              AND ({search:String} = ''
                   OR positionCaseInsensitiveUTF8(speaker, {search:String}) > 0
                   OR (url, location, start_offset, end_offset) IN
                      (SELECT url, location, start_offset, end_offset
                       FROM
                       (
                           SELECT url, location, start_offset, end_offset
                           FROM current_quotes
                           WHERE {search:String} != '' AND role = {role:String}
                       ) AS sq
                       ALL INNER JOIN
                       (
                           SELECT url, title, text
                           FROM current_articles
                           WHERE {search:String} != ''
                             AND published_at >= {since:DateTime} AND published_at < {until:DateTime}
                       ) AS st USING url
                       WHERE positionCaseInsensitiveUTF8(substring(if(location = 'headline', title, text),
                                 start_offset + 1, end_offset - start_offset), {search:String}) > 0))
            ORDER BY collapse_key, end_offset - start_offset DESC, published_at, url, start_offset
            LIMIT 1 BY collapse_key
        )
        ORDER BY published_at DESC, url, start_offset
        LIMIT {offset:UInt64}, {limit:UInt64}
    ))
) AS texts USING url
ORDER BY published_at DESC, url, start_offset
