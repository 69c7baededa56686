--[[
  Close a lottery to entries (idempotent) and return every entry
  (see RedisPerksEngine.closeLottery).
  Mirrors: server/domain/lottery-entry.ts closeLottery()

  Input:
    KEYS[1] lottery state          'open' | 'closed'; absent: unknown lottery
    KEYS[2] lottery entries hash   memberId -> entry JSON

  Output: { entryJSON, ... }, or -2 for an unknown lottery
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return -2 end
redis.call('SET', KEYS[1], 'closed')
return redis.call('HVALS', KEYS[2])
