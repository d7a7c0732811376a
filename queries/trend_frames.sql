-- trend_frames: how did each frame's share of stories move week by week?
-- Answers: per week (starting Monday in {tz}) and frame, the stories where
-- the frame fired and all tagged stories that week, for the outlet chosen
-- ('' = every outlet); share = fired_stories / stories.
-- Parameters:
--   {tz:String}          IANA time zone weeks start in, e.g. Europe/London
--   {since:DateTime}     published at or after (UTC)
--   {until:DateTime}     published before (UTC)
--   {outlet:String}      outlet display name, '' for all
--   {outlet_type:String} the source's outlet_type from the config, '' for all
-- One read of current_frames: WITH ROLLUP adds each week's row over all
-- frames (frame '', which no frame is called), whose uniqExact is the
-- week's stories; the frames are then joined back to it.
SELECT week, frame, fired_stories, stories
FROM
(
    SELECT week,
           groupArrayIf(frame, frame != '') AS frames,
           groupArrayIf(fired_in_week, frame != '') AS fired,
           maxIf(week_stories, frame = '') AS stories
    FROM
    (
        SELECT toMonday(published_at, {tz:String}) AS week, frame,
               uniqExactIf(story_key, fired = 1) AS fired_in_week,
               uniqExact(story_key) AS week_stories
        FROM current_frames
        WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
          AND ({outlet:String} = '' OR outlet = {outlet:String})
          AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
        GROUP BY week, frame WITH ROLLUP
    )
    GROUP BY week
)
ARRAY JOIN frames AS frame, fired AS fired_stories
ORDER BY week, frame
