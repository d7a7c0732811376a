-- article_days: how many articles were published on each day?
-- Answers: per calendar day in the reporting time zone, the current
-- articles and distinct stories published; the web UI lists a digest for
-- every week that has any.
-- Parameters:
--   {tz:String}  IANA time zone the days are counted in, e.g. Europe/London
SELECT toDate(published_at, {tz:String}) AS day, count() AS articles,
       uniqExact(story_key) AS stories
FROM current_articles
GROUP BY day
ORDER BY day
