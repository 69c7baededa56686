--[[
  Record one connection of a viewer to a show (see RedisEngine.join).
  Idempotent per connId: joining again with a known connId changes nothing.

  Input:
    KEYS[1] show connections hash    connId -> viewerKey
    KEYS[2] show owners hash         connId -> processId that holds the socket
    KEYS[3] show viewers hash        viewerKey -> number of connections
    KEYS[4] show member count        string: viewers whose key starts with 'm:'
    KEYS[5] show process conns set   connIds held by ARGV[3] (swept when it dies)

    ARGV[1] connId
    ARGV[2] viewerKey ('m:<memberId>' or 'g:<connId>')
    ARGV[3] processId

  Output: { firstConnection (1|0), viewers, members }
]]
local first = 0
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('SADD', KEYS[5], ARGV[1])
  if redis.call('HINCRBY', KEYS[3], ARGV[2], 1) == 1 then
    first = 1
    if string.sub(ARGV[2], 1, 2) == 'm:' then
      redis.call('INCR', KEYS[4])
    end
  end
end
return { first, redis.call('HLEN', KEYS[3]), tonumber(redis.call('GET', KEYS[4]) or '0') }
