-- framewatch schema, version 9 (008 was taken by source_state).
-- Leases of the jobs that must run once per deployment (the weekly digest,
-- retag): a second instance starting one is refused while the first holds
-- its lease. Every acquisition is its own row (token); renewals and the end
-- of the lease replace it. No url column: in cluster mode this is one
-- global replicated table, read on every node.

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
