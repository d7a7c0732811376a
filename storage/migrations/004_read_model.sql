-- framewatch schema, version 4: a read model built for archive scale.
--
-- Before: every current_* view kept the rows whose (url, tag_version) was
-- (url, max(tag_version)) of article_tags, a GROUP BY over the whole store
-- on every query. Now:
--
-- * Tag rows belong to a ruleset generation. tag_generations names them;
--   the generation in force is the newest one whose state is 'in_force'.
--   A retag writes a whole new generation beside the one in force and
--   switches with one row, so figures move from one ruleset to the next at
--   once. Existing rows become generation 1.
-- * Within a generation an article is tagged again when it is re-crawled;
--   the earlier tagging is then listed in superseded_taggings (a handful of
--   rows, not one per article). Re-crawled articles are handled the same
--   way by superseded_articles. The views filter on these small sets, so
--   they read no more than the rows a query asks for, and give the same
--   answer before and after merges (nothing depends on what a merge keeps).
-- * The story key, the week, the voice classes and the outlet metadata of
--   the config (outlet_type, nation, region) are view columns, written once.
--
-- 18.16 has no ADD COLUMN IF NOT EXISTS; the runner skips an ADD COLUMN that
-- meets its column. The INSERT … SELECT statements copy into tables that are
-- read by key (argMax, NOT IN), so running them twice after an interruption
-- changes no figure.

CREATE TABLE IF NOT EXISTS tag_generations (
    generation   UInt64,              -- 1, 2, …: one per retag of the archive
    ruleset      String,              -- hash of the rule files the generation was tagged with
    state        String,              -- building, in_force, abandoned
    scope_since  DateTime('UTC'),     -- retag --since: articles published before it were copied, not retagged
    started_at   DateTime('UTC'),
    updated_at   DateTime('UTC'),
    version      UInt64               -- newest row of a generation wins
) ENGINE = ReplacingMergeTree(version)
ORDER BY generation;

INSERT INTO tag_generations (generation, ruleset, state, scope_since, started_at, updated_at, version)
SELECT toUInt64(1), '', 'in_force', toDateTime(0, 'UTC'), now(), now(), toUInt64(1);

-- One row per tagging of an article in a generation: the newest tag_version
-- of (generation, url) is the tagging in force there.
CREATE TABLE IF NOT EXISTS taggings (
    generation   UInt64,
    url          String,
    ruleset      String,
    tag_version  UInt64,
    tagged_at    DateTime('UTC'),
    matches      UInt32,
    frames_fired Array(String)
) ENGINE = ReplacingMergeTree(tag_version)
ORDER BY (generation, url);

INSERT INTO taggings (generation, url, ruleset, tag_version, tagged_at, matches, frames_fired)
SELECT toUInt64(1), url, argMax(ruleset, tag_version), max(tag_version), argMax(tagged_at, tag_version),
       argMax(matches, tag_version), argMax(frames_fired, tag_version)
FROM article_tags
GROUP BY url;

-- Taggings replaced inside their generation (a re-crawl re-tagged the
-- article, or a retag was interrupted before it recorded the batch).
CREATE TABLE IF NOT EXISTS superseded_taggings (
    url           String,
    tag_version   UInt64,
    generation    UInt64,
    superseded_at DateTime('UTC')
) ENGINE = MergeTree
ORDER BY (url, tag_version);

ALTER TABLE matches ADD COLUMN generation UInt64 DEFAULT 1;

ALTER TABLE frames ADD COLUMN generation UInt64 DEFAULT 1;

ALTER TABLE entities ADD COLUMN generation UInt64 DEFAULT 1;

ALTER TABLE quotes ADD COLUMN generation UInt64 DEFAULT 1;

INSERT INTO superseded_taggings (url, tag_version, generation, superseded_at)
SELECT DISTINCT url, tag_version, toUInt64(1), now() FROM matches
WHERE (url, tag_version) NOT IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

INSERT INTO superseded_taggings (url, tag_version, generation, superseded_at)
SELECT DISTINCT url, tag_version, toUInt64(1), now() FROM frames
WHERE (url, tag_version) NOT IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

INSERT INTO superseded_taggings (url, tag_version, generation, superseded_at)
SELECT DISTINCT url, tag_version, toUInt64(1), now() FROM entities
WHERE (url, tag_version) NOT IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

INSERT INTO superseded_taggings (url, tag_version, generation, superseded_at)
SELECT DISTINCT url, tag_version, toUInt64(1), now() FROM quotes
WHERE (url, tag_version) NOT IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

-- Article versions replaced by a re-crawl.
CREATE TABLE IF NOT EXISTS superseded_articles (
    url           String,
    version       UInt64,
    superseded_at DateTime('UTC')
) ENGINE = MergeTree
ORDER BY (url, version);

INSERT INTO superseded_articles (url, version, superseded_at)
SELECT url, version, now() FROM articles
WHERE (url, version) NOT IN (SELECT url, max(version) FROM articles GROUP BY url);

-- Outlet metadata from the config, for analysts to group by.
ALTER TABLE sources ADD COLUMN outlet_type String;

ALTER TABLE sources ADD COLUMN nation String;

ALTER TABLE sources ADD COLUMN region String;

-- The generation whose rows every current_* view shows.
CREATE VIEW IF NOT EXISTS generation_in_force AS
SELECT max(generation) AS generation FROM tag_generations WHERE state = 'in_force';

-- Each configured source's outlet metadata, newest config first, as sorted
-- parallel arrays: the views look a source up with transform(), which needs
-- constant arrays (a scalar subquery is one) and no JOIN, so filters on the
-- tag tables still reach their indexes on 18.16. The leading '' entry keeps
-- the arrays non-empty, which 18.16's transform() requires.
CREATE VIEW IF NOT EXISTS source_map AS
SELECT
    arrayConcat([''], arraySort(groupArray(name))) AS names,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, outlet_type))))) AS outlet_types,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, nation))))) AS nations,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, region))))) AS regions
FROM
(
    SELECT name, argMax(outlet_type, version) AS outlet_type, argMax(nation, version) AS nation,
           argMax(region, version) AS region
    FROM sources
    GROUP BY name
);

DROP TABLE IF EXISTS current_articles;

DROP TABLE IF EXISTS current_matches;

DROP TABLE IF EXISTS current_frames;

DROP TABLE IF EXISTS current_entities;

DROP TABLE IF EXISTS current_quotes;

CREATE VIEW IF NOT EXISTS current_articles AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM articles
WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles);

CREATE VIEW IF NOT EXISTS current_matches AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    toUInt8(voice != 'mention') AS usage,
    toUInt8(voice != 'mention' AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice != 'mention' AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM matches
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

CREATE VIEW IF NOT EXISTS current_frames AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM frames
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

CREATE VIEW IF NOT EXISTS current_entities AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM entities
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

CREATE VIEW IF NOT EXISTS current_quotes AS
SELECT * FROM quotes
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

CREATE VIEW IF NOT EXISTS current_taggings AS
SELECT * FROM taggings
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);
