-- schema_migrations
CREATE TABLE IF NOT EXISTS `framewatch`.`schema_migrations` ON CLUSTER `framewatch_cluster` (
    version    UInt32,
    name       String,
    applied_at DateTime('UTC')
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/framewatch/schema_migrations', '{shard}-{replica}') ORDER BY version;

-- 001_initial.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`articles_local` ON CLUSTER `framewatch_cluster` (
    url          String,              
    source       String,              
    outlet       String,
    title        String,
    byline       String,
    text         String,              
    summary      String,              
    lang         String,
    kind         String,              
    published_at DateTime('UTC'),     
    date_source  String,              
    fetched_at   DateTime('UTC'),
    story_id     String,              
    fingerprint  UInt64,              
    feed_only    UInt8,               
    word_count   UInt32,
    version      UInt64               
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/articles_local', '{replica}', version) ORDER BY url;

CREATE TABLE IF NOT EXISTS `framewatch`.`articles` ON CLUSTER `framewatch_cluster` AS `framewatch`.`articles_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `articles_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`article_tags_local` ON CLUSTER `framewatch_cluster` (
    url          String,
    ruleset      String,              
    tag_version  UInt64,              
    tagged_at    DateTime('UTC'),
    matches      UInt32,
    frames_fired Array(String)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/article_tags_local', '{replica}', tag_version) ORDER BY url;

CREATE TABLE IF NOT EXISTS `framewatch`.`article_tags` ON CLUSTER `framewatch_cluster` AS `framewatch`.`article_tags_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `article_tags_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`matches_local` ON CLUSTER `framewatch_cluster` (
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
    text         String,              
    sentence     String,
    start_offset UInt32,              
    end_offset   UInt32,
    in_quote     UInt8,
    voice        String,              
    location     String               
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/matches_local', '{replica}') ORDER BY (rule, published_at, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `matches_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`frames_local` ON CLUSTER `framewatch_cluster` (
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
    evidence     Array(String)        
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/frames_local', '{replica}') ORDER BY (frame, published_at, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`frames` ON CLUSTER `framewatch_cluster` AS `framewatch`.`frames_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `frames_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`entities_local` ON CLUSTER `framewatch_cluster` (
    url          String,
    published_at DateTime('UTC'),
    source       String,
    outlet       String,
    story_id     String,
    ruleset      String,
    tag_version  UInt64,
    name         String,
    type         String,              
    mentions     UInt32
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/entities_local', '{replica}') ORDER BY (type, name, published_at);

CREATE TABLE IF NOT EXISTS `framewatch`.`entities` ON CLUSTER `framewatch_cluster` AS `framewatch`.`entities_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `entities_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes_local` ON CLUSTER `framewatch_cluster` (
    url          String,
    tag_version  UInt64,
    location     String,
    start_offset UInt32,
    end_offset   UInt32,
    voice        String,
    cue          String,              
    speaker      String,              
    unbalanced   UInt8
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/quotes_local', '{replica}') ORDER BY (url, tag_version);

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`sources` ON CLUSTER `framewatch_cluster` (
    name         String,
    outlet       String,
    kind         String,
    url          String,
    topic        String,
    schedule     String,
    updated_at   DateTime('UTC'),
    version      UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/framewatch/sources', '{shard}-{replica}', version) ORDER BY name;

CREATE TABLE IF NOT EXISTS `framewatch`.`crawl_log_local` ON CLUSTER `framewatch_cluster` (
    time         DateTime('UTC'),
    source       String,
    url          String,
    status       UInt16,              
    bytes        UInt64,
    duration_ms  UInt32,
    outcome      String,              
    error        String
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/crawl_log_local', '{replica}') ORDER BY (source, time);

CREATE TABLE IF NOT EXISTS `framewatch`.`crawl_log` ON CLUSTER `framewatch_cluster` AS `framewatch`.`crawl_log_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `crawl_log_local`, cityHash64(url));

CREATE TABLE IF NOT EXISTS `framewatch`.`feed_state` ON CLUSTER `framewatch_cluster` (
    url           String,
    etag          String,
    last_modified String,
    updated_at    DateTime('UTC'),
    version       UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/framewatch/feed_state', '{shard}-{replica}', version) ORDER BY url;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_articles_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`articles_local` FINAL;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_articles` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_articles_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_articles_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`matches_local`
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM `framewatch`.`article_tags_local` GROUP BY url);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_frames_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`frames_local`
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM `framewatch`.`article_tags_local` GROUP BY url);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_frames` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_frames_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_frames_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_entities_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`entities_local`
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM `framewatch`.`article_tags_local` GROUP BY url);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_entities` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_entities_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_entities_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_quotes_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`quotes_local`
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM `framewatch`.`article_tags_local` GROUP BY url);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

-- 002_match_messages.sql
ALTER TABLE `framewatch`.`matches_local` ON CLUSTER `framewatch_cluster` ADD COLUMN suggest Array(String);

DROP TABLE IF EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `matches_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

ALTER TABLE `framewatch`.`matches_local` ON CLUSTER `framewatch_cluster` ADD COLUMN message String;

DROP TABLE IF EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `matches_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster`;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`matches_local`
WHERE (url, tag_version) IN (SELECT url, max(tag_version) FROM `framewatch`.`article_tags_local` GROUP BY url);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

-- 003_crawl_log_duration.sql
ALTER TABLE `framewatch`.`crawl_log_local` ON CLUSTER `framewatch_cluster` ADD COLUMN duration Float64 DEFAULT duration_ms / 1000;

DROP TABLE IF EXISTS `framewatch`.`crawl_log` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`crawl_log` ON CLUSTER `framewatch_cluster` AS `framewatch`.`crawl_log_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `crawl_log_local`, cityHash64(url));

