-- framewatch schema, version 7 (renumbered from 005, which the crawl-log batch token had taken).
-- A match inside the title of a work (voice 'title') is, like a word
-- discussed as a word (voice 'mention'), kept for readers but never a use:
-- the usage classes of current_matches leave both out.

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
