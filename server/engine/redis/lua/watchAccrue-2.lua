--[[
  Heartbeat accrual: the atomic read-modify-write of accrue() on the member's
  state, created first if absent, and the show's watch time.
  Keep the arithmetic identical to accrue(); test/differential/watch.test.ts
  compares the two beat by beat.

  Mirrors: server/domain/watch.ts accrueWatch() (accrue() on watchStateOrNew()), addShowWatch()

  Input:
    KEYS[1] watch state hash of (show, member); created as newWatchState(now, null) if absent
    KEYS[2] show stats hash (field watchMs)

    ARGV[1] nowMs
    ARGV[2] countable (1|0): visible and playing
    ARGV[3] capMs
    ARGV[4] idleAfterMs

  Output:
    { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil,
      firstJoinedAt, guestMs, creditedMs, previousTotalMs, paused (1|0) }
]]
--- @include "includes/fmt"
--- @include "includes/watchState"
--- @include "includes/watchTime"

local key = KEYS[1]
local now = tonumber(ARGV[1])
local countable = ARGV[2] == '1'
local capMs = tonumber(ARGV[3])
local idleAfterMs = tonumber(ARGV[4])

create_watch_state_if_absent(key, ARGV[1], '')
local s = redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs', 'firstJoinedAt')
local lastBeatAt = s[1] and tonumber(s[1]) or nil
local lastInteractionAt = tonumber(s[2])
local totalMs = tonumber(s[3])
local firstJoinedAt = tonumber(s[4])

-- accrue(): paused, credit capped (beat cap and wallClockRoom()) and never negative, clock kept monotonic.
local paused = now - lastInteractionAt >= idleAfterMs
local credited = 0
local newLastBeatAt = nil
if countable and not paused then
  if lastBeatAt ~= nil then
    credited = math.min(math.max(now - lastBeatAt, 0), capMs, math.max(0, now - firstJoinedAt - totalMs))
  end
  if lastBeatAt == nil then newLastBeatAt = now else newLastBeatAt = math.max(lastBeatAt, now) end
end

if newLastBeatAt == nil then
  redis.call('HDEL', key, 'lastBeatAt')
else
  redis.call('HSET', key, 'lastBeatAt', fmt(newLastBeatAt))
end
add_watch_time(key, KEYS[2], totalMs, credited)

local out = watch_state_reply(key)
out[8] = fmt(credited)
out[9] = fmt(totalMs)
out[10] = paused and 1 or 0
return out
