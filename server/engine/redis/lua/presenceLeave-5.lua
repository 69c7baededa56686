--[[
  Remove one connection (see RedisEngine.leave). Unknown connId: no change.
  The per-process set is a KEY, so the caller names the owner it expects; when
  another process owns the connection the script changes nothing and returns
  that owner so the caller can retry with the right key.

  Input:
    KEYS[1] show connections hash    connId -> viewerKey
    KEYS[2] show owners hash         connId -> processId
    KEYS[3] show viewers hash        viewerKey -> number of connections
    KEYS[4] show member count        string
    KEYS[5] show process conns set   connIds held by ARGV[2]

    ARGV[1] connId
    ARGV[2] expected owner processId

  Output:
    { 1, viewers, members }           removed; it was the viewer's last connection
    { 0, viewers, members }           removed (viewer still connected) or unknown connId
    { 2, viewers, members, owner }    owned by another process: nothing changed
]]
local function counts(status)
  return { status, redis.call('HLEN', KEYS[3]), tonumber(redis.call('GET', KEYS[4]) or '0') }
end

local viewerKey = redis.call('HGET', KEYS[1], ARGV[1])
if not viewerKey then return counts(0) end

local owner = redis.call('HGET', KEYS[2], ARGV[1])
if owner and owner ~= ARGV[2] then
  local out = counts(2)
  out[4] = owner
  return out
end

redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[5], ARGV[1])
local last = 0
if redis.call('HINCRBY', KEYS[3], viewerKey, -1) <= 0 then
  redis.call('HDEL', KEYS[3], viewerKey)
  last = 1
  if string.sub(viewerKey, 1, 2) == 'm:' and redis.call('DECR', KEYS[4]) <= 0 then
    redis.call('DEL', KEYS[4])
  end
end
return counts(last)