-- 004_read_model.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`tag_generations` ON CLUSTER `framewatch_cluster` (
    generation   UInt64,              
    ruleset      String,              
    state        String,              
    scope_since  DateTime('UTC'),     
    started_at   DateTime('UTC'),
    updated_at   DateTime('UTC'),
    version      UInt64               
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/framewatch/tag_generations', '{shard}-{replica}', version) ORDER BY generation;

INSERT INTO tag_generations (generation, ruleset, state, scope_since, started_at, updated_at, version)
SELECT toUInt64(1), '', 'in_force', toDateTime(0, 'UTC'), now(), now(), toUInt64(1);

CREATE TABLE IF NOT EXISTS `framewatch`.`taggings_local` ON CLUSTER `framewatch_cluster` (
    generation   UInt64,
    url          String,
    ruleset      String,
    tag_version  UInt64,
    tagged_at    DateTime('UTC'),
    matches      UInt32,
    frames_fired Array(String)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/taggings_local', '{replica}', tag_version) ORDER BY (generation, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`taggings` ON CLUSTER `framewatch_cluster` AS `framewatch`.`taggings_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `taggings_local`, cityHash64(url));

INSERT INTO taggings (generation, url, ruleset, tag_version, tagged_at, matches, frames_fired)
SELECT toUInt64(1), url, argMax(ruleset, tag_version), max(tag_version), argMax(tagged_at, tag_version),
       argMax(matches, tag_version), argMax(frames_fired, tag_version)
FROM article_tags
GROUP BY url;

CREATE TABLE IF NOT EXISTS `framewatch`.`superseded_taggings_local` ON CLUSTER `framewatch_cluster` (
    url           String,
    tag_version   UInt64,
    generation    UInt64,
    superseded_at DateTime('UTC')
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/superseded_taggings_local', '{replica}') ORDER BY (url, tag_version);

CREATE TABLE IF NOT EXISTS `framewatch`.`superseded_taggings` ON CLUSTER `framewatch_cluster` AS `framewatch`.`superseded_taggings_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `superseded_taggings_local`, cityHash64(url));

ALTER TABLE `framewatch`.`matches_local` ON CLUSTER `framewatch_cluster` ADD COLUMN generation UInt64 DEFAULT 1;

DROP TABLE IF EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `matches_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

ALTER TABLE `framewatch`.`frames_local` ON CLUSTER `framewatch_cluster` ADD COLUMN generation UInt64 DEFAULT 1;

DROP TABLE IF EXISTS `framewatch`.`frames` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`frames` ON CLUSTER `framewatch_cluster` AS `framewatch`.`frames_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `frames_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_frames` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_frames` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_frames_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_frames_local`, rand());

ALTER TABLE `framewatch`.`entities_local` ON CLUSTER `framewatch_cluster` ADD COLUMN generation UInt64 DEFAULT 1;

DROP TABLE IF EXISTS `framewatch`.`entities` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`entities` ON CLUSTER `framewatch_cluster` AS `framewatch`.`entities_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `entities_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_entities` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_entities` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_entities_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_entities_local`, rand());

ALTER TABLE `framewatch`.`quotes_local` ON CLUSTER `framewatch_cluster` ADD COLUMN generation UInt64 DEFAULT 1;

DROP TABLE IF EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

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

CREATE TABLE IF NOT EXISTS `framewatch`.`superseded_articles_local` ON CLUSTER `framewatch_cluster` (
    url           String,
    version       UInt64,
    superseded_at DateTime('UTC')
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/superseded_articles_local', '{replica}') ORDER BY (url, version);

CREATE TABLE IF NOT EXISTS `framewatch`.`superseded_articles` ON CLUSTER `framewatch_cluster` AS `framewatch`.`superseded_articles_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `superseded_articles_local`, cityHash64(url));

INSERT INTO superseded_articles (url, version, superseded_at)
SELECT url, version, now() FROM articles
WHERE (url, version) NOT IN (SELECT url, max(version) FROM articles GROUP BY url);

ALTER TABLE `framewatch`.`sources` ADD COLUMN outlet_type String;

ALTER TABLE `framewatch`.`sources` ADD COLUMN nation String;

ALTER TABLE `framewatch`.`sources` ADD COLUMN region String;

CREATE VIEW IF NOT EXISTS `framewatch`.`generation_in_force` ON CLUSTER `framewatch_cluster` AS SELECT max(generation) AS generation FROM `framewatch`.`tag_generations` WHERE state = 'in_force';

CREATE VIEW IF NOT EXISTS `framewatch`.`source_map` ON CLUSTER `framewatch_cluster` AS SELECT
    arrayConcat([''], arraySort(groupArray(name))) AS names,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, outlet_type))))) AS outlet_types,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, nation))))) AS nations,
    arrayConcat([''], arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((name, region))))) AS regions
FROM
(
    SELECT name, argMax(outlet_type, version) AS outlet_type, argMax(nation, version) AS nation,
           argMax(region, version) AS region
    FROM `framewatch`.`sources`
    GROUP BY name
);

DROP TABLE IF EXISTS `framewatch`.`current_articles` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_articles_local` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_frames` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_frames_local` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_entities` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_entities_local` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_quotes_local` ON CLUSTER `framewatch_cluster`;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_articles_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`articles_local`
WHERE (url, version) NOT IN (SELECT url, version FROM `framewatch`.`superseded_articles_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_articles` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_articles_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_articles_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    toUInt8(voice != 'mention') AS usage,
    toUInt8(voice != 'mention' AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice != 'mention' AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`matches_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_frames_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`frames_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_frames` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_frames_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_frames_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_entities_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`entities_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_entities` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_entities_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_entities_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_quotes_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`quotes_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_taggings_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`taggings_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_taggings` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_taggings_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_taggings_local`, rand());

-- 005_crawl_log_batch.sql
ALTER TABLE `framewatch`.`crawl_log_local` ON CLUSTER `framewatch_cluster` ADD COLUMN batch UInt64 DEFAULT 0;

DROP TABLE IF EXISTS `framewatch`.`crawl_log` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`crawl_log` ON CLUSTER `framewatch_cluster` AS `framewatch`.`crawl_log_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `crawl_log_local`, cityHash64(url));

-- 006_quote_roles.sql
ALTER TABLE `framewatch`.`quotes_local` ON CLUSTER `framewatch_cluster` ADD COLUMN role String;

DROP TABLE IF EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

ALTER TABLE `framewatch`.`quotes_local` ON CLUSTER `framewatch_cluster` ADD COLUMN kind String;

DROP TABLE IF EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

ALTER TABLE `framewatch`.`quotes_local` ON CLUSTER `framewatch_cluster` ADD COLUMN words UInt32;

DROP TABLE IF EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_local`, cityHash64(url));

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

DROP TABLE IF EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_quotes_local` ON CLUSTER `framewatch_cluster`;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_quotes_local` ON CLUSTER `framewatch_cluster` AS SELECT * FROM `framewatch`.`quotes_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_local`, rand());

