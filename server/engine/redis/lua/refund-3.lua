--[[
  Give back points a spend took, once per idempotency key (see
  RedisEngine.refund). The balance rises; earned totals and leaderboards are
  untouched (the points were earned once already).
  Mirrors: server/domain/ledger.ts decideRefund()

  Input:
    KEYS[1] ledger keys hash       idempotency key -> entry JSON (never expires)
    KEYS[2] balances hash          memberId -> balance
    KEYS[3] ledger stream          the outbox copied into the durable store

    ARGV[1] idempotency key
    ARGV[2] memberId
    ARGV[3] points (positive integer)
    ARGV[4] entry JSON with delta = +points

  Output:
    { 1, entryJSON, balance }      applied
    { 0, storedJSON, balance }     key seen before: nothing changed (balance of ARGV[2])
]]
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if stored then
  return { 0, stored, tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') }
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
local balance = redis.call('HINCRBY', KEYS[2], ARGV[2], tonumber(ARGV[3]))
redis.call('XADD', KEYS[3], '*', 'entry', ARGV[4])
return { 1, ARGV[4], balance }
