-- framewatch schema, version 10: hourly counts of rule uses, kept by a
-- materialized view, for trends over months in milliseconds.
--
-- A year of weekly term counts read five million match rows from
-- current_matches (and their urls, to leave out replaced taggings). The
-- counts are now summed as the rows arrive: match_counts holds, per
-- generation, hour and every dimension a trend filters on, how many match
-- rows were written. Nothing is ever subtracted from it: a tagging replaced
-- inside its generation (a re-crawl, an interrupted retag) is still counted
-- there, and rule_counts_hourly takes it off again by reading those few
-- rows from matches (superseded_taggings lists them; tag_version narrows
-- the read to their write). So the view answers exactly what
-- current_matches would, whatever merges have or have not happened.
--
-- Hours, not days or weeks: a week in the digest's time zone
-- (Europe/London) starts at 23:00 or 00:00 UTC, and hours add up to it.
--
-- url is the greatest url of the rows a write counted, never read: it makes
-- every write's block unique, so a replicated table never drops one as a
-- repeated insert, and it keeps the table per shard in cluster mode.
--
-- The backfill runs before the view exists and only into an empty table, so
-- running this file again after an interruption counts nothing twice (a
-- store is migrated before anything writes to it).

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

-- The match rows of the generation in force per hour: what
-- `SELECT toStartOfHour(published_at), …, count() FROM current_matches GROUP BY …`
-- answers, from match_counts. usage, journalist_voice and quoted as in
-- current_matches.
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

-- Weekly (UTC Monday) uses per rule, category, outlet and voice class.
CREATE VIEW IF NOT EXISTS weekly_rule_counts AS
SELECT toMonday(hour) AS week, rule, category, severity, outlet, outlet_type, nation, region,
    sumIf(match_rows, usage = 1) AS uses,
    sumIf(match_rows, journalist_voice = 1) AS journalist_uses,
    sumIf(match_rows, quoted = 1) AS quoted_uses,
    sumIf(match_rows, usage = 0) AS not_uses
FROM rule_counts_hourly
GROUP BY week, rule, category, severity, outlet, outlet_type, nation, region;

-- Weekly (UTC Monday) articles and stories carrying each frame, per outlet.
-- Exact, straight from current_frames (stories cannot be summed).
CREATE VIEW IF NOT EXISTS weekly_frame_counts AS
SELECT week, frame, outlet, outlet_type, nation, region,
    countIf(fired = 1) AS articles,
    uniqExactIf(story_key, fired = 1) AS stories
FROM current_frames
GROUP BY week, frame, outlet, outlet_type, nation, region;

-- Weekly (UTC Monday) share of stories, not copies, carrying each frame:
-- a story counts for a frame when any copy carried it.
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
