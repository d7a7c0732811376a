-- examples_lookback: how far back must examples look for the copies of a window's stories?
-- Answers: for the stories examples would find in its window (a match that
-- passes the filters, published in [window_start, until)), how many there
-- are and the earliest published_at of their stored articles
-- (story_articles, every version): a story's copies in the period are all published
-- at or after it, so examples reads matches from there (or from since,
-- whichever is later) to choose each story's copy, instead of from the
-- start of the period. stories = 0: no story in the window.
-- Same filters as examples.sql.
-- Parameters:
--   {rule:String}        rule id, e.g. people.offender
--   {category:String}    rule category
--   {frame:String}       only articles carrying this frame (fired)
--   {outlet:String}      outlet display name
--   {outlet_type:String} the source's outlet_type from the config (national, regional, …)
--   {window_start:DateTime} the window: published at or after (UTC)
--   {until:DateTime}     published before (UTC)
--   {voice:String}       journalist (in_quote = 0, voice not 'author'), quote (in_quote = 1) or any
--   {location:String}    headline, lead, body or any
--   {search:String}      case-insensitive text in the sentence or the match
SELECT uniqExact(story_key) AS stories, min(published_at) AS first_published
FROM story_articles
WHERE story_key IN
    (SELECT story_key
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
