-- active_tenants_drop with baseline: same_weekday and same_weekday_adjusted, for every hour in
-- [from, to) of the overall table. same_weekday: the median (or mean) of active_24h at the same hour
-- of the earlier weeks. same_weekday_adjusted: today's weekly_avg times the median (or mean) of those
-- hours' active_24h / weekly_avg (the weekday's shape, at today's level).
-- Parameters, in order: weeks (4), the hours that were firing ('YYYY-MM-DD HH:MM:SS' joined by ',';
-- '' for none), from, to (UTC text). Per plan: read active_tenants_hourly_by_plan, and add plan to the
-- earlier weeks' GROUP BY and to the join.
WITH earlier AS (
    SELECT window_end + toIntervalWeek(k) AS hour,              -- the hour this row is an earlier week of
           arraySort(groupArray(active_24h)) AS weeks,
           arraySort(groupArrayIf(active_24h / ifNull(weekly_avg, 0),
                                  ifNull(weekly_avg, 0) > 0)) AS ratios  -- hours with a level only
    FROM tenant_pulse.active_tenants_hourly FINAL
    ARRAY JOIN range(1, toUInt8(?) + 1) AS k
    WHERE NOT has(splitByChar(',', ?), toString(window_end))    -- leave out hours that were firing
    GROUP BY hour)
SELECT toString(h.window_end) AS window_end,
       h.active_24h AS active_24h,
       h.weekly_avg AS weekly_avg,
       length(e.weeks) AS weeks_used,
       if(weeks_used = 0, NULL,                                  -- the middle value, or the mean of the two
          arrayAvg(arraySlice(e.weeks, intDiv(weeks_used + 1, 2), 2 - weeks_used % 2))) AS median_baseline,
       if(weeks_used = 0, NULL, arrayAvg(e.weeks)) AS mean_baseline,
       (median_baseline - h.active_24h) / median_baseline AS drop_vs_median,
       length(e.ratios) AS ratios_used,
       if(ratios_used = 0, NULL,                                 -- NULL too while weekly_avg is
          h.weekly_avg * arrayAvg(arraySlice(e.ratios, intDiv(ratios_used + 1, 2), 2 - ratios_used % 2)))
           AS adjusted_median_baseline,
       if(ratios_used = 0, NULL, h.weekly_avg * arrayAvg(e.ratios)) AS adjusted_mean_baseline,
       (adjusted_median_baseline - h.active_24h) / adjusted_median_baseline AS drop_vs_adjusted_median
FROM tenant_pulse.active_tenants_hourly AS h FINAL
LEFT JOIN earlier AS e ON e.hour = h.window_end
WHERE h.window_end >= toDateTime(?, 'UTC') AND h.window_end < toDateTime(?, 'UTC')
ORDER BY h.window_end
