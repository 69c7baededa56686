--[[
  Make a reward known or replace its rules (see RedisRewardsEngine.putReward).
  The stock is set only when the reward is new: afterwards redemptions and
  setStock move it.

    KEYS[1] rules   string  the reward's rules JSON
    KEYS[2] stock   string  units left; absent = unlimited
    ARGV[1] rules JSON
    ARGV[2] stock ('' = unlimited)
]]
local known = redis.call('EXISTS', KEYS[1]) == 1
redis.call('SET', KEYS[1], ARGV[1])
if not known and ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2]) end
return 1
