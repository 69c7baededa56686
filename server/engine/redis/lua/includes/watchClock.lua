--[[
  One show at a time, shared by watchClock and beatAward (inlined by
  redis-scripts.ts at `--- @include`, after includes/fmt, which it uses).
  Mirrors: server/domain/watch.ts claimWatchClock()

  key: the member's clock hash (streamId, atMs); absent: nobody holds it.
  Returns granted (1|0), the holder's streamId, freeSinceMs as text or ''.
]]
local function claim_watch_clock(key, stream, now_text, lease)
  local now = tonumber(now_text)
  local c = redis.call('HMGET', key, 'streamId', 'atMs')
  if not c[1] then
    redis.call('HSET', key, 'streamId', stream, 'atMs', now_text)
    return 1, stream, ''
  end
  local at = tonumber(c[2])
  if c[1] == stream then
    redis.call('HSET', key, 'atMs', fmt(math.max(at, now)))
    return 1, stream, ''
  end
  if now < at + lease then return 0, c[1], '' end
  redis.call('HSET', key, 'streamId', stream, 'atMs', now_text)
  return 1, stream, fmt(at)
end
