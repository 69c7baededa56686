--[[
  Heartbeat accrual: the atomic read-modify-write of accrue() on the member's
  state, created first if absent, and the show's watch time.

  Mirrors: server/domain/watch.ts accrueWatch() (accrue() on watchStateOrNew()), addShowWatch()
  (through includes/watchAccrue.lua)

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
--- @include "includes/watchAccrue"

local credited, totalMs, paused = accrue_watch(KEYS[1], KEYS[2], ARGV[1], ARGV[2] == '1', tonumber(ARGV[3]), tonumber(ARGV[4]))
local out = watch_state_reply(KEYS[1])
out[8] = fmt(credited)
out[9] = fmt(totalMs)
out[10] = paused and 1 or 0
return out
