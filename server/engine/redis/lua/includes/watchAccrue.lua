--[[
  Heartbeat accrual, shared by watchAccrue and beatAward (inlined by
  redis-scripts.ts at `--- @include`, after includes/fmt, includes/watchState
  and includes/watchTime, which it uses). Keep the arithmetic identical to
  accrue(); test/differential/watch.test.ts and award-paths.test.ts compare them.
  Mirrors: server/domain/watch.ts accrueWatch() (accrue() on watchStateOrNew()), addShowWatch()

  key: the watch state hash of (show, member), created as newWatchState(now, null) if absent
  stats_key: the show's stats hash (field watchMs)
  Returns creditedMs, previousTotalMs, paused (boolean).
]]
local function accrue_watch(key, stats_key, now_text, countable, capMs, idleAfterMs)
  local now = tonumber(now_text)
  create_watch_state_if_absent(key, now_text, '')
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
  add_watch_time(key, stats_key, totalMs, credited)
  return credited, totalMs, paused
end
