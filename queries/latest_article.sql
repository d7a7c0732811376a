-- latest_article: when was the newest stored article published?
-- Answers: the latest published_at of any current article (1970-01-01 when
-- the store is empty) and how many articles there are; the demo builds its
-- digest for the week holding that article.
-- Parameters: none.
SELECT max(published_at) AS latest, count() AS articles
FROM current_articles
