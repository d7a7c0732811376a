-- story_copies: which stored articles are copies of one story?
-- Answers: the other current articles sharing the story id (syndicated
-- copies), newest first. story_articles (sorted by story) names the urls
-- that ever had the story key; articles is read by url for those only.
-- Parameters:
--   {story_id:String}  the story id ('' finds none)
--   {url:String}       the article to leave out
SELECT url, outlet, title, published_at
FROM current_articles
WHERE url IN (SELECT url FROM story_articles WHERE story_key = {story_id:String})
  AND story_id = {story_id:String} AND story_id != '' AND url != {url:String}
ORDER BY published_at DESC, url
LIMIT 50
