-- schema_migrations
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    UInt32,
    name       String,
    applied_at DateTime('UTC')
) ENGINE = MergeTree
ORDER BY version;

-- 001_initial.sql
CREATE TABLE IF NOT EXISTS articles (
    url          String,              -- canonical URL: one logical row per URL
    source       String,              -- source name from the config
    outlet       String,
    title        String,
    byline       String,
    text         String,              -- body; paragraphs separated by a blank line
    summary      String,              -- the feed item's own summary
    lang         String,
    kind         String,              -- news, opinion, letter
    published_at DateTime('UTC'),     -- from the feed, else page meta, else fetched_at
    date_source  String,              -- feed, page or fetched: where published_at came from
    fetched_at   DateTime('UTC'),
    story_id     String,              -- shared by syndicated copies of one story
    fingerprint  UInt64,              -- SimHash of the body
    feed_only    UInt8,               -- 1: page failed, text is the feed summary
    word_count   UInt32,
    version      UInt64               -- newest row wins (unix nanoseconds of the write)
) ENGINE = ReplacingMergeTree(version)
ORDER BY url;

CREATE TABLE IF NOT EXISTS article_tags (
    url          String,
    ruleset      String,              -- hash of the rule files in force
    tag_version  UInt64,              -- unix nanoseconds of the tagging
    tagged_at    DateTime('UTC'),
    matches      UInt32,
    frames_fired Array(String)
) ENGINE = ReplacingMergeTree(tag_version)
ORDER BY url;

CREATE TABLE IF NOT EXISTS matches (
    url          String,
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String,
    ruleset      String,
    tag_version  UInt64,
    rule         String,
    kind         String,
    category     String,
    severity     String,
    text         String,              -- the matched text as written
    sentence     String,
    start_offset UInt32,              -- byte offsets into title (headline) or text (lead, body)
    end_offset   UInt32,
    in_quote     UInt8,
    voice        String,              -- journalist, quote, partial_quote, headline_quote, scare, author
    location     String               -- headline, lead, body
) ENGINE = MergeTree
ORDER BY (rule, published_at, url);

CREATE TABLE IF NOT EXISTS frames (
    url          String,
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String,
    ruleset      String,
    tag_version  UInt64,
    frame        String,
    score        Float64,
    fired        UInt8,
    strong       UInt8,
    evidence     Array(String)        -- the cues that fired
) ENGINE = MergeTree
ORDER BY (frame, published_at, url);

CREATE TABLE IF NOT EXISTS entities (
    url          String,
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String,
    ruleset      String,
    tag_version  UInt64,
    name         String,
    type         String,              -- PERSON, PLACE, ORG, PRISON, COURT, POLICE
    mentions     UInt32
) ENGINE = MergeTree
ORDER BY (type, name, published_at);

CREATE TABLE IF NOT EXISTS quotes (
    url          String,
    tag_version  UInt64,
    location     String,
    start_offset UInt32,
    end_offset   UInt32,
    voice        String,
    cue          String,              -- attribution verb, e.g. said
    speaker      String,              -- nearest named speaker, when obvious
    unbalanced   UInt8
) ENGINE = MergeTree
ORDER BY (url, tag_version);

