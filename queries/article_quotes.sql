-- article_quotes: where is quoted speech in one article?
-- Answers: the article's quote spans in force (offsets into the headline or
-- the text), with voice, attribution verb, speaker, the speaker's role and
-- the kind of speech (direct, partial, reported).
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT location, start_offset, end_offset, voice, cue, speaker, role, kind
FROM current_quotes
WHERE url = {url:String}
ORDER BY location != 'headline', start_offset