-- 007_titles_are_not_usage.sql
DROP TABLE IF EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster`;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_matches_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    toUInt8(voice NOT IN ('mention', 'title')) AS usage,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`matches_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_matches` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_matches_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_matches_local`, rand());

-- 008_source_state.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`source_state` ON CLUSTER `framewatch_cluster` (
    source        String,
    failures      UInt32,              
    last_attempt  DateTime('UTC'),
    last_success  DateTime('UTC'),     
    failing_since DateTime('UTC'),     
    next_attempt  DateTime('UTC'),     
    last_error    String,
    version       UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/framewatch/source_state', '{shard}-{replica}', version) ORDER BY source;

-- 009_job_leases.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`job_leases` ON CLUSTER `framewatch_cluster` (
    job         String,
    token       UInt64,
    owner       String,
    state       String,
    acquired_at DateTime('UTC'),
    expires_at  DateTime('UTC'),
    version     UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/framewatch/job_leases', '{shard}-{replica}', version) ORDER BY (job, token);

-- 010_weekly_counts.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`match_counts_local` ON CLUSTER `framewatch_cluster` (
    generation   UInt64,
    hour         DateTime('UTC'),     
    source       String,
    outlet       String,
    rule         String,
    category     String,
    severity     String,
    voice        String,
    in_quote     UInt8,
    location     String,
    match_rows   Int64,               
    url          String               
) ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/framewatch/match_counts_local', '{replica}', match_rows) ORDER BY (generation, hour, rule, source, outlet, category, severity, voice, in_quote, location);

CREATE TABLE IF NOT EXISTS `framewatch`.`match_counts` ON CLUSTER `framewatch_cluster` AS `framewatch`.`match_counts_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `match_counts_local`, cityHash64(url));

INSERT INTO match_counts (generation, hour, source, outlet, rule, category, severity, voice, in_quote, location, match_rows, url)
SELECT generation, toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
       toInt64(count()) AS match_rows, max(url) AS url
FROM matches
WHERE (SELECT count() FROM match_counts) = 0
GROUP BY generation, hour, source, outlet, rule, category, severity, voice, in_quote, location;

CREATE MATERIALIZED VIEW IF NOT EXISTS `framewatch`.`match_counts_mv_local` ON CLUSTER `framewatch_cluster` TO `framewatch`.`match_counts_local` AS SELECT generation, toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
       toInt64(count()) AS match_rows, max(url) AS url
FROM `framewatch`.`matches_local`
GROUP BY generation, hour, source, outlet, rule, category, severity, voice, in_quote, location;

CREATE VIEW IF NOT EXISTS `framewatch`.`rule_counts_hourly_local` ON CLUSTER `framewatch_cluster` AS SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location,
    toUInt8(voice NOT IN ('mention', 'title')) AS usage,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 0 AND voice != 'author') AS journalist_voice,
    toUInt8(voice NOT IN ('mention', 'title') AND in_quote = 1) AS quoted,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region,
    match_rows
FROM
(
    SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location, sum(signed) AS match_rows
    FROM
    (
        SELECT hour, source, outlet, rule, category, severity, voice, in_quote, location, match_rows AS signed
        FROM `framewatch`.`match_counts_local`
        WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
        UNION ALL
        SELECT toStartOfHour(published_at) AS hour, source, outlet, rule, category, severity, voice, in_quote, location,
               toInt64(-1) AS signed
        FROM `framewatch`.`matches_local`
        WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
          AND tag_version IN (SELECT tag_version FROM `framewatch`.`superseded_taggings_local`)
          AND (url, tag_version) IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`)
    )
    GROUP BY hour, source, outlet, rule, category, severity, voice, in_quote, location
    HAVING match_rows != 0
);

