--[[
  Sliding-window counter of distinct ids (see RedisEngine.hit).
  Mirrors: server/domain/limits.ts decideHit() (through includes/hit.lua)

  Input:
    KEYS[1] window zset            id -> time it was counted (ms)
    ARGV[1] id
    ARGV[2] limit
    ARGV[3] windowMs (0 = forever)
    ARGV[4] nowMs
    ARGV[5] key TTL in ms (0 = none): housekeeping only, longer than the window

  Output: { allowed (1|0), duplicate (1|0), count }
]]
--- @include "includes/hit"

local allowed, duplicate, count = window_hit(KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
return { allowed, duplicate, count }
