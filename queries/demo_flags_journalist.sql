-- demo_flags_journalist: which rules fired most in journalists' own voice?
-- Answers: the ten rules of high or medium severity (low severity is a
-- suggestion, not counted in headline figures) matched most often outside
-- quotes, with an example of the text matched.
-- Parameters: none.
SELECT rule, severity, any(text) AS example, count() AS flags
FROM current_matches
WHERE in_quote = 0 AND usage = 1 AND severity != 'low'
GROUP BY rule, severity
ORDER BY flags DESC, rule
LIMIT 10
