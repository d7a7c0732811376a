-- whose_voices_weekly: whose voices did the coverage of each of several periods quote?
-- Answers: per period, what whose_voices answers for it (per speaker role,
-- quotes and quoted words, the period's totals and the role's shares).
-- Period i (1, 2, …) is [bounds[i], bounds[i+1]). One query for the
-- digest's week and its baseline weeks.
-- Parameters:
--   {bounds:Array(DateTime)}  the periods' boundaries, ascending (UTC): n+1 for n periods
SELECT
    period,
    speaker_role,
    quotes,
    quoted_words,
    total_quotes,
    total_words,
    if(total_quotes = 0, 0, quotes / total_quotes) AS quote_share,
    if(total_words = 0, 0, quoted_words / total_words) AS word_share
FROM
(
    SELECT
        arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
        if(role = '', 'unknown', role) AS speaker_role,
        count() AS quotes,
        sum(words) AS quoted_words
    FROM current_quotes_by_time
    WHERE voice NOT IN ('scare', 'mention', 'title')
      AND published_at >= arrayElement({bounds:Array(DateTime)}, 1)
      AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
    GROUP BY period, speaker_role
) AS by_role
ANY LEFT JOIN
(
    SELECT
        arrayFirstIndex(b -> b > published_at, {bounds:Array(DateTime)}) - 1 AS period,
        count() AS total_quotes,
        sum(words) AS total_words
    FROM current_quotes_by_time
    WHERE voice NOT IN ('scare', 'mention', 'title')
      AND published_at >= arrayElement({bounds:Array(DateTime)}, 1)
      AND published_at < arrayElement({bounds:Array(DateTime)}, -1)
    GROUP BY period
) AS totals USING period
ORDER BY period, quoted_words DESC, speaker_role
