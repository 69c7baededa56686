--[[
  Shared by the drop scripts (inlined by redis-scripts.ts at `--- @include`).
  Expects the drop's keys in this order (RedisKeys.dropScriptKeys):

    KEYS[1] state hash     stock, remaining, limit, closed, reserved, confirmed
    KEYS[2] claims hash    claimId -> fixed fields as JSON (no status, no updatedAt)
    KEYS[3] statuses hash  claimId -> '<status>:<updatedAt>'
    KEYS[4] members hash   memberId -> reserved + confirmed claims
    KEYS[5] expiry zset    reserved claimIds scored by expiresAt
    KEYS[6] outbox stream  claim changes not yet in the durable store

  A claim's JSON is composed from the fixed part and the status, never
  re-encoded with cjson: cjson prints numbers with 14 significant digits, and
  the timestamps must reach the store exactly as the caller gave them.
]]
local function claim_json(claim_id)
  local fixed = redis.call('HGET', KEYS[2], claim_id)
  local status, updated_at = string.match(redis.call('HGET', KEYS[3], claim_id), '^(%a+):(%d+)$')
  return string.sub(fixed, 1, -2) .. ',"status":"' .. status .. '","updatedAt":' .. updated_at .. '}'
end

-- A reserved claim is due once `at` reaches its expiresAt (claims.ts isDue); only reserved claims are in the zset.
local function is_due(claim_id, at)
  local expires_at = redis.call('ZSCORE', KEYS[5], claim_id)
  return expires_at ~= false and tonumber(expires_at) <= tonumber(at)
end

local function claim_status(claim_id)
  local s = redis.call('HGET', KEYS[3], claim_id)
  if not s then return nil end
  return string.match(s, '^(%a+):')
end

-- Records the new status and appends the whole claim to the outbox; returns its JSON.
local function set_status(claim_id, status, at)
  redis.call('HSET', KEYS[3], claim_id, status .. ':' .. at)
  local json = claim_json(claim_id)
  redis.call('XADD', KEYS[6], '*', 'kind', 'claim', 'entry', json)
  return json
end

-- A reserved claim expires: its unit returns to the stock and to the member's allowance.
local function expire_claim(claim_id, at)
  local member_id = cjson.decode(redis.call('HGET', KEYS[2], claim_id)).memberId
  redis.call('HINCRBY', KEYS[4], member_id, -1)
  redis.call('ZREM', KEYS[5], claim_id)
  redis.call('HINCRBY', KEYS[1], 'remaining', 1)
  redis.call('HINCRBY', KEYS[1], 'reserved', -1)
  return set_status(claim_id, 'expired', at)
end

-- Expires every reserved claim with expiresAt <= at (claims.ts expireReservations); returns their JSON.
local function expire_due(at)
  local expired = {}
  for _, claim_id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', at)) do
    expired[#expired + 1] = expire_claim(claim_id, at)
  end
  return expired
end
