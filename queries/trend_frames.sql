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
SELECT week, frame, fired_stories, stories
FROM
(
    SELECT toMonday(published_at, {tz:String}) AS week, frame,
           uniqExactIf(story_key, fired = 1) AS fired_stories
    FROM current_frames
    WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
      AND ({outlet:String} = '' OR outlet = {outlet:String})
      AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
    GROUP BY week, frame
) AS l1
ANY LEFT JOIN
(
    SELECT toMonday(published_at, {tz:String}) AS week,
           uniqExact(story_key) AS stories
    FROM current_frames
    WHERE published_at >= {since:DateTime} AND published_at < {until:DateTime}
      AND ({outlet:String} = '' OR outlet = {outlet:String})
      AND ({outlet_type:String} = '' OR outlet_type = {outlet_type:String})
    GROUP BY week
) AS r2 USING week
ORDER BY week, frame
