-- framewatch schema, version 3: crawl_log gets the `duration` column the
-- issue's contract names (time, source, url, status, bytes, duration, error),
-- in seconds. duration_ms stays for queries already written against it; old
-- rows compute duration from it.

ALTER TABLE crawl_log ADD COLUMN duration Float64 DEFAULT duration_ms / 1000;
