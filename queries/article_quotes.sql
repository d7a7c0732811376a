-- article_quotes: where is quoted speech in these articles?
-- Answers: each article's quote spans in force (offsets into the headline or
-- the text), with voice, attribution verb, speaker, the speaker's role and
-- the kind of speech (direct, partial, reported).
-- Parameters:
--   {urls:Array(String)}  the articles' canonical URLs
-- quotes is sorted by url: the article's rows are a granule or two. It
-- reads the table with current_quotes' own filter written out, because
-- ClickHouse 18.16 pushes no condition into a view, which would then read
-- every quote row.
SELECT url, location, start_offset, end_offset, voice, cue, speaker, role, kind
FROM quotes
WHERE url IN (SELECT arrayJoin({urls:Array(String)}))
  AND generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings)
ORDER BY url, location != 'headline', start_offset
