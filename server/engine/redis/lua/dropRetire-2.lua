--[[
  Delete a drop's outbox stream once the drop can change no more and every
  entry of it is in the store, so consumers stop reading it
  (see LedgerConsumer.retireSettled).
  Mirrors: server/domain/drop-stock.ts dropSettled(), plus the outbox
  condition only Redis has (the stream is empty).

  Settled: closed (no new claims) with no reserved claim left (no expiry or
  confirmation to come); replays, refusals and confirms of final claims
  append nothing. Entries leave the stream only once copied and acknowledged,
  so an empty stream means all of it reached the store.

  An unknown drop is never settled: defineDrop lists the drop's outbox before
  its script creates the drop, and retiring in between would leave the new
  drop's outbox unread.

  Input:
    KEYS[1] drop state hash
    KEYS[2] drop outbox stream

  Output: 1 settled (stream deleted), 0 still live
]]
if redis.call('XLEN', KEYS[2]) > 0 then return 0 end
local state = redis.call('HMGET', KEYS[1], 'closed', 'reserved')
if state[1] ~= '1' or tonumber(state[2]) > 0 then return 0 end
redis.call('DEL', KEYS[2])
return 1