CREATE TABLE IF NOT EXISTS `framewatch`.`rule_counts_hourly` ON CLUSTER `framewatch_cluster` AS `framewatch`.`rule_counts_hourly_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `rule_counts_hourly_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`weekly_rule_counts` ON CLUSTER `framewatch_cluster` AS SELECT toMonday(hour) AS week, rule, category, severity, outlet, outlet_type, nation, region,
    sumIf(match_rows, usage = 1) AS uses,
    sumIf(match_rows, journalist_voice = 1) AS journalist_uses,
    sumIf(match_rows, quoted = 1) AS quoted_uses,
    sumIf(match_rows, usage = 0) AS not_uses
FROM `framewatch`.`rule_counts_hourly`
GROUP BY week, rule, category, severity, outlet, outlet_type, nation, region;

CREATE VIEW IF NOT EXISTS `framewatch`.`weekly_frame_counts` ON CLUSTER `framewatch_cluster` AS SELECT week, frame, outlet, outlet_type, nation, region,
    countIf(fired = 1) AS articles,
    uniqExactIf(story_key, fired = 1) AS stories
FROM `framewatch`.`current_frames`
GROUP BY week, frame, outlet, outlet_type, nation, region;

CREATE VIEW IF NOT EXISTS `framewatch`.`weekly_frame_share_local` ON CLUSTER `framewatch_cluster` AS SELECT week, frame, stories, total_stories, if(total_stories = 0, 0, stories / total_stories) AS share
FROM
(
    SELECT week, frame, uniqExact(story_key) AS stories
    FROM `framewatch`.`current_frames_local`
    WHERE fired = 1
    GROUP BY week, frame
) AS fired_frames
ANY LEFT JOIN
(
    SELECT week, uniqExact(story_key) AS total_stories
    FROM `framewatch`.`current_articles_local`
    GROUP BY week
) AS totals USING week;

