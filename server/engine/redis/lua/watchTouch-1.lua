--[[
  Record an interaction: lastInteractionAt = max(current, now). No state: no-op.

  Mirrors: server/domain/watch.ts touchWatch() (through includes/watchTouch.lua)

  Input:
    KEYS[1] watch state hash of (show, member)
    ARGV[1] nowMs

  Output: 1 when updated, 0 when there is no state or it was already later
]]
--- @include "includes/watchTouch"

return touch_watch(KEYS[1], ARGV[1])
