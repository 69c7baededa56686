--[[
  Heartbeat accrual: the atomic read-modify-write of domain/watch.ts accrue().
  Keep the arithmetic identical to accrue(); the engine contract suite
  compares the two beat by beat.

  Input:
    KEYS[1] watch state hash of (show, member); created as newWatchState(now, null) if absent
    KEYS[2] show stats hash (field watchMs)

    ARGV[1] nowMs
    ARGV[2] countable (1|0): visible and playing
    ARGV[3] capMs
    ARGV[4] idleAfterMs

  Output:
    { lastBeatAt|nil, lastInteractionAt, totalMs, chestsClaimed, referrerId|nil,
      creditedMs, previousTotalMs, paused (1|0) }
]]
local function fmt(n)
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format('%d', n) end
  return string.format('%.17g', n)
end

local key = KEYS[1]
local now = tonumber(ARGV[1])
local countable = ARGV[2] == '1'
local capMs = tonumber(ARGV[3])
local idleAfterMs = tonumber(ARGV[4])

if redis.call('EXISTS', key) == 0 then
  redis.call('HSET', key, 'lastInteractionAt', ARGV[1], 'totalMs', '0', 'chestsClaimed', '0')
end
local s = redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs')
local lastBeatAt = s[1] and tonumber(s[1]) or nil
local lastInteractionAt = tonumber(s[2])
local totalMs = tonumber(s[3])

-- accrue(): paused, credit capped and never negative, clock kept monotonic.
local paused = now - lastInteractionAt >= idleAfterMs
local credited = 0
local newLastBeatAt = nil
if countable and not paused then
  if lastBeatAt ~= nil then
    credited = math.min(math.max(now - lastBeatAt, 0), capMs)
  end
  if lastBeatAt == nil then newLastBeatAt = now else newLastBeatAt = math.max(lastBeatAt, now) end
end

if newLastBeatAt == nil then
  redis.call('HDEL', key, 'lastBeatAt')
else
  redis.call('HSET', key, 'lastBeatAt', fmt(newLastBeatAt))
end
if credited > 0 then
  redis.call('HSET', key, 'totalMs', fmt(totalMs + credited))
  redis.call('HINCRBY', KEYS[2], 'watchMs', fmt(credited))
end

local out = redis.call('HMGET', key, 'lastBeatAt', 'lastInteractionAt', 'totalMs', 'chestsClaimed', 'referrerId')
out[6] = fmt(credited)
out[7] = fmt(totalMs)
out[8] = paused and 1 or 0
return out
