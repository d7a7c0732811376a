-- whose_voices: whose voices did the period's coverage quote?
-- Answers: per speaker role (rules/library/roles.yaml), the quotes and the
-- quoted words in articles published in the period, and the role's share of
-- all quotes and of all quoted words. Quotes are direct, partial, headline
-- and reported speech; scare quotes, mentions and titles are not quotes.
-- Each copy of a syndicated story counts: every outlet chose to run it.
-- Quotes stored before roles existed (role '') count as unknown.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
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
        if(role = '', 'unknown', role) AS speaker_role,
        count() AS quotes,
        sum(words) AS quoted_words
    FROM current_quotes_by_time
    WHERE voice NOT IN ('scare', 'mention', 'title')
      AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
    GROUP BY speaker_role
) AS by_role
CROSS JOIN
(
    SELECT count() AS total_quotes, sum(words) AS total_words
    FROM current_quotes_by_time
    WHERE voice NOT IN ('scare', 'mention', 'title')
      AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
) AS totals
ORDER BY quoted_words DESC, speaker_role
