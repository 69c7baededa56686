--[[
  Add watch time directly (a guest's accrued time credited on sign-up).

  Input:
    KEYS[1] watch state hash of (show, member); created as newWatchState(now, null) if absent
    KEYS[2] show stats hash (field watchMs)

    ARGV[1] ms to add (>= 0)
    ARGV[2] nowMs

  Output: { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, previousTotalMs }
]]
local function fmt(n)
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format('%d', n) end
  return string.format('%.17g', n)
end

local key = KEYS[1]
local ms = tonumber(ARGV[1])
if redis.call('EXISTS', key) == 0 then
  redis.call('HSET', key, 'lastInteractionAt', ARGV[2], 'totalMs', '0', 'chestsClaimed', '0')
end
local previous = tonumber(redis.call('HGET', key, 'totalMs'))
if ms > 0 then
  redis.call('HSET', key, 'totalMs', fmt(previous + ms))
  redis.call('HINCRBY', KEYS[2], 'watchMs', fmt(ms))
end
local out = redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs', 'chestsClaimed', 'referrerId')
out[6] = fmt(previous)
return out
