--[[
  An interaction, shared by watchTouch and cappedAward (inlined by
  redis-scripts.ts at `--- @include`).
  Mirrors: server/domain/watch.ts touchWatch()

  lastInteractionAt = max(current, now); no state: nothing changes.
  Returns 1 when updated, 0 when there is no state or it was already later.
]]
local function touch_watch(key, now_text)
  local current = redis.call('HGET', key, 'lastInteractionAt')
  if not current or tonumber(current) >= tonumber(now_text) then return 0 end
  redis.call('HSET', key, 'lastInteractionAt', now_text)
  return 1
end
