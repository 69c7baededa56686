--[[
  Start watching a show (see RedisEngine.beginWatch): creates the member's
  watch state if absent, else counts as an interaction (lastInteractionAt = now).

  Mirrors: server/domain/watch.ts beginWatch()

  Input:
    KEYS[1] watch state hash of (show, member)
    ARGV[1] nowMs
    ARGV[2] referrerId, or '' for none

  Output: { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, firstJoinedAt, guestMs, firstVisit (1|0) }
]]
--- @include "includes/watchState"

local key = KEYS[1]
local first = 0
if create_watch_state_if_absent(key, ARGV[1], ARGV[2]) then
  first = 1
else
  redis.call('HSET', key, 'lastInteractionAt', ARGV[1])
end
local out = watch_state_reply(key)
out[8] = first
return out
