-- entities_top: which people, places and organisations were most in the news?
-- Answers: per kind (people = PERSON; places = PLACE, PRISON, COURT;
-- organisations = everything else: ORG, POLICE, …), the {per_kind} names
-- named in most distinct stories, with total mentions.
-- Parameters:
--   {week_start:DateTime}  first instant of the period (UTC, inclusive)
--   {week_end:DateTime}    end of the period (UTC, exclusive)
--   {per_kind:UInt64}      names per kind (digest: 8)
SELECT
    multiIf(type = 'PERSON', 'people', type IN ('PLACE', 'PRISON', 'COURT'), 'places', 'organisations') AS kind,
    name,
    uniqExact(story_key) AS stories,
    sum(mentions) AS mentions
FROM current_entities
WHERE published_at >= {week_start:DateTime} AND published_at < {week_end:DateTime}
GROUP BY kind, name
ORDER BY kind, stories DESC, mentions DESC, name
LIMIT {per_kind:UInt64} BY kind
