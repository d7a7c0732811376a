-- demo_flags_quoted: which rules fired most inside quoted speech?
-- Answers: the five rules matched most often in quotes, with an example.
-- Parameters: none.
SELECT rule, any(text) AS example, count() AS flags
FROM current_matches
WHERE quoted = 1
GROUP BY rule
ORDER BY flags DESC, rule
LIMIT 5
