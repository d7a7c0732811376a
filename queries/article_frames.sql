-- article_frames: how was one article framed?
-- Answers: every frame's score for the article in force, fired and strong
-- flags, and the cues that fired as evidence; strongest first. frames is
-- sorted by (frame, published_at): the published_at of the article's
-- stored versions (articles, sorted by url) says where its rows are.
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT frame, score, fired, strong, evidence, ruleset
FROM current_frames
WHERE url = {url:String}
  AND published_at IN (SELECT published_at FROM articles WHERE url = {url:String})
ORDER BY fired DESC, score DESC, frame