CREATE TABLE IF NOT EXISTS `framewatch`.`weekly_frame_share` ON CLUSTER `framewatch_cluster` AS `framewatch`.`weekly_frame_share_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `weekly_frame_share_local`, rand());

-- 011_time_ordered.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`articles_by_time_local` ON CLUSTER `framewatch_cluster` (
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/articles_by_time_local', '{replica}', version) ORDER BY (published_at, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`articles_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`articles_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `articles_by_time_local`, cityHash64(url));

INSERT INTO articles_by_time (url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version)
SELECT url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version
FROM articles
WHERE (SELECT count() FROM articles_by_time) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `framewatch`.`articles_by_time_mv_local` ON CLUSTER `framewatch_cluster` TO `framewatch`.`articles_by_time_local` AS SELECT url, source, outlet, title, lang, kind, published_at, date_source, fetched_at, story_id, feed_only, word_count, version
FROM `framewatch`.`articles_local`;

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes_by_time_local` ON CLUSTER `framewatch_cluster` (
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
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/quotes_by_time_local', '{replica}') ORDER BY (generation, published_at, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`quotes_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`quotes_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `quotes_by_time_local`, cityHash64(url));

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

CREATE TABLE IF NOT EXISTS `framewatch`.`taggings_by_time_local` ON CLUSTER `framewatch_cluster` (
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
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/framewatch/taggings_by_time_local', '{replica}') ORDER BY (generation, published_at, url);

CREATE TABLE IF NOT EXISTS `framewatch`.`taggings_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`taggings_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `taggings_by_time_local`, cityHash64(url));

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

CREATE VIEW IF NOT EXISTS `framewatch`.`current_articles_by_time_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`articles_by_time_local`
WHERE (url, version) NOT IN (SELECT url, version FROM `framewatch`.`superseded_articles_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_articles_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_articles_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_articles_by_time_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_quotes_by_time_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`quotes_by_time_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_quotes_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_quotes_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_quotes_by_time_local`, rand());

