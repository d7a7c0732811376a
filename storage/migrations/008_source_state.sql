-- framewatch schema, version 8: crawl state per source. Every crawl of a
-- source records whether its feed or listing could be read; after
-- consecutive failures the daemon backs off (with jitter) until
-- next_attempt, and a source failing since more than a day shows in the
-- health endpoint, the web UI and the digest's data quality. The newest row
-- of a source wins.

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
