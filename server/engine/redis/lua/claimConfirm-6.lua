--[[
  reserved -> confirmed; a reserved claim already past its expiresAt expires
  instead; confirmed and expired claims are returned unchanged
  (see RedisPerksEngine.confirmClaim).
  Mirrors: server/domain/claims.ts confirmReservation()

  Input:
    KEYS[1..6] the claim's drop keys, as in includes/dropClaims.lua
    ARGV[1]    claimId
    ARGV[2]    nowMs

  Output: claimJSON after the call, or false for an unknown claim
]]
--- @include "includes/dropClaims"

local claim_id = ARGV[1]
local status = claim_status(claim_id)
if not status then return false end
if status ~= 'reserved' then return claim_json(claim_id) end
if is_due(claim_id, ARGV[2]) then return expire_claim(claim_id, ARGV[2]) end
redis.call('ZREM', KEYS[5], claim_id)
redis.call('HINCRBY', KEYS[1], 'reserved', -1)
redis.call('HINCRBY', KEYS[1], 'confirmed', 1)
return set_status(claim_id, 'confirmed', ARGV[2])