CREATE VIEW IF NOT EXISTS `framewatch`.`current_taggings_by_time_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week
FROM `framewatch`.`taggings_by_time_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_taggings_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_taggings_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_taggings_by_time_local`, rand());

-- 012_story_and_rule_index.sql
CREATE TABLE IF NOT EXISTS `framewatch`.`story_articles_local` ON CLUSTER `framewatch_cluster` (
    story_key    String,              
    url          String,
    published_at DateTime('UTC')
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/story_articles_local', '{replica}') ORDER BY (story_key, url, published_at);

CREATE TABLE IF NOT EXISTS `framewatch`.`story_articles` ON CLUSTER `framewatch_cluster` AS `framewatch`.`story_articles_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `story_articles_local`, cityHash64(url));

INSERT INTO story_articles (story_key, url, published_at)
SELECT if(story_id = '', url, story_id), url, published_at
FROM articles
WHERE (SELECT count() FROM story_articles) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `framewatch`.`story_articles_mv_local` ON CLUSTER `framewatch_cluster` TO `framewatch`.`story_articles_local` AS SELECT if(story_id = '', url, story_id) AS story_key, url, published_at
FROM `framewatch`.`articles_local`;

CREATE TABLE IF NOT EXISTS `framewatch`.`article_rules_local` ON CLUSTER `framewatch_cluster` (
    url          String,
    rule         String,
    published_at DateTime('UTC')      
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/framewatch/article_rules_local', '{replica}') ORDER BY (url, rule, published_at);

CREATE TABLE IF NOT EXISTS `framewatch`.`article_rules` ON CLUSTER `framewatch_cluster` AS `framewatch`.`article_rules_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `article_rules_local`, cityHash64(url));

INSERT INTO article_rules (url, rule, published_at)
SELECT url, rule, published_at
FROM matches
WHERE (SELECT count() FROM article_rules) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `framewatch`.`article_rules_mv_local` ON CLUSTER `framewatch_cluster` TO `framewatch`.`article_rules_local` AS SELECT url, rule, published_at
FROM `framewatch`.`matches_local`
GROUP BY url, rule, published_at;

-- 013_trend_dimensions.sql
DROP TABLE IF EXISTS `framewatch`.`current_taggings_by_time` ON CLUSTER `framewatch_cluster`;

DROP TABLE IF EXISTS `framewatch`.`current_taggings_by_time_local` ON CLUSTER `framewatch_cluster`;

CREATE VIEW IF NOT EXISTS `framewatch`.`current_taggings_by_time_local` ON CLUSTER `framewatch_cluster` AS SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT outlet_types FROM `framewatch`.`source_map`), '') AS outlet_type,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT nations FROM `framewatch`.`source_map`), '') AS nation,
    transform(source, (SELECT names FROM `framewatch`.`source_map`), (SELECT regions FROM `framewatch`.`source_map`), '') AS region
FROM `framewatch`.`taggings_by_time_local`
WHERE generation = (SELECT generation FROM `framewatch`.`generation_in_force`)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM `framewatch`.`superseded_taggings_local`);

CREATE TABLE IF NOT EXISTS `framewatch`.`current_taggings_by_time` ON CLUSTER `framewatch_cluster` AS `framewatch`.`current_taggings_by_time_local` ENGINE = Distributed(`framewatch_cluster`, `framewatch`, `current_taggings_by_time_local`, rand());

