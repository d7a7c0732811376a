-- article_frames: how was one article framed?
-- Answers: every frame's score for the article in force, fired and strong
-- flags, and the cues that fired as evidence; strongest first.
-- Parameters:
--   {url:String}  the article's canonical URL
SELECT frame, score, fired, strong, evidence, ruleset
FROM current_frames
WHERE url = {url:String}
ORDER BY fired DESC, score DESC, frame
