--[[
  Presence counting, shared by presenceJoin, presenceLeave and presenceSweep
  (inlined by redis-scripts.ts at `--- @include`); mirrors the Draft steps of
  server/domain/presence.ts. Expects the show's presence keys in this order
  (RedisKeys.presence):

    KEYS[1] connections hash   connId -> viewerKey
    KEYS[2] owners hash        connId -> processId that holds the socket
    KEYS[3] viewers hash       viewerKey -> number of connections
    KEYS[4] member count       string: viewers whose key starts with 'm:'
]]

local function is_member_viewer(viewer_key)
  return string.sub(viewer_key, 1, 2) == 'm:'
end

-- viewerArrives(): one connection more; 1 when it is the viewer's first (a new viewer).
local function viewer_arrives(viewer_key)
  if redis.call('HINCRBY', KEYS[3], viewer_key, 1) > 1 then return 0 end
  if is_member_viewer(viewer_key) then redis.call('INCR', KEYS[4]) end
  return 1
end

-- viewerLeaves(): one connection fewer; 1 when that was the viewer's last (the viewer left).
local function viewer_leaves(viewer_key)
  if redis.call('HINCRBY', KEYS[3], viewer_key, -1) > 0 then return 0 end
  redis.call('HDEL', KEYS[3], viewer_key)
  if is_member_viewer(viewer_key) and redis.call('DECR', KEYS[4]) <= 0 then redis.call('DEL', KEYS[4]) end
  return 1
end

-- removeConnection() (leave and sweep): the connection and its owner go, its
-- viewer loses it. The caller keeps the per-process set right.
local function remove_connection(conn_id, viewer_key)
  redis.call('HDEL', KEYS[1], conn_id)
  redis.call('HDEL', KEYS[2], conn_id)
  return viewer_leaves(viewer_key)
end

-- presenceCount(): viewers, members.
local function presence_count()
  return redis.call('HLEN', KEYS[3]), tonumber(redis.call('GET', KEYS[4]) or '0')
end
