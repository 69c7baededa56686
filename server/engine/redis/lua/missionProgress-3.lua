--[[
  One member's progress on one mission in one period (issue 14), mirroring
  server/domain/missions.ts decideProgress: an event key already counted in
  the period changes nothing; otherwise the amount is added and every stage
  whose target lies in (before, after] is reached by this step alone, and
  counted in the mission's completions.

  KEYS[1] total (string)   KEYS[2] counted event keys (set)   KEYS[3] completions (hash: stage -> count)
  ARGV[1] event key ('' : none, always counts)   ARGV[2] amount   ARGV[3] expires at (unix ms)
  ARGV[4..] the stages' targets, rising
  Returns {total, counted (0/1), reached stage...}
]]
local expiresAt = ARGV[3]
if ARGV[1] ~= '' then
  local added = redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('PEXPIREAT', KEYS[2], expiresAt)
  if added == 0 then
    return { tonumber(redis.call('GET', KEYS[1]) or '0'), 0 }
  end
end
local total = redis.call('INCRBY', KEYS[1], ARGV[2])
redis.call('PEXPIREAT', KEYS[1], expiresAt)
local before = total - tonumber(ARGV[2])
local reply = { total, 1 }
for i = 4, #ARGV do
  local target = tonumber(ARGV[i])
  if before < target and target <= total then
    redis.call('HINCRBY', KEYS[3], i - 3, 1)
    reply[#reply + 1] = i - 3
  end
end
return reply
