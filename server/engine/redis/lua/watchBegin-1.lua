--[[
  Start watching a show (see RedisEngine.beginWatch): creates the member's
  watch state if absent, else counts as an interaction (lastInteractionAt = now).

  Input:
    KEYS[1] watch state hash of (show, member)
    ARGV[1] nowMs
    ARGV[2] referrerId, or '' for none

  Output: { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, firstVisit (1|0) }
]]
local key = KEYS[1]
local first = 0
if redis.call('EXISTS', key) == 0 then
  first = 1
  redis.call('HSET', key, 'lastInteractionAt', ARGV[1], 'totalMs', '0', 'chestsClaimed', '0')
  if ARGV[2] ~= '' then redis.call('HSET', key, 'referrerId', ARGV[2]) end
else
  redis.call('HSET', key, 'lastInteractionAt', ARGV[1])
end
local s = redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs', 'chestsClaimed', 'referrerId')
return { s[1], s[2], s[3], s[4], s[5], first }
