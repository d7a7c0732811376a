-- framewatch schema, version 13: current_taggings_by_time carries the
-- outlet's type, nation and region, as the other time-ordered views do.
--
-- A trend of frame shares filtered by outlet type read current_frames,
-- eight rows per article (one per frame, fired or not) with their urls, to
-- count each week's stories and those where a frame fired. The tagging in
-- force of each article already lists its fired frames (frames_fired) in
-- one row, sorted by published_at: with the outlet's type on that row, the
-- trends read an eighth of the rows.

DROP TABLE IF EXISTS current_taggings_by_time;

CREATE VIEW IF NOT EXISTS current_taggings_by_time AS
SELECT *,
    if(story_id = '', url, story_id) AS story_key,
    toMonday(published_at) AS week,
    transform(source, (SELECT names FROM source_map), (SELECT outlet_types FROM source_map), '') AS outlet_type,
    transform(source, (SELECT names FROM source_map), (SELECT nations FROM source_map), '') AS nation,
    transform(source, (SELECT names FROM source_map), (SELECT regions FROM source_map), '') AS region
FROM taggings_by_time
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);
