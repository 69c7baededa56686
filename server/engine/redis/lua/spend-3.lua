--[[
  Take points once per idempotency key, only when the balance covers the cost
  (see RedisEngine.spend). Earned totals and leaderboards are untouched.

  Input:
    KEYS[1] ledger keys hash       idempotency key -> entry JSON (never expires)
    KEYS[2] balances hash          memberId -> balance
    KEYS[3] ledger stream          the outbox copied into the durable store

    ARGV[1] idempotency key
    ARGV[2] memberId
    ARGV[3] cost (positive integer)
    ARGV[4] entry JSON with delta = -cost

  Output:
    { 1, entryJSON, balance }      applied
    { 0, storedJSON, balance }     key seen before: nothing changed
    -1                             balance too low (INSUFFICIENT_POINTS)
]]
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local balance = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
if stored then
  return { 0, stored, balance }
end

local cost = tonumber(ARGV[3])
if balance < cost then
  return -1
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
balance = redis.call('HINCRBY', KEYS[2], ARGV[2], -cost)
redis.call('XADD', KEYS[3], '*', 'entry', ARGV[4])
return { 1, ARGV[4], balance }
