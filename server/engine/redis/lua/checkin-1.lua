--[[
  Daily check-in streak (see RedisEngine.checkin).
  Mirrors: server/domain/checkin.ts decideCheckin()

  Input:
    KEYS[1] member check-in hash   fields lastDay, streak
    ARGV[1] day (YYYY-MM-DD)
    ARGV[2] previousDay (the day before `day` in the rules' time zone)

  Output: { streak, already (1|0) }
]]
local s = redis.call('HMGET', KEYS[1], 'lastDay', 'streak')
local lastDay, streak = s[1], tonumber(s[2] or '0')
if lastDay == ARGV[1] then
  return { streak, 1 }
end
if lastDay == ARGV[2] then streak = streak + 1 else streak = 1 end
redis.call('HSET', KEYS[1], 'lastDay', ARGV[1], 'streak', streak)
return { streak, 0 }
