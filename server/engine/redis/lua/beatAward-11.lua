--[[
  A member's heartbeat with what it pays, in one step (see RedisEngine.beatAward).
  Mirrors: server/domain/award-paths.ts beatAward(): claimWatchClock (countable
  beats) -> accrueWatch + addShowWatch -> the active day when time was credited
  -> each due watch award (dueWatchAwards) through decideAward, at the watch
  points of the rung the earned total reached when the step began.

  Spans the slots {m:<member>}, {s:<show>} and {ledger}: single-shard Redis
  only (docs/DECISIONS.md, "Issue 10 — one step per award path").

  Input:
    KEYS[1]  the member's clock hash (streamId, atMs)
    KEYS[2]  watch state hash of (show, member)
    KEYS[3]  show stats hash (field watchMs)
    KEYS[4]  the member's active days zset
    KEYS[5..11] the ledger keys of award-7.lua, in its order (keys, balances,
             top, the member's day buckets, show top, show points, ledger stream)

    ARGV[1]  streamId
    ARGV[2]  memberId
    ARGV[3]  nowMs
    ARGV[4]  countable (1|0)
    ARGV[5]  leaseMs
    ARGV[6]  capMs
    ARGV[7]  idleAfterMs
    ARGV[8]  everyMs (rules.watch.everySeconds * 1000)
    ARGV[9]  active day 'YYYY-MM-DD' (rules' time zone)
    ARGV[10] UTC day of nowMs (the entries' day bucket)
    ARGV[11] first UTC day of the tier window
    ARGV[12] idempotency key prefix of the watch awards ('watch:<show>:<member>:', domain/keys.ts)
    ARGV[13] R, the ladder's rungs; then R pairs (minPoints, points), ascending
    then     entry ids, one per award that may apply (award-paths.ts maxDueWatchAwards)

  Output:
    { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil,
      firstJoinedAt, guestMs, creditedMs, previousTotalMs, paused (1|0),
      claim (-1 not asked | 0 refused | 1 granted), holder|'', freeSinceMs|'',
      balance, earned, A, then per award: applied 1|0, entry JSON, balance, earned }
]]
--- @include "includes/fmt"
--- @include "includes/watchState"
--- @include "includes/watchTime"
--- @include "includes/watchAccrue"
--- @include "includes/watchClock"
--- @include "includes/award"

local stream, member, now_text = ARGV[1], ARGV[2], ARGV[3]
local now = tonumber(now_text)
local countable = ARGV[4] == '1'
local every = tonumber(ARGV[8])
local from_day = ARGV[11]
local rungs = tonumber(ARGV[13])
local k = { keys = KEYS[5], balances = KEYS[6], top = KEYS[7], days = KEYS[8], show_top = KEYS[9], issued = KEYS[10], outbox = KEYS[11] }

-- What the step reads first: the tier window's earned total and the balance.
local earned = earned_since(k.days, from_day)
local balance = tonumber(redis.call('HGET', k.balances, member) or '0')

local claim, holder, free_since = -1, '', ''
if countable then claim, holder, free_since = claim_watch_clock(KEYS[1], stream, now_text, tonumber(ARGV[5])) end
local credited, previous, paused = accrue_watch(KEYS[2], KEYS[3], now_text, countable and claim ~= 0, tonumber(ARGV[6]), tonumber(ARGV[7]))
if credited > 0 then redis.call('ZADD', KEYS[4], 0, ARGV[9]) end

-- rungFor(): the highest rung the earned total reaches pays.
local points = tonumber(ARGV[15])
for i = 1, rungs do
  if earned >= tonumber(ARGV[12 + 2 * i]) then points = tonumber(ARGV[13 + 2 * i]) end
end

-- dueWatchAwards(previous, total, everySeconds)
local out = watch_state_reply(KEYS[2])
local total = tonumber(out[3])
local awards = {}
if points > 0 then
  local next_id = 14 + 2 * rungs
  for n = math.max(math.floor(previous / every), 1), math.floor(total / every) do
    local key = ARGV[12] .. n
    local json = '{"id":' .. cjson.encode(ARGV[next_id]) .. ',"key":' .. cjson.encode(key) .. ',"memberId":' .. cjson.encode(member)
      .. ',"delta":' .. fmt(points) .. ',"reason":"watch","streamId":' .. cjson.encode(stream) .. ',"at":' .. now_text .. '}'
    local r = ledger_award(k, key, member, points, json, ARGV[10], stream, from_day, earned)
    if r[1] == 1 then next_id = next_id + 1 end
    balance, earned = r[3], r[4]
    for j = 1, 4 do awards[#awards + 1] = r[j] end
  end
end

out[8] = fmt(credited)
out[9] = fmt(previous)
out[10] = paused and 1 or 0
out[11] = claim
out[12] = holder
out[13] = free_since
out[14] = balance
out[15] = earned
out[16] = #awards / 4
for i = 1, #awards do out[16 + i] = awards[i] end
return out
