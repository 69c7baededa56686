--[[
  Shared by watchAccrue and watchCredit (inlined by redis-scripts.ts at
  `--- @include`, after includes/fmt, which it uses): credited watch time is
  added to the member's total and to the show's stats together.
  Mirrors: server/domain/watch.ts accrueWatch() / creditWatch() with addShowWatch()
]]

-- total: the state's totalMs before; ms: the time credited now. Adding nothing
-- changes nothing: the writes are skipped, the values are the same.
local function add_watch_time(key, stats_key, total, ms)
  if ms <= 0 then return end
  redis.call('HSET', key, 'totalMs', fmt(total + ms))
  redis.call('HINCRBY', stats_key, 'watchMs', fmt(ms))
end
