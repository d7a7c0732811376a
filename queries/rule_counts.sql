-- rule_counts: how often did each rule and frame fire recently?
-- Answers: per language rule the matches and distinct stories, and per frame
-- the stories where it fired, in articles published in the period; kind
-- says which ('rule' or 'frame').
-- Parameters:
--   {since:DateTime}  published at or after (UTC)
--   {until:DateTime}  published before (UTC)
-- Sorted by kind and id: UNION ALL alone returns its parts in whichever
-- order they finish, which differs between runs and after merges.
SELECT kind, id, uses, stories
FROM
(
    SELECT 'rule' AS kind, rule AS id, count() AS uses, uniqExact(story_key) AS stories
    FROM current_matches
    WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime} AND usage = 1
    GROUP BY rule
    UNION ALL
    SELECT 'frame' AS kind, frame AS id, countIf(fired = 1) AS uses,
           uniqExactIf(story_key, fired = 1) AS stories
    FROM current_frames
    WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
    GROUP BY frame
)
ORDER BY kind, id
