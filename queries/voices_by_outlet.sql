-- voices_by_outlet: which outlets gave space to people with lived experience?
-- Answers: per outlet, the quotes and quoted words of the period (as in
-- whose_voices), how many came from people with lived experience of prison
-- or probation, and their share of the outlet's quotes and quoted words;
-- outlets ranked by that share of quotes, then by quotes.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    outlet,
    count() AS quotes,
    countIf(role = 'lived_experience') AS lived_quotes,
    sum(words) AS quoted_words,
    sumIf(words, role = 'lived_experience') AS lived_words,
    lived_quotes / quotes AS lived_share,
    if(quoted_words = 0, 0, lived_words / quoted_words) AS lived_word_share
FROM current_quotes_by_time
WHERE voice NOT IN ('scare', 'mention', 'title')
  AND published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
GROUP BY outlet
ORDER BY lived_share DESC, quotes DESC, outlet
