-- story_copies: which stored articles are copies of one story?
-- Answers: the other current articles sharing the story id (syndicated
-- copies), newest first. story_articles (sorted by story) names the urls
-- that ever had the story key, and articles (sorted by url) is read for
-- those only, with current_articles' own filter (no superseded version)
-- written out, because ClickHouse 18.16 pushes no IN (subquery) into a view.
-- Parameters:
--   {story_id:String}  the story id ('' finds none)
--   {url:String}       the article to leave out
SELECT url, outlet, title, published_at
FROM articles
WHERE url IN (SELECT url FROM story_articles WHERE story_key = {story_id:String})
  AND (url, version) NOT IN (SELECT url, version FROM superseded_articles)
  AND story_id = {story_id:String} AND story_id != '' AND url != {url:String}
ORDER BY published_at DESC, url
LIMIT 50
