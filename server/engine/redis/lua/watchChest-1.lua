--[[
  Record claimed chests: chestsClaimed = max(chestsClaimed, n). No state: no-op
  (a chest is only claimable once watch time exists).

  Mirrors: server/domain/watch.ts markChestClaimed()

  Input:
    KEYS[1] watch state hash of (show, member)
    ARGV[1] n

  Output: chestsClaimed after (0 when there is no state)
]]
local current = redis.call('HGET', KEYS[1], 'chestsClaimed')
if not current then return 0 end
if tonumber(ARGV[1]) > tonumber(current) then
  redis.call('HSET', KEYS[1], 'chestsClaimed', ARGV[1])
  return tonumber(ARGV[1])
end
return tonumber(current)
