--[[
  The spend step, shared by spend-3.lua and lotteryEnter-5.lua (inlined by
  redis-scripts.ts at `--- @include "includes/spend"`).
  Mirrors: server/domain/ledger.ts decideSpend()

  Key names are parameters, not KEYS[n]: the scripts that paste this in take
  their keys in different orders.

    ledger_keys  hash  idempotency key -> entry JSON (never expires)
    balances     hash  memberId -> balance
    outbox       stream the ledger entries copied into the durable store
    key          idempotency key of the spend
    member_id
    cost         positive number
    entry_json   the entry with delta = -cost (id made by the caller)

  Returns { applied (1|0), entryJSON, balance }: a known key replays its
  stored entry with the member's balance and changes nothing (even when the
  balance is now too low); or -1 when the balance is below the cost
  (INSUFFICIENT_POINTS), nothing changed.
]]
local function ledger_spend(ledger_keys, balances, outbox, key, member_id, cost, entry_json)
  local stored = redis.call('HGET', ledger_keys, key)
  local balance = tonumber(redis.call('HGET', balances, member_id) or '0')
  if stored then
    return { 0, stored, balance }
  end
  if balance < cost then
    return -1
  end
  redis.call('HSET', ledger_keys, key, entry_json)
  balance = redis.call('HINCRBY', balances, member_id, -cost)
  redis.call('XADD', outbox, '*', 'entry', entry_json)
  return { 1, entry_json, balance }
end
