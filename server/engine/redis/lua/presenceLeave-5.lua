--[[
  Remove one connection (see RedisEngine.leave). Unknown connId: no change.
  The per-process set is a KEY, so the caller names the owner it expects; when
  another process owns the connection the script changes nothing and returns
  that owner so the caller can retry with the right key.

  Mirrors: server/domain/presence.ts leave()

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
--- @include "includes/presence"

local viewer_key = redis.call('HGET', KEYS[1], ARGV[1])
local status = 0
local owner = redis.call('HGET', KEYS[2], ARGV[1])
if viewer_key and owner and owner ~= ARGV[2] then
  status = 2
elseif viewer_key then
  redis.call('SREM', KEYS[5], ARGV[1])
  status = remove_connection(ARGV[1], viewer_key)
end
local viewers, members = presence_count()
if status == 2 then return { status, viewers, members, owner } end
return { status, viewers, members }
