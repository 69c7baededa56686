--[[
  Record an interaction: lastInteractionAt = max(current, now). No state: no-op.

  Mirrors: server/domain/watch.ts touchWatch()

  Input:
    KEYS[1] watch state hash of (show, member)
    ARGV[1] nowMs

  Output: 1 when updated, 0 when there is no state or it was already later
]]
local current = redis.call('HGET', KEYS[1], 'lastInteractionAt')
if not current or tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'lastInteractionAt', ARGV[1])
return 1
