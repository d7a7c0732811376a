-- framewatch schema, version 11: time-ordered copies of the rows a period's
-- figures read, so a week of a million-article archive reads a week of rows.
--
-- articles and quotes are sorted by url: a query for the articles (or the
-- quotes of the articles) published in one week read the whole table, and
-- the digest runs ~46 such queries. Now:
--
-- * articles_by_time holds the light columns of every article version
--   (no text, summary or byline) sorted by (published_at, url), kept by a
--   materialized view on articles. current_articles_by_time leaves out the
--   versions a re-crawl replaced exactly as current_articles does (the
--   superseded_articles list), so it shows current_articles' rows, column
--   for column, whatever merges have happened.
-- * quotes_by_time and taggings_by_time hold every quotes and taggings
--   row with its tagging's published_at, source, outlet and story_id (what
--   matches and frames carry), sorted by (generation, published_at, url).
--   Neither table has a date, so no materialized view can fill these: the
--   store writes them beside quotes and taggings in the same tagging (same
--   tag_version and generation), and current_quotes_by_time /
--   current_taggings_by_time filter them as current_quotes /
--   current_taggings do (generation in force, superseded_taggings).
--
-- The backfills copy into empty tables only (and articles_by_time before its
-- materialized view exists), so running this file again after an
-- interruption copies nothing twice; a store is migrated before anything
-- writes to it. Quote and taggings rows take the newest article version's
-- date and outlet: that of the tagging in force, which a re-crawl re-tags.

CREATE TABLE IF NOT EXISTS articles_by_time (
    url          String,
    source       String,
    outlet       String,
    title        String,
    lang         String,
    kind         String,
    published_at DateTime('UTC'),
    date_source  String,
    fetched_at   DateTime('UTC'),
    story_id     String,
    feed_only    UInt8,
    word_count   UInt32,
    version      UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (published_at, url);

INSERT INTO articles_by_time (url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version)
SELECT url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version
FROM articles
WHERE (SELECT count() FROM articles_by_time) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS articles_by_time_mv TO articles_by_time AS
SELECT url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version
FROM articles;

CREATE TABLE IF NOT EXISTS quotes_by_time (
    generation   UInt64,
    url          String,
    tag_version  UInt64,
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String,
    location     String,
    start_offset UInt32,
    end_offset   UInt32,
    voice        String,
    cue          String,
    speaker      String,
    unbalanced   UInt8,
    role         String,
    kind         String,
    words        UInt32
) ENGINE = MergeTree
ORDER BY (generation, published_at, url);

INSERT INTO quotes_by_time (generation, url, tag_version, published_at, source, outlet, story_id, location,
    start_offset, end_offset, voice, cue, speaker, unbalanced, role, kind, words)
SELECT generation, url, tag_version, published_at, source, outlet, story_id, location,
    start_offset, end_offset, voice, cue, speaker, unbalanced, role, kind, words
FROM quotes
ANY LEFT JOIN
(
    SELECT url, argMax(published_at, version) AS published_at, argMax(source, version) AS source,
           argMax(outlet, version) AS outlet, argMax(story_id, version) AS story_id
    FROM articles
    GROUP BY url
) AS newest USING url
WHERE (SELECT count() FROM quotes_by_time) = 0;

CREATE TABLE IF NOT EXISTS taggings_by_time (
    generation   UInt64,
    url          String,
    ruleset      String,
    tag_version  UInt64,
    tagged_at    DateTime('UTC'),
    matches      UInt32,
    frames_fired Array(String),
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String
) ENGINE = MergeTree
ORDER BY (generation, published_at, url);

INSERT INTO taggings_by_time (generation, url, ruleset, tag_version, tagged_at, matches, frames_fired,
    published_at, source, outlet, story_id)
SELECT generation, url, ruleset, tag_version, tagged_at, matches, frames_fired,
    published_at, source, outlet, story_id
FROM taggings
ANY LEFT JOIN
(
    SELECT url, argMax(published_at, version) AS published_at, argMax(source, version) AS source,
           argMax(outlet, version) AS outlet, argMax(story_id, version) AS story_id
    FROM articles
    GROUP BY url
) AS newest USING url
WHERE (SELECT count() FROM taggings_by_time) = 0;

-- The current article versions, light columns, time-ordered: current_articles
-- without text, summary, byline and fingerprint.
CREATE VIEW IF NOT EXISTS current_articles_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM articles_by_time
WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles);

-- The quotes of the taggings in force, with their article's date, source,
-- outlet and story: current_quotes, time-ordered.
CREATE VIEW IF NOT EXISTS current_quotes_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM quotes_by_time
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

-- The taggings in force with their article's date, source, outlet and
-- story: current_taggings, time-ordered.
CREATE VIEW IF NOT EXISTS current_taggings_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week
FROM taggings_by_time
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);
