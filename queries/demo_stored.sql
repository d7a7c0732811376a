-- demo_stored: how much did each outlet contribute to the store?
-- Answers: per outlet, the current articles, distinct stories and articles
-- kept from their feed alone (the page could not be fetched), as the demo
-- prints them.
-- Parameters: none.
SELECT outlet, count() AS articles, uniqExact(story_id) AS stories, countIf(feed_only = 1) AS feed_only
FROM current_articles
GROUP BY outlet
ORDER BY outlet
