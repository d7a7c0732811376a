-- trend_frames: how did each frame's share of stories move week by week?
-- Answers: per week (starting Monday in {tz}), the week's tagged stories
-- (stories) and, for each frame that fired in one of them, the stories
-- where it fired, for the outlet chosen ('' = every outlet);
-- share = fired_stories / stories. Each week also has a row for frame ''
-- (no frame is called that) whose fired_stories are all its stories, so a
-- week in which no frame fired still says how many stories it had.
-- Parameters:
--   {tz:String}          IANA time zone weeks start in, e.g. Europe/London
--   {since:DateTime}     published at or after (UTC)
--   {until:DateTime}     published before (UTC)
--   {outlet:String}      outlet display name, '' for all
--   {outlet_type:String} the source's outlet_type from the config, '' for all
-- One read of the taggings in force, one row per article: each tagging is
-- counted under '' and under every frame it fired.
SELECT week, frame, fired_stories, stories
FROM
(
    SELECT week,
           groupArray(frame) AS frames,
           groupArray(frame_stories) AS fired,
           maxIf(frame_stories, frame = '') AS stories
    FROM
    (
        SELECT toMonday(published_at, {tz:String}) AS week, frame, uniqExact(story_key) AS frame_stories
        FROM current_taggings_by_time
        ARRAY JOIN arrayPushFront(frames_fired, '') AS frame
        WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
          AND ({outlet:String} = '' OR outlet = {outlet:String})
          AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
        GROUP BY week, frame
    )
    GROUP BY week
)
ARRAY JOIN frames AS frame, fired AS fired_stories
ORDER BY week, frame
