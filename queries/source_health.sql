-- source_health: which configured sources failed or went quiet?
-- Answers: per configured source (latest row of `sources`), fetches and
-- failed fetches in the period (crawl_log), the last failure's error,
-- articles published in the period (current_articles_by_time), the last time a
-- fetch stored an article before the period ended (1970-01-01 = never), and
-- when the source's current run of failed crawls began (source_state;
-- 1970-01-01 = not failing), and a status: 'failing' (failing for more
-- than a day before the period ended, or every fetch of the period failed),
-- 'not crawled' (no fetch in the period), 'quiet' (fetched but no article
-- published in the period), 'some failures', or 'ok'. Problems first.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
SELECT
    source, outlet, kind, url, fetches, failed, last_error, articles, last_stored, failing_since,
    multiIf(failing_since > toDateTime(86400) AND failing_since <= {week_end:DateTime} - 86400, 'failing',
            fetches = 0, 'not crawled', failed = fetches, 'failing', articles = 0, 'quiet',
            failed > 0, 'some failures', 'ok') AS status
FROM
(
    SELECT source, outlet, kind, url, failing_since, fetches, failed, last_error, last_stored
    FROM
    (
        SELECT source, outlet, kind, url, failing_since
        FROM
        (
            SELECT name AS source, argMax(outlet, version) AS outlet, argMax(kind, version) AS kind,
                   argMax(url, version) AS url
            FROM sources
            GROUP BY name
        ) AS s0
        ANY LEFT JOIN
        (
            SELECT source, argMax(failing_since, version) AS failing_since
            FROM source_state
            GROUP BY source
        ) AS s1 USING source
    ) AS l1
    ANY LEFT JOIN
    (
        SELECT source,
               countIf(time >= {week_start:DateTime}) AS fetches,
               countIf(time >= {week_start:DateTime} AND outcome = 'failed') AS failed,
               argMaxIf(error, time, time >= {week_start:DateTime} AND outcome = 'failed') AS last_error,
               maxIf(time, outcome = 'stored') AS last_stored
        FROM crawl_log
        WHERE time < {week_end:DateTime}
        GROUP BY source
    ) AS r3 USING source
) AS l2
ANY LEFT JOIN
(
    SELECT source, count() AS articles
    FROM current_articles_by_time
    WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
    GROUP BY source
) AS r4 USING source
ORDER BY status = 'ok', status, source
