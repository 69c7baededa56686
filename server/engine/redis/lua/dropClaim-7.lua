--[[
  One claim decision, in the order of PerksEngine.claim
  (see RedisPerksEngine.claim).
  Mirrors: server/domain/claims.ts decideClaim()

  Input:
    KEYS[1..6] the drop's keys, as in includes/dropClaims.lua
    KEYS[7]    requests hash  '<len(memberId)>:<memberId><requestId>' -> claimId

    ARGV[1] request field (the KEYS[7] field of this member and requestId)
    ARGV[2] memberId
    ARGV[3] nowMs
    ARGV[4] opensAtForMember
    ARGV[5] the new claim's fixed fields as JSON (no status, no updatedAt)
    ARGV[6] the new claim's id
    ARGV[7] the new claim's expiresAt

  Output:
    { 1, claimJSON, replayed (0|1), remaining, { expiredJSON, ... } }
                     a claim (new, or this request's earlier one) and the
                     reservations this call expired on its way
    { code, remaining }   refused: -4 NOT_FOUND, -5 CLOSED, -6 NOT_OPEN,
                          -7 SOLD_OUT, -8 LIMIT_REACHED
    error reply           claimId already used by another claim

  The member's count in KEYS[4] is their reserved + confirmed claims, kept by
  every status change (the domain counts them from the member's claims).
]]
--- @include "includes/dropClaims"

local function remaining()
  return tonumber(redis.call('HGET', KEYS[1], 'remaining') or '0')
end

local known = redis.call('HGET', KEYS[7], ARGV[1])
if known then
  -- A replayed lapsed reservation: the drop's due ones expire first, so the answer is the truth.
  local expired = {}
  if is_due(known, ARGV[3]) then expired = expire_due(ARGV[3]) end
  return { 1, claim_json(known), 1, remaining(), expired }
end
if redis.call('EXISTS', KEYS[1]) == 0 then return { -4, 0 } end

local expired = expire_due(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'remaining', 'closed', 'limit')
local left = tonumber(state[1])
if state[2] == '1' then return { -5, left } end
if tonumber(ARGV[3]) < tonumber(ARGV[4]) then return { -6, left } end
if left <= 0 then return { -7, 0 } end
if tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0') >= tonumber(state[3]) then return { -8, left } end

local claim_id = ARGV[6]
if redis.call('HEXISTS', KEYS[2], claim_id) == 1 then return redis.error_reply('claimId already used') end
redis.call('HSET', KEYS[2], claim_id, ARGV[5])
redis.call('HSET', KEYS[7], ARGV[1], claim_id)
redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
redis.call('ZADD', KEYS[5], ARGV[7], claim_id)
redis.call('HINCRBY', KEYS[1], 'remaining', -1)
redis.call('HINCRBY', KEYS[1], 'reserved', 1)
return { 1, set_status(claim_id, 'reserved', ARGV[3]), 0, left - 1, expired }
