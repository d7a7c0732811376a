-- examples: which real sentences show a rule firing, for trainers?
-- Answers: language matches with their context, filtered, one per story by
-- default (syndicated copies collapsed: the copy whose match is in the
-- journalist's voice, most severe, nearest the top wins), newest first, with
-- the article's headline and text (for the sentences around the match).
-- The page of chosen matches is found on light columns first; sentences,
-- advice and article text are read for that page only (the period's text
-- does not fit in memory at a million articles): from articles by url,
-- with current_articles' own filter written out, because ClickHouse 18.16
-- pushes no IN (subquery) into a view and would read every article's text
-- for it. The page's subquery is
-- written twice (for its matches and for its articles): 18.16 has no
-- WITH name AS (subquery).
-- The page is looked for among the stories whose chosen copy was published
-- at or after {window_start} (report/examples widens it from the newest
-- week until the page is full): candidates are the stories with a match in
-- that window, each still choosing among all its copies in the period, so a
-- story whose winning copy is older than the window is left for a wider
-- one and the page is the whole period's. The copies are read from
-- {lookback_start}: the period's start, or the earliest copy of the
-- window's stories when that is later (examples_lookback), which is the
-- same choice while reading days instead of the year. window_start =
-- lookback_start = the period's start is the whole period.
-- An empty String filter means "any".
-- Parameters:
--   {rule:String}        rule id, e.g. people.offender
--   {category:String}    rule category
--   {frame:String}       only articles carrying this frame (fired)
--   {outlet:String}      outlet display name
--   {outlet_type:String} the source's outlet_type from the config (national, regional, …)
--   {lookback_start:DateTime} copies published at or after (UTC): the period's start, or later (above)
--   {until:DateTime}     published before (UTC)
--   {window_start:DateTime} only stories chosen at or after this (lookback_start: all)
--   {voice:String}       journalist (in_quote = 0, voice not 'author'), quote (in_quote = 1) or any
--   {location:String}    headline, lead, body or any
--   {search:String}      case-insensitive text in the sentence or the match
--   {all_copies:UInt8}   1: one example per article instead of per story
--   {offset:UInt64}      rows to skip (pagination)
--   {limit:UInt64}       rows to return
SELECT
    url, story_key AS story_id, outlet, published_at, rule, category, severity, text AS matched, sentence,
    start_offset, end_offset, in_quote, voice, location, message, suggest, title, article_text
FROM
(
    SELECT url, story_key, outlet, published_at, rule, category, severity, text, sentence,
           start_offset, end_offset, in_quote, voice, location, message, suggest
    FROM current_matches
    WHERE published_at >= {window_start:DateTime} AND published_at < {until:DateTime}
      AND usage = 1
      AND (url, location, start_offset, rule) IN
    (
        SELECT best_url, best_location, best_offset, best_rule
        FROM
        (
            SELECT if({all_copies:UInt8} = 1, url, story_key) AS collapse_key,
                   url AS best_url, location AS best_location, start_offset AS best_offset, rule AS best_rule,
                   published_at AS best_published_at
            FROM current_matches
            WHERE published_at >= {lookback_start:DateTime} AND published_at < {until:DateTime}
              AND usage = 1
              AND ({rule:String} = '' OR rule = {rule:String})
              AND ({category:String} = '' OR category = {category:String})
              AND ({outlet:String} = '' OR outlet = {outlet:String})
              AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
              AND ({voice:String} = 'any'
                   OR ({voice:String} = 'journalist' AND journalist_voice = 1)
                   OR ({voice:String} = 'quote' AND quoted = 1))
              AND ({location:String} = 'any' OR location = {location:String})
              AND ({search:String} = ''
                   OR positionCaseInsensitiveUTF8(sentence, {search:String}) > 0
                   OR positionCaseInsensitiveUTF8(text, {search:String}) > 0)
              AND ({frame:String} = '' OR url IN
                   (SELECT url FROM current_frames
                    WHERE fired = 1 AND frame = {frame:String}
                      AND published_at >= {lookback_start:DateTime} AND published_at < {until:DateTime}))
              AND collapse_key IN
                  (SELECT if({all_copies:UInt8} = 1, url, story_key)
                   FROM current_matches
                   WHERE published_at >= {window_start:DateTime} AND published_at < {until:DateTime}
                     AND usage = 1
                     AND ({rule:String} = '' OR rule = {rule:String})
                     AND ({category:String} = '' OR category = {category:String})
                     AND ({outlet:String} = '' OR outlet = {outlet:String})
                     AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
                     AND ({voice:String} = 'any'
                          OR ({voice:String} = 'journalist' AND journalist_voice = 1)
                          OR ({voice:String} = 'quote' AND quoted = 1))
                     AND ({location:String} = 'any' OR location = {location:String})
                     AND ({search:String} = ''
                          OR positionCaseInsensitiveUTF8(sentence, {search:String}) > 0
                          OR positionCaseInsensitiveUTF8(text, {search:String}) > 0)
                     AND ({frame:String} = '' OR url IN
                          (SELECT url FROM current_frames
                           WHERE fired = 1 AND frame = {frame:String}
                             AND published_at >= {window_start:DateTime} AND published_at < {until:DateTime})))
            ORDER BY collapse_key,
                     journalist_voice DESC,
                     multiIf(severity = 'high', 0, severity = 'medium', 1, 2),
                     multiIf(location = 'headline', 0, location = 'lead', 1, 2),
                     published_at, url, start_offset, rule
            LIMIT 1 BY collapse_key
        )
        WHERE best_published_at >= {window_start:DateTime}
        ORDER BY best_published_at DESC, best_url, best_offset, best_rule
        LIMIT {offset:UInt64}, {limit:UInt64}
    )
    LIMIT 1 BY url, location, start_offset, rule
) AS l1
ANY LEFT JOIN
(
    SELECT url, title, text AS article_text
    FROM articles
    WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles)
      AND url IN (SELECT best_url FROM
    (
        SELECT best_url, best_location, best_offset, best_rule
        FROM
        (
            SELECT if({all_copies:UInt8} = 1, url, story_key) AS collapse_key,
                   url AS best_url, location AS best_location, start_offset AS best_offset, rule AS best_rule,
                   published_at AS best_published_at
            FROM current_matches
            WHERE published_at >= {lookback_start:DateTime} AND published_at < {until:DateTime}
              AND usage = 1
              AND ({rule:String} = '' OR rule = {rule:String})
              AND ({category:String} = '' OR category = {category:String})
              AND ({outlet:String} = '' OR outlet = {outlet:String})
              AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
              AND ({voice:String} = 'any'
                   OR ({voice:String} = 'journalist' AND journalist_voice = 1)
                   OR ({voice:String} = 'quote' AND quoted = 1))
              AND ({location:String} = 'any' OR location = {location:String})
              AND ({search:String} = ''
                   OR positionCaseInsensitiveUTF8(sentence, {search:String}) > 0
                   OR positionCaseInsensitiveUTF8(text, {search:String}) > 0)
              AND ({frame:String} = '' OR url IN
                   (SELECT url FROM current_frames
                    WHERE fired = 1 AND frame = {frame:String}
                      AND published_at >= {lookback_start:DateTime} AND published_at < {until:DateTime}))
              AND collapse_key IN
                  (SELECT if({all_copies:UInt8} = 1, url, story_key)
                   FROM current_matches
                   WHERE published_at >= {window_start:DateTime} AND published_at < {until:DateTime}
                     AND usage = 1
                     AND ({rule:String} = '' OR rule = {rule:String})
                     AND ({category:String} = '' OR category = {category:String})
                     AND ({outlet:String} = '' OR outlet = {outlet:String})
                     AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
                     AND ({voice:String} = 'any'
                          OR ({voice:String} = 'journalist' AND journalist_voice = 1)
                          OR ({voice:String} = 'quote' AND quoted = 1))
                     AND ({location:String} = 'any' OR location = {location:String})
                     AND ({search:String} = ''
                          OR positionCaseInsensitiveUTF8(sentence, {search:String}) > 0
                          OR positionCaseInsensitiveUTF8(text, {search:String}) > 0)
                     AND ({frame:String} = '' OR url IN
                          (SELECT url FROM current_frames
                           WHERE fired = 1 AND frame = {frame:String}
                             AND published_at >= {window_start:DateTime} AND published_at < {until:DateTime})))
            ORDER BY collapse_key,
                     journalist_voice DESC,
                     multiIf(severity = 'high', 0, severity = 'medium', 1, 2),
                     multiIf(location = 'headline', 0, location = 'lead', 1, 2),
                     published_at, url, start_offset, rule
            LIMIT 1 BY collapse_key
        )
        WHERE best_published_at >= {window_start:DateTime}
        ORDER BY best_published_at DESC, best_url, best_offset, best_rule
        LIMIT {offset:UInt64}, {limit:UInt64}
    ))
) AS r2 USING url
ORDER BY published_at DESC, url, start_offset
