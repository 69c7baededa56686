--[[
  Make a drop known with its stock and per-member limit, once
  (see RedisPerksEngine.defineDrop). Later calls change nothing.
  Mirrors: server/domain/drop-stock.ts defineDrop()

  Input:
    KEYS[1] drop state hash
    KEYS[2] drop outbox stream

    ARGV[1] stock
    ARGV[2] per-member limit
    ARGV[3] outbox consumer group

  Output: 1 defined now, 0 known before

  The outbox's consumer group is created with the drop, from the first entry
  on, so no claim change can be appended before someone is there to read it.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'stock', ARGV[1], 'remaining', ARGV[1], 'limit', ARGV[2], 'closed', 0, 'reserved', 0, 'confirmed', 0)
redis.pcall('XGROUP', 'CREATE', KEYS[2], ARGV[3], '0', 'MKSTREAM')
return 1
