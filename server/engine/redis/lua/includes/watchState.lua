--[[
  Shared by watchBegin, watchAccrue and watchCredit (inlined by redis-scripts.ts
  at `--- @include`). The watch state of one (show, member) is a hash:
  lastBeatAt (absent: null), lastInteractionAt, totalMs, chestsClaimed,
  referrerId (absent: null), firstJoinedAt, guestMs.
]]

-- server/domain/watch.ts newWatchState(now, referrerId), written when there is
-- no state yet (watchStateOrNew()). referrer_id '' for none. Returns true when
-- it created the state. A state written before firstJoinedAt existed gets the
-- value the SQLite migration 3 gives its rows: lastInteractionAt - totalMs.
local function create_watch_state_if_absent(key, now, referrer_id)
  if redis.call('EXISTS', key) == 1 then
    if redis.call('HEXISTS', key, 'firstJoinedAt') == 0 then
      local old = redis.call('HMGET', key, 'lastInteractionAt', 'totalMs')
      redis.call('HSET', key, 'firstJoinedAt', string.format('%d', tonumber(old[1]) - tonumber(old[2])), 'guestMs', '0')
    end
    return false
  end
  redis.call('HSET', key, 'lastInteractionAt', now, 'totalMs', '0', 'chestsClaimed', '0', 'firstJoinedAt', now, 'guestMs', '0')
  if referrer_id ~= '' then redis.call('HSET', key, 'referrerId', referrer_id) end
  return true
end

-- The state as the scripts reply it:
-- { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil, firstJoinedAt, guestMs }.
local function watch_state_reply(key)
  return redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs', 'chestsClaimed', 'referrerId', 'firstJoinedAt', 'guestMs')
end
