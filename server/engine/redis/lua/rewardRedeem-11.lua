--[[
  Redeem a reward: the spend, one unit, the next pool code and the
  redemption in one step (see RedisRewardsEngine.redeem). Every key is in the
  {ledger} slot, so the spend and the redemption are one atomic change.
  Mirrors: server/domain/redemption.ts decideRedemption()

  Input:
    KEYS[1]  rules             string  the reward's rules JSON; absent: unknown reward
    KEYS[2]  stock             string  units left; absent: unlimited
    KEYS[3]  codes             list    unused pool codes, in upload order
    KEYS[4]  member's list     list    this member's redemption ids of this reward
    KEYS[5]  redemptions       hash    redemptionId -> JSON
    KEYS[6]  ledger keys hash  idempotency key -> entry JSON
    KEYS[7]  balances hash     memberId -> balance
    KEYS[8]  ledger stream     the outbox copied into the durable store
    KEYS[9]  member's zset     the member's redemption ids by createdAt
    KEYS[10] pending zset
    KEYS[11] fulfilled zset

    ARGV[1] memberId
    ARGV[2] requestId
    ARGV[3] at (ms)
    ARGV[4] price in points (0 = free)
    ARGV[5] period ('' = none)
    ARGV[6] the new redemption as JSON, code null and status 'pending' (made by the caller)
    ARGV[7] ledger key of the spend
    ARGV[8] spend entry JSON with delta = -price

  Output:
    { replayed (1|0), redemptionJSON, balance }
    -1 INSUFFICIENT_POINTS, -2 NOT_FOUND, -3 CLOSED, -4 NOT_OPEN, -5 SOLD_OUT, -6 LIMIT_REACHED: nothing changed
]]
--- @include "includes/spend"
local member_id, request_id = ARGV[1], ARGV[2]
local at, price = tonumber(ARGV[3]), tonumber(ARGV[4])
local period = ARGV[5]
local balance = tonumber(redis.call('HGET', KEYS[7], member_id) or '0')

-- 1. a known request replays its redemption
local mine = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[4], 0, -1)) do
  local json = redis.call('HGET', KEYS[5], id)
  local r = cjson.decode(json)
  if r.requestId == request_id then return { 1, json, balance } end
  mine[#mine + 1] = r
end

-- 2. the reward and its window
local rules_json = redis.call('GET', KEYS[1])
if not rules_json then return -2 end
local rules = cjson.decode(rules_json)
local function set(v) return v ~= nil and v ~= cjson.null end
if rules.archived or (set(rules.availableUntil) and at >= rules.availableUntil) then return -3 end
if set(rules.availableFrom) and at < rules.availableFrom then return -4 end

-- 3. stock and pool
local stock = redis.call('GET', KEYS[2])
if stock and tonumber(stock) <= 0 then return -5 end
if rules.codeMode == 'pool' and redis.call('LLEN', KEYS[3]) == 0 then return -5 end

-- 4. limits: pending and fulfilled redemptions count, rejected ones do not
local holding, in_period = 0, 0
for _, r in ipairs(mine) do
  if r.status ~= 'rejected' then
    holding = holding + 1
    if set(r.period) and r.period == period then in_period = in_period + 1 end
  end
end
if set(rules.perMemberLimit) and holding >= rules.perMemberLimit then return -6 end
if set(rules.periodLimit) and in_period >= rules.periodLimit.count then return -6 end

-- 5. the spend (the ledger's step)
if price > 0 then
  local paid = ledger_spend(KEYS[6], KEYS[7], KEYS[8], ARGV[7], member_id, price, ARGV[8])
  if paid == -1 then return -1 end
  balance = paid[3]
end

-- 6. the unit, the code, the redemption
local code = nil
if rules.codeMode == 'pool' then code = redis.call('LPOP', KEYS[3]) end
if rules.codeMode == 'shared' then code = rules.sharedCode end
local redemption = cjson.decode(ARGV[6])
local status = 'pending'
if code or rules.kind == 'credit' then status = 'fulfilled' end
redemption.code = code or cjson.null
redemption.status = status
local json = cjson.encode(redemption)
redis.call('HSET', KEYS[5], redemption.id, json)
redis.call('RPUSH', KEYS[4], redemption.id)
if stock then redis.call('DECR', KEYS[2]) end
redis.call('ZADD', KEYS[9], at, redemption.id)
if status == 'pending' then redis.call('ZADD', KEYS[10], at, redemption.id) else redis.call('ZADD', KEYS[11], at, redemption.id) end
-- Its copy for the durable store, in the same step (redis-outbox.ts).
redis.call('XADD', KEYS[8], '*', 'kind', 'redemption', 'entry', json)
return { 0, json, balance }
