--[[
  reserved (or, with scope 'sale', confirmed) -> cancelled: the claim stops
  holding a unit and counting against its member's limit, and the unit
  returns to `remaining` (on a closed drop too). A reserved claim already past
  its expiresAt expires instead; expired and cancelled claims, and a confirmed
  one under scope 'reservation', are returned unchanged
  (see RedisPerksEngine.cancelClaim).
  Mirrors: server/domain/claims.ts cancelClaim()

  Input:
    KEYS[1..6] the claim's drop keys, as in includes/dropClaims.lua
    ARGV[1]    claimId
    ARGV[2]    nowMs
    ARGV[3]    scope: 'reservation' | 'sale'

  Output: claimJSON after the call, or false for an unknown claim
]]
--- @include "includes/dropClaims"

local claim_id = ARGV[1]
local status = claim_status(claim_id)
if not status then return false end
local cancellable = status == 'reserved' or (status == 'confirmed' and ARGV[3] == 'sale')
if not cancellable then return claim_json(claim_id) end
if is_due(claim_id, ARGV[2]) then return expire_claim(claim_id, ARGV[2]) end
local member_id = cjson.decode(redis.call('HGET', KEYS[2], claim_id)).memberId
redis.call('HINCRBY', KEYS[4], member_id, -1)
redis.call('ZREM', KEYS[5], claim_id)
redis.call('HINCRBY', KEYS[1], 'remaining', 1)
redis.call('HINCRBY', KEYS[1], status, -1)
return set_status(claim_id, 'cancelled', ARGV[2])
