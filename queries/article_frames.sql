-- article_frames: how was one article framed?
-- Answers: every frame's score for the article in force, fired and strong
-- flags, and the cues that fired as evidence; strongest first.
-- frames is sorted by (frame, published_at): the published_at of the
-- article's stored versions (articles, sorted by url) say which granules
-- hold its rows. It reads the table with current_frames' own filter (the
-- generation in force, no superseded tagging) written out, because
-- ClickHouse 18.16 pushes no IN (subquery) into a view.
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT frame, score, fired, strong, evidence, ruleset
FROM frames
WHERE url = {url:String}
  AND published_at IN (SELECT published_at FROM articles WHERE url = {url:String})
  AND generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings)
ORDER BY fired DESC, score DESC, frame
