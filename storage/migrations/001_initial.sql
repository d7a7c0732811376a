-- framewatch schema, version 1.
-- Runs unchanged on ClickHouse 18.16 and on current releases (server and chDB).
-- Statements are separated by a line that ends in ';'.

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

-- One row per tagging of an article. The newest tag_version of a url is the
-- tagging in force; matches/frames/entities/quotes of older taggings stay in
-- their tables but drop out of the current_* views.
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

-- Conditional-GET validators remembered across runs.
CREATE TABLE IF NOT EXISTS feed_state (
    url           String,
    etag          String,
    last_modified String,
    updated_at    DateTime('UTC'),
    version       UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY url;

-- The views below are the correct way to read before background merges:
-- they collapse re-crawls and keep only the tagging in force.
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
