-- demo_frames: how often did each frame fire?
-- Answers: per frame, the articles where it fired and its mean score over
-- all tagged articles.
-- Parameters: none.
SELECT frame, countIf(fired = 1) AS articles, round(avg(score), 2) AS mean_score
FROM current_frames
GROUP BY frame
ORDER BY articles DESC, frame