CREATE TABLE IF NOT EXISTS sources (
    name         String,
    outlet       String,
    kind         String,
    url          String,
    topic        String,
    schedule     String,
    updated_at   DateTime('UTC'),
    version      UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY name;

CREATE TABLE IF NOT EXISTS crawl_log (
    time         DateTime('UTC'),
    source       String,
    url          String,
    status       UInt16,              -- HTTP status, 0 when there was no response
    bytes        UInt64,
    duration_ms  UInt32,
    outcome      String,              -- stored, duplicate, offtopic, failed, not_modified, skipped
    error        String
) ENGINE = MergeTree
ORDER BY (source, time);

CREATE TABLE IF NOT EXISTS feed_state (
    url           String,
    etag          String,
    last_modified String,
    updated_at    DateTime('UTC'),
    version       UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY url;

CREATE VIEW IF NOT EXISTS current_articles AS
SELECT * FROM articles FINAL;

CREATE VIEW IF NOT EXISTS current_matches AS
SELECT * FROM matches
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

CREATE VIEW IF NOT EXISTS current_frames AS
SELECT * FROM frames
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

CREATE VIEW IF NOT EXISTS current_entities AS
SELECT * FROM entities
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

CREATE VIEW IF NOT EXISTS current_quotes AS
SELECT * FROM quotes
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

-- 002_match_messages.sql
ALTER TABLE matches ADD COLUMN suggest Array(String);

ALTER TABLE matches ADD COLUMN message String;

DROP TABLE IF EXISTS current_matches;

CREATE VIEW IF NOT EXISTS current_matches AS
SELECT * FROM matches
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM article_tags GROUP BY url);

-- 003_crawl_log_duration.sql
ALTER TABLE crawl_log ADD COLUMN duration Float64 DEFAULT duration_ms / 1000;

-- 004_read_model.sql
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

CREATE TABLE IF NOT EXISTS superseded_articles (
    url           String,
    version       UInt64,
    superseded_at DateTime('UTC')
) ENGINE = MergeTree
ORDER BY (url, version);

INSERT INTO superseded_articles (url, version, superseded_at)
SELECT url, version, now() FROM articles
WHERE (url, version) NOT IN (SELECT url, max(version) FROM articles GROUP BY url);

ALTER TABLE sources ADD COLUMN outlet_type String;

ALTER TABLE sources ADD COLUMN nation String;

ALTER TABLE sources ADD COLUMN region String;

CREATE VIEW IF NOT EXISTS generation_in_force AS
SELECT max(generation) AS generation FROM tag_generations WHERE state = 'in_force';

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

-- 005_crawl_log_batch.sql
ALTER TABLE crawl_log ADD COLUMN batch UInt64 DEFAULT 0;

-- 006_quote_roles.sql
ALTER TABLE quotes ADD COLUMN role String;

ALTER TABLE quotes ADD COLUMN kind String;

ALTER TABLE quotes ADD COLUMN words UInt32;

DROP TABLE IF EXISTS current_quotes;

CREATE VIEW IF NOT EXISTS current_quotes AS
SELECT * FROM quotes
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

-- 007_titles_are_not_usage.sql
DROP TABLE IF EXISTS current_matches;

CREATE VIEW IF NOT EXISTS current_matches AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    toUInt8(voice NOT IN ('mention', 'title')) AS usage,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM matches
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

-- 008_source_state.sql
CREATE TABLE IF NOT EXISTS source_state (
    source        String,
    failures      UInt32,              -- consecutive failed crawls; 0 after a success
    last_attempt  DateTime('UTC'),
    last_success  DateTime('UTC'),     -- 1970-01-01: never
    failing_since DateTime('UTC'),     -- first failure of the current run of failures; 1970-01-01: not failing
    next_attempt  DateTime('UTC'),     -- the daemon skips the source's ticks until then
    last_error    String,
    version       UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY source;

-- 009_job_leases.sql
CREATE TABLE IF NOT EXISTS job_leases (
    job         String,
    token       UInt64,
    owner       String,
    state       String,
    acquired_at DateTime('UTC'),
    expires_at  DateTime('UTC'),
    version     UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (job, token);

-- 010_weekly_counts.sql
CREATE TABLE IF NOT EXISTS match_counts (
    generation   UInt64,
    hour         DateTime('UTC'),     -- toStartOfHour(published_at)
    source       String,
    outlet       String,
    rule         String,
    category     String,
    severity     String,
    voice        String,
    in_quote     UInt8,
    location     String,
    match_rows   Int64,               -- match rows written
    url          String               -- see above; not a dimension
) ENGINE = SummingMergeTree(match_rows)
ORDER BY (generation, hour, rule, source, outlet, category, severity, voice, in_quote, location);

INSERT INTO match_counts (generation, hour, source, outlet, rule, category, severity, voice, in_quote, location, match_rows, url)
SELECT generation, toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
       toInt64(count()) AS match_rows, max(url) AS url
FROM matches
WHERE (SELECT count() FROM match_counts) = 0
GROUP BY generation, hour, source, outlet, rule, category, severity, voice, in_quote, location;

CREATE MATERIALIZED VIEW IF NOT EXISTS match_counts_mv TO match_counts AS
SELECT generation, toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
       toInt64(count()) AS match_rows, max(url) AS url
FROM matches
GROUP BY generation, hour, source, outlet, rule, category, severity, voice, in_quote, location;

CREATE VIEW IF NOT EXISTS rule_counts_hourly AS
SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location,
    toUInt8(voice NOT IN ('mention', 'title')) AS usage,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region,
    match_rows
FROM
(
    SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location, sum(signed) AS match_rows
    FROM
    (
        SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location, match_rows AS signed
        FROM match_counts
        WHERE generation = (SELECT generation FROM generation_in_force)
        UNION ALL
        SELECT toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
               toInt64(-1) AS signed
        FROM matches
        WHERE generation = (SELECT generation FROM generation_in_force)
          AND tag_version IN (SELECT tag_version FROM superseded_taggings)
          AND (url, tag_version) IN (SELECT url, tag_version FROM superseded_taggings)
    )
    GROUP BY hour, source, outlet, rule, category, severity, voice, in_quote, location
    HAVING match_rows != 0
);

CREATE VIEW IF NOT EXISTS weekly_rule_counts AS
SELECT toMonday(hour) AS week, rule, category, severity, outlet, outlet_type, nation, region,
    sumIf(match_rows, usage = 1) AS uses,
    sumIf(match_rows, journalist_voice = 1) AS journalist_uses,
    sumIf(match_rows, quoted = 1) AS quoted_uses,
    sumIf(match_rows, usage = 0) AS not_uses
FROM rule_counts_hourly
GROUP BY week, rule, category, severity, outlet, outlet_type, nation, region;

CREATE VIEW IF NOT EXISTS weekly_frame_counts AS
SELECT week, frame, outlet, outlet_type, nation, region,
    countIf(fired = 1) AS articles,
    uniqExactIf(story_key, fired = 1) AS stories
FROM current_frames
GROUP BY week, frame, outlet, outlet_type, nation, region;

CREATE VIEW IF NOT EXISTS weekly_frame_share AS
SELECT week, frame, stories, total_stories, if(total_stories = 0, 0, stories / total_stories) AS share
FROM
(
    SELECT week, frame, uniqExact(story_key) AS stories
    FROM current_frames
    WHERE fired = 1
    GROUP BY week, frame
) AS fired_frames
ANY LEFT JOIN
(
    SELECT week, uniqExact(story_key) AS total_stories
    FROM current_articles
    GROUP BY week
) AS totals USING week;

-- 011_time_ordered.sql
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

CREATE VIEW IF NOT EXISTS current_articles_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM articles_by_time
WHERE (url, version) NOT IN (SELECT url, version FROM superseded_articles);

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

CREATE VIEW IF NOT EXISTS current_taggings_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week
FROM taggings_by_time
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

-- 012_story_and_rule_index.sql
CREATE TABLE IF NOT EXISTS story_articles (
    story_key    String,              -- if(story_id = '', url, story_id), as in the current_* views
    url          String,
    published_at DateTime('UTC')
) ENGINE = ReplacingMergeTree
ORDER BY (story_key, url, published_at);

INSERT INTO story_articles (story_key, url, published_at)
SELECT if(story_id = '', url, story_id), url, published_at
FROM articles
WHERE (SELECT count() FROM story_articles) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS story_articles_mv TO story_articles AS
SELECT if(story_id = '', url, story_id) AS story_key, url, published_at
FROM articles;

CREATE TABLE IF NOT EXISTS article_rules (
    url          String,
    rule         String,
    published_at DateTime('UTC')      -- of the match rows (the article's, when it was tagged)
) ENGINE = ReplacingMergeTree
ORDER BY (url, rule, published_at);

INSERT INTO article_rules (url, rule, published_at)
SELECT url, rule, published_at
FROM matches
WHERE (SELECT count() FROM article_rules) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS article_rules_mv TO article_rules AS
SELECT url, rule, published_at
FROM matches
GROUP BY url, rule, published_at;

-- 013_trend_dimensions.sql
DROP TABLE IF EXISTS current_taggings_by_time;

CREATE VIEW IF NOT EXISTS current_taggings_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM taggings_by_time
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

