-- framewatch schema, version 2: the rule's message and suggested
-- alternatives travel with each match, so the digest and trainers' examples
-- show the advice that was in force when the article was tagged.
-- (ADD COLUMN without IF NOT EXISTS: 18.16 lacks it; the runner applies each
-- version once.) The current_matches view is recreated because 18.16 fixes
-- a view's columns when it is created: SELECT * would not see the new ones.

ALTER TABLE matches ADD COLUMN suggest Array(String);

ALTER TABLE matches ADD COLUMN message String;

DROP TABLE IF EXISTS current_matches;

CREATE VIEW IF NOT EXISTS current_matches AS
SELECT * FROM matches
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);
