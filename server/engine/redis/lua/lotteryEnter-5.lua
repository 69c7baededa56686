--[[
  Enter a lottery once per member, spending the entry cost in the same step
  (see RedisPerksEngine.enterLottery). All keys are in the {ledger} slot, so
  the spend, the entry and both outbox appends are one atomic change.
  Mirrors: server/domain/lottery-entry.ts decideEntry()

  Input:
    KEYS[1] lottery state          'open' | 'closed'; absent: unknown lottery
    KEYS[2] lottery entries hash   memberId -> entry JSON
    KEYS[3] ledger keys hash       idempotency key -> entry JSON (never expires)
    KEYS[4] balances hash          memberId -> balance
    KEYS[5] ledger stream          the outbox copied into the durable store

    ARGV[1] memberId
    ARGV[2] cost (0 = free)
    ARGV[3] ledger idempotency key of the spend
    ARGV[4] spend entry JSON with delta = -cost (used when cost > 0 and the key is new)
    ARGV[5] lottery entry JSON

  Output:
    { created (0|1), entryJSON, spendJSON or '', balance, count }
    -1  balance too low (INSUFFICIENT_POINTS): nothing changed
    -2  unknown lottery
    -3  lottery closed

  A spend key already in the ledger is not charged again (includes/spend.lua):
  its stored entry is the spend.
]]
--- @include "includes/spend"
local state = redis.call('GET', KEYS[1])
if not state then return -2 end
if state ~= 'open' then return -3 end

local member_id = ARGV[1]
local cost = tonumber(ARGV[2])
local entered = redis.call('HGET', KEYS[2], member_id)
local balance = tonumber(redis.call('HGET', KEYS[4], member_id) or '0')
if entered then
  local spend = ''
  if cost > 0 then spend = redis.call('HGET', KEYS[3], ARGV[3]) or '' end
  return { 0, entered, spend, balance, redis.call('HLEN', KEYS[2]) }
end

-- The cost: the ledger's spend step (decideEntry calls decideSpend).
local spend = ''
if cost > 0 then
  local paid = ledger_spend(KEYS[3], KEYS[4], KEYS[5], ARGV[3], member_id, cost, ARGV[4])
  if paid == -1 then return -1 end
  spend, balance = paid[2], paid[3]
end
redis.call('HSET', KEYS[2], member_id, ARGV[5])
redis.call('XADD', KEYS[5], '*', 'kind', 'lottery-entry', 'entry', ARGV[5])
return { 1, ARGV[5], spend, balance, redis.call('HLEN', KEYS[2]) }
