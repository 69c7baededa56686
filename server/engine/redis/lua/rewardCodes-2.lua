--[[
  Add codes to a reward's pool, in order; a code ever added before is skipped
  (see RedisRewardsEngine.addCodes).

    KEYS[1] codes      list  unused codes, in upload order
    KEYS[2] all codes  set   every code ever added
    ARGV    the codes

  Output: { added, unused }
]]
local added = 0
for _, code in ipairs(ARGV) do
  if redis.call('SADD', KEYS[2], code) == 1 then
    redis.call('RPUSH', KEYS[1], code)
    added = added + 1
  end
end
return { added, redis.call('LLEN', KEYS[1]) }
