--[[
  A guest's accrued time credited on sign-up, to the member's one clock in
  the show (state created first if absent) and to the show's watch time:
  firstJoinedAt moves back to when the guest connection joined, and the credit
  never passes the wall-clock room (now - firstJoinedAt - totalMs).

  Mirrors: server/domain/watch.ts creditWatch() (with wallClockRoom()), addShowWatch()

  Input:
    KEYS[1] watch state hash of (show, member); created as newWatchState(now, null) if absent
    KEYS[2] show stats hash (field watchMs)

    ARGV[1] ms the guest clock brings (>= 0)
    ARGV[2] sinceMs: when the guest connection joined
    ARGV[3] nowMs

  Output: { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, firstJoinedAt, guestMs,
            previousTotalMs, creditedMs }
]]
--- @include "includes/fmt"
--- @include "includes/watchState"
--- @include "includes/watchTime"

local key = KEYS[1]
local ms = tonumber(ARGV[1])
local since = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
create_watch_state_if_absent(key, ARGV[3], '')
local s = redis.call('HMGET', key, 'totalMs', 'firstJoinedAt', 'guestMs')
local previous = tonumber(s[1])
local first = math.min(tonumber(s[2]), since)
local credited = math.min(ms, math.max(0, now - first - previous))
redis.call('HSET', key, 'firstJoinedAt', fmt(first))
if credited > 0 then redis.call('HSET', key, 'guestMs', fmt(tonumber(s[3]) + credited)) end
add_watch_time(key, KEYS[2], previous, credited)
local out = watch_state_reply(key)
out[8] = fmt(previous)
out[9] = fmt(credited)
return out
