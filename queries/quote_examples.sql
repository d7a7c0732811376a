-- quote_examples: what did speakers of one role say, for trainers?
-- Answers: quotes (direct, partial, headline, reported speech) whose speaker
-- has the role, with speaker, cue, kind, voice and span, one per story by
-- default (the copy with the longest quote wins), newest first. The page is
-- found on light columns only: current_quotes_by_time carries each quote's
-- date, outlet and story (no join with the articles); the text of the
-- period's quotes of the role is read only when searching in what they say
-- (the search's subquery reads nothing when {search} is ''). The page's
-- headlines and text (for the sentences around each quote) are read by url
-- afterwards (article_texts.sql): 18.16 has no WITH name AS (subquery), so
-- one query would write the page twice.
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
SELECT url, sid AS story_id, outlet, published_at, speaker, speaker_role, cue, kind, voice, location,
       start_offset, end_offset
FROM
(
    SELECT
        url, story_key AS sid,
        if({all_copies:UInt8} = 1, url, sid) AS collapse_key,
        outlet, published_at, speaker, role AS speaker_role, cue, kind, voice, location,
        start_offset, end_offset
    FROM current_quotes_by_time
    WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
      AND role = {role:String}
      AND voice NOT IN ('scare', 'mention', 'title')
      AND ({location:String} = 'any' OR location = {location:String})
      AND ({outlet:String} = '' OR outlet = {outlet:String})
      AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
      AND ({frame:String} = '' OR url IN
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
