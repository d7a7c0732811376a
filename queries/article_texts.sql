-- article_texts: what do these articles say?
-- Answers: the current version's headline and text of each url in {urls}
-- (a page of examples' articles, for the sentences around each quote). The
-- articles are read by url, their sort key; current_articles' filter is
-- written out because ClickHouse 18.16 pushes no IN (subquery) into a view.
-- Parameters:
--   {urls:Array(String)} the articles (a JSON array: URLs may hold commas)
SELECT url, title, text AS article_text
FROM articles
WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles)
  AND url IN (SELECT arrayJoin({urls:Array(String)}))
