--[[
  Acknowledge ledger stream entries that are now in the durable store and
  delete them, in one step, so the stream only holds what is not copied yet
  (RedisEngine.flush relies on that).

  Input:
    KEYS[1] ledger stream
    ARGV[1] consumer group
    ARGV[2..] stream entry ids

  Output: number of entries deleted
]]
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
return redis.call('XDEL', KEYS[1], unpack(ids))
