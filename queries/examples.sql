-- examples: which matches make a page of examples, for trainers?
-- Answers: the page's matches (url, location, start_offset, rule and
-- published_at name each), newest first: language matches filtered, one
-- per story by default (syndicated copies collapsed: the copy whose match is
-- in the journalist's voice, most severe, nearest the top wins). Only light
-- columns are read here; examples_text reads the sentences, advice and
-- article text of the page's matches by their keys (report/examples), so
-- the choice is made once and the heavy columns are read for one page.
-- The page is looked for among the stories whose chosen copy was published
-- at or after {window_start} (report/examples widens it from the newest
-- days until the page is full): candidates are the stories with a match in
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
SELECT best_url AS url, best_location AS location, best_offset AS start_offset, best_rule AS rule,
       best_published_at AS published_at
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
