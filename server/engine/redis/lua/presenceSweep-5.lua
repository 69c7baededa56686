--[[
  Remove every connection a dead process held in one show (see
  RedisLiveness). Idempotent: a second sweep finds nothing left.

  Input:
    KEYS[1] show connections hash    connId -> viewerKey
    KEYS[2] show owners hash         connId -> processId
    KEYS[3] show viewers hash        viewerKey -> number of connections
    KEYS[4] show member count        string
    KEYS[5] show process conns set   connIds held by ARGV[1]

    ARGV[1] processId of the dead process

  Output: { removedConnections, viewers, members }
]]
local removed = 0
for _, connId in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  local viewerKey = redis.call('HGET', KEYS[1], connId)
  -- Only connections still owned by the dead process (a connId is never reused, but be exact).
  if viewerKey and redis.call('HGET', KEYS[2], connId) == ARGV[1] then
    redis.call('HDEL', KEYS[1], connId)
    redis.call('HDEL', KEYS[2], connId)
    removed = removed + 1
    if redis.call('HINCRBY', KEYS[3], viewerKey, -1) <= 0 then
      redis.call('HDEL', KEYS[3], viewerKey)
      if string.sub(viewerKey, 1, 2) == 'm:' and redis.call('DECR', KEYS[4]) <= 0 then
        redis.call('DEL', KEYS[4])
      end
    end
  end
end
redis.call('DEL', KEYS[5])
return { removed, redis.call('HLEN', KEYS[3]), tonumber(redis.call('GET', KEYS[4]) or '0') }
