--[[
  The host settles a pending redemption (see RedisRewardsEngine.fulfil and
  reject): fulfil, or reject with its points back once and its unit back to a
  counted stock.
  Mirrors: server/domain/redemption.ts decideFulfil() and decideReject()

  Input:
    KEYS[1] redemptions       hash    redemptionId -> JSON
    KEYS[2] stock             string  the reward's units left; absent: unlimited
    KEYS[3] ledger keys hash
    KEYS[4] balances hash
    KEYS[5] ledger stream
    KEYS[6] pending zset
    KEYS[7] fulfilled zset
    KEYS[8] rejected zset

    ARGV[1] 'fulfil' | 'reject'
    ARGV[2] redemptionId
    ARGV[3] at (ms)
    ARGV[4] reject: ledger key of the return
    ARGV[5] reject: the return's entry JSON (delta = +price; unused for a free redemption)

  Output: { replayed (1|0), redemptionJSON }; -2 NOT_FOUND, -7 CONFLICT
]]
local json = redis.call('HGET', KEYS[1], ARGV[2])
if not json then return -2 end
local r = cjson.decode(json)
local mode = ARGV[1]
local done = (mode == 'fulfil') and 'fulfilled' or 'rejected'
if r.status == done then return { 1, json } end
if r.status ~= 'pending' then return -7 end
r.status = done
r.updatedAt = tonumber(ARGV[3])
local updated = cjson.encode(r)
redis.call('HSET', KEYS[1], r.id, updated)
redis.call('ZREM', KEYS[6], r.id)
if mode == 'fulfil' then
  redis.call('ZADD', KEYS[7], r.createdAt, r.id)
else
  redis.call('ZADD', KEYS[8], r.createdAt, r.id)
  if r.pricePoints > 0 and not redis.call('HGET', KEYS[3], ARGV[4]) then
    redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
    redis.call('HINCRBY', KEYS[4], r.memberId, r.pricePoints)
    redis.call('XADD', KEYS[5], '*', 'entry', ARGV[5])
  end
  if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('INCR', KEYS[2]) end
end
-- Its copy for the durable store, in the same step (redis-outbox.ts).
redis.call('XADD', KEYS[5], '*', 'kind', 'redemption', 'entry', updated)
return { 0, updated }
