-- framewatch schema, version 5: crawl_log rows carry the token of the write
-- that made them, so a write retried after an outage, or replayed from the
-- spool after a crash, is applied once (storage/durable.go). Old rows: 0.

ALTER TABLE crawl_log ADD COLUMN batch UInt64 DEFAULT 0;
