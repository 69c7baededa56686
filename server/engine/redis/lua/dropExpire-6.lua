--[[
  Expire every reserved claim of the drop whose expiresAt <= nowMs; their
  units return to the stock (see RedisPerksEngine.expireClaims).
  Mirrors: server/domain/claims.ts expireReservations()

  Input:
    KEYS[1..6] the drop's keys, as in includes/dropClaims.lua
    ARGV[1]    nowMs

  Output: { claimJSON, ... } the claims expired by this call, earliest
          expiresAt first (the zset's order: score, then claimId)
]]
--- @include "includes/dropClaims"

return expire_due(ARGV[1])
