--[[
  Sliding-window counter of distinct ids (see RedisEngine.hit).
  Mirrors: server/domain/limits.ts decideHit()

  Input:
    KEYS[1] window zset            id -> time it was counted (ms)
    ARGV[1] id
    ARGV[2] limit
    ARGV[3] windowMs (0 = forever)
    ARGV[4] nowMs
    ARGV[5] key TTL in ms (0 = none): housekeeping only, longer than the window

  Output: { allowed (1|0), duplicate (1|0), count }

  A hit counted at t is in the window while now - t < windowMs.
]]
local key = KEYS[1]
local limit = tonumber(ARGV[2])
local windowMs = tonumber(ARGV[3])
local now = tonumber(ARGV[4])

if windowMs > 0 then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%d', now - windowMs))
end
local count = redis.call('ZCARD', key)
if redis.call('ZSCORE', key, ARGV[1]) then
  return { 0, 1, count }
end
if count >= limit then
  return { 0, 0, count }
end
redis.call('ZADD', key, string.format('%d', now), ARGV[1])
if tonumber(ARGV[5]) > 0 then
  redis.call('PEXPIRE', key, ARGV[5])
end
return { 1, 0, count + 1 }
