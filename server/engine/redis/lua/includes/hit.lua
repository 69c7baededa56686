--[[
  The sliding-window hit, shared by hit-1.lua and cappedAward (inlined by
  redis-scripts.ts at `--- @include "includes/hit"`).
  Mirrors: server/domain/limits.ts decideHit()

  key: the window zset, id -> time it was counted (ms). A hit counted at t is
  in the window while now - t < windowMs (0 = forever). ttl_ms (0 = none) is
  housekeeping only, longer than the window.
  Returns allowed (1|0), duplicate (1|0), count.
]]
local function window_hit(key, id, limit, windowMs, now, ttl_ms)
  if windowMs > 0 then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%d', now - windowMs))
  end
  local count = redis.call('ZCARD', key)
  if redis.call('ZSCORE', key, id) then return 0, 1, count end
  if count >= limit then return 0, 0, count end
  redis.call('ZADD', key, string.format('%d', now), id)
  if ttl_ms > 0 then redis.call('PEXPIRE', key, ttl_ms) end
  return 1, 0, count + 1
end
