--[[
  One show at a time: may a show credit the member's watch time now? The
  member's clock is held by the show of the last granted claim until
  atMs + leaseMs; another show is refused (nothing changes) until then.

  Mirrors: server/domain/watch.ts claimWatchClock()

  Input:
    KEYS[1] the member's clock hash (streamId, atMs); absent: nobody holds it
    ARGV[1] streamId
    ARGV[2] nowMs
    ARGV[3] leaseMs

  Output: { granted (1|0), holder streamId, freeSinceMs|'' }
]]
--- @include "includes/fmt"

local key = KEYS[1]
local stream = ARGV[1]
local now = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local c = redis.call('HMGET', key, 'streamId', 'atMs')
if not c[1] then
  redis.call('HSET', key, 'streamId', stream, 'atMs', ARGV[2])
  return { 1, stream, '' }
end
local at = tonumber(c[2])
if c[1] == stream then
  redis.call('HSET', key, 'atMs', fmt(math.max(at, now)))
  return { 1, stream, '' }
end
if now < at + lease then return { 0, c[1], '' } end
redis.call('HSET', key, 'streamId', stream, 'atMs', ARGV[2])
return { 1, stream, fmt(at) }
