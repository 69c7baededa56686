--[[
  Take points once per idempotency key, only when the balance covers the cost
  (see RedisEngine.spend). Earned totals and leaderboards are untouched.
  Mirrors: server/domain/ledger.ts decideSpend() (through includes/spend.lua)

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
    { 0, storedJSON, balance }     key seen before: nothing changed (balance of ARGV[2])
    -1                             balance too low (INSUFFICIENT_POINTS)
]]
--- @include "includes/spend"

return ledger_spend(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4])
