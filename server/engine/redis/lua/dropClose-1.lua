--[[
  Close a known drop to new claims (see RedisPerksEngine.closeDrop). An
  unknown drop stays unknown: a plain HSET would create a state without stock.
  Mirrors: server/domain/drop-stock.ts closeDrop()

  Input:
    KEYS[1] drop state hash

  Output: 1 known (now closed), 0 unknown
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'closed', 1)
return 1
