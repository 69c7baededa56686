--[[
  Record one connection of a viewer to a show (see RedisEngine.join).
  Idempotent per connId: joining again as the same viewer changes nothing. A
  known connection joining as another viewer (a guest who signed in) moves
  over: its old viewer loses it, the new one gains it; the connection keeps its
  owner and its place in that process's set.

  Mirrors: server/domain/presence.ts join()

  Input:
    KEYS[1] show connections hash    connId -> viewerKey
    KEYS[2] show owners hash         connId -> processId that holds the socket
    KEYS[3] show viewers hash        viewerKey -> number of connections
    KEYS[4] show member count        string: viewers whose key starts with 'm:'
    KEYS[5] show process conns set   connIds held by ARGV[3] (swept when it dies)

    ARGV[1] connId
    ARGV[2] viewerKey ('m:<memberId>' or 'g:<connId>')
    ARGV[3] processId

  Output: { firstConnection (1|0), lastConnection (1|0): moved from a viewer whose last it was, viewers, members }
]]
--- @include "includes/presence"

local conn_id, viewer_key = ARGV[1], ARGV[2]
local current = redis.call('HGET', KEYS[1], conn_id)
local first, last = 0, 0
if current ~= viewer_key then
  if current then
    last = viewer_leaves(current)
  else
    redis.call('HSET', KEYS[2], conn_id, ARGV[3])
    redis.call('SADD', KEYS[5], conn_id)
  end
  redis.call('HSET', KEYS[1], conn_id, viewer_key)
  first = viewer_arrives(viewer_key)
end
local viewers, members = presence_count()
return { first, last, viewers, members }
