--[[
  Remove every connection a dead process held in one show (see
  RedisLiveness), each by the leave rule. Idempotent: a second sweep finds
  nothing left.

  Mirrors: server/domain/presence.ts sweep()

  Input:
    KEYS[1] show connections hash    connId -> viewerKey
    KEYS[2] show owners hash         connId -> processId
    KEYS[3] show viewers hash        viewerKey -> number of connections
    KEYS[4] show member count        string
    KEYS[5] show process conns set   connIds held by ARGV[1]

    ARGV[1] processId of the dead process

  Output: { removedConnections, viewers, members }
]]
--- @include "includes/presence"

local removed = 0
for _, conn_id in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  local viewer_key = redis.call('HGET', KEYS[1], conn_id)
  -- Only connections still owned by the dead process (a connId is never reused, but be exact).
  if viewer_key and redis.call('HGET', KEYS[2], conn_id) == ARGV[1] then
    remove_connection(conn_id, viewer_key)
    removed = removed + 1
  end
end
redis.call('DEL', KEYS[5])
local viewers, members = presence_count()
return { removed, viewers, members }
