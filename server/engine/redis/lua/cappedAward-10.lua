--[[
  A like or comment under its cap, paid and counted as an interaction, in one
  step (see RedisEngine.cappedAward).
  Mirrors: server/domain/award-paths.ts cappedAward(): decideHit -> decideAward
  when the hit counts or is a duplicate (and pays) -> touchWatch -> the active day.

  Spans the slots {h:<window>}, {s:<show>}, {m:<member>} and {ledger}:
  single-shard Redis only (docs/DECISIONS.md, "Issue 10 — one step per award path").

  Input:
    KEYS[1]  the cap's window zset (as hit-1.lua)
    KEYS[2]  watch state hash of (show, member)
    KEYS[3]  the member's active days zset
    KEYS[4..10] the ledger keys of award-7.lua, in its order

    ARGV[1]  hit id (the requestId)
    ARGV[2]  limit
    ARGV[3]  windowMs (0 = forever)
    ARGV[4]  nowMs (also the entry's time)
    ARGV[5]  the window key's TTL in ms (0 = none)
    ARGV[6]  idempotency key of the award
    ARGV[7]  memberId
    ARGV[8]  delta (0: pays nothing)
    ARGV[9]  entry JSON (id made by the caller)
    ARGV[10] UTC day of the entry
    ARGV[11] streamId
    ARGV[12] first UTC day of the tier window
    ARGV[13] active day 'YYYY-MM-DD' (rules' time zone)

  Output: { allowed, duplicate, count, award (-1 none | 0 replay | 1 applied), entry JSON|'', balance, earned }
]]
--- @include "includes/hit"
--- @include "includes/award"
--- @include "includes/watchTouch"

local member = ARGV[7]
local delta = tonumber(ARGV[8])
local k = { keys = KEYS[4], balances = KEYS[5], top = KEYS[6], days = KEYS[7], show_top = KEYS[8], issued = KEYS[9], outbox = KEYS[10] }

local earned = earned_since(k.days, ARGV[12])
local balance = tonumber(redis.call('HGET', k.balances, member) or '0')
local allowed, duplicate, count = window_hit(KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
local status, json = -1, ''
if (allowed == 1 or duplicate == 1) and delta > 0 then
  local r = ledger_award(k, ARGV[6], member, delta, ARGV[9], ARGV[10], ARGV[11], ARGV[12], earned)
  status, json, balance, earned = r[1], r[2], r[3], r[4]
end
touch_watch(KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[3], 0, ARGV[13])
return { allowed, duplicate, count, status, json, balance, earned }
