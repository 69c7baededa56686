--[[
  The award step, shared by award-7.lua, beatAward and cappedAward (inlined by
  redis-scripts.ts at `--- @include "includes/award"`).
  Mirrors: server/domain/ledger.ts decideAward()

  Key names are parameters (the table `k`), not KEYS[n]: the scripts that
  paste this in take their keys in different orders.

    k.keys      hash    idempotency key -> entry JSON (never expires)
    k.balances  hash    memberId -> balance
    k.top       zset    all-time leaderboard, memberId -> -(points earned)
    k.days      hash    the member's UTC day -> points earned that day
    k.show_top  zset    the show's leaderboard, memberId -> -(points earned in the show)
    k.issued    hash    streamId -> points issued in the show
    k.outbox    stream  the ledger entries copied into the durable store

  Leaderboard scores are negated so ZRANGE (ascending) gives the highest
  first with ties ordered by memberId ascending, as the port requires.
]]

-- Points in the member's day buckets on days >= from_day (0 when from_day is '').
-- Days are all 'YYYY-MM-DD', so the string order is the date order (domain/ledger.ts earnedFrom).
local function earned_since(days_key, from_day)
  if from_day == '' then return 0 end
  local buckets = redis.call('HGETALL', days_key)
  local total = 0
  for i = 1, #buckets, 2 do
    if buckets[i] >= from_day then total = total + tonumber(buckets[i + 1]) end
  end
  return total
end

-- Applies the entry once per key. earned: the window total before the call
-- (read in the same script, so racing awards each see their own tier crossing).
-- Returns { applied (1|0), entryJSON (the stored one on a replay), balance, earned after }.
local function ledger_award(k, key, member_id, delta, entry_json, day, stream_id, from_day, earned)
  local stored = redis.call('HGET', k.keys, key)
  if stored then
    return { 0, stored, tonumber(redis.call('HGET', k.balances, member_id) or '0'), earned }
  end
  redis.call('HSET', k.keys, key, entry_json)
  local balance = redis.call('HINCRBY', k.balances, member_id, delta)
  redis.call('ZINCRBY', k.top, -delta, member_id)
  redis.call('HINCRBY', k.days, day, delta)
  if stream_id ~= '' then
    redis.call('ZINCRBY', k.show_top, -delta, member_id)
    redis.call('HINCRBY', k.issued, stream_id, delta)
  end
  redis.call('XADD', k.outbox, '*', 'entry', entry_json)
  if from_day ~= '' and day >= from_day then earned = earned + delta end
  return { 1, entry_json, balance, earned }
end
