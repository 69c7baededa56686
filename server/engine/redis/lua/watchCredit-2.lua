--[[
  Add watch time directly (a guest's accrued time credited on sign-up), to the
  member's state (created first if absent) and to the show's watch time.

  Mirrors: server/domain/watch.ts creditWatch(), addShowWatch()

  Input:
    KEYS[1] watch state hash of (show, member); created as newWatchState(now, null) if absent
    KEYS[2] show stats hash (field watchMs)

    ARGV[1] ms to add (>= 0)
    ARGV[2] nowMs

  Output: { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, previousTotalMs }
]]
--- @include "includes/fmt"
--- @include "includes/watchState"
--- @include "includes/watchTime"

local key = KEYS[1]
local ms = tonumber(ARGV[1])
create_watch_state_if_absent(key, ARGV[2], '')
local previous = tonumber(redis.call('HGET', key, 'totalMs'))
add_watch_time(key, KEYS[2], previous, ms)
local out = watch_state_reply(key)
out[6] = fmt(previous)
return out
