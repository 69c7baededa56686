--[[
  One show at a time: may a show credit the member's watch time now? The
  member's clock is held by the show of the last granted claim until
  atMs + leaseMs; another show is refused (nothing changes) until then.

  Mirrors: server/domain/watch.ts claimWatchClock() (through includes/watchClock.lua)

  Input:
    KEYS[1] the member's clock hash (streamId, atMs); absent: nobody holds it
    ARGV[1] streamId
    ARGV[2] nowMs
    ARGV[3] leaseMs

  Output: { granted (1|0), holder streamId, freeSinceMs|'' }
]]
--- @include "includes/fmt"
--- @include "includes/watchClock"

local granted, holder, free_since = claim_watch_clock(KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]))
return { granted, holder, free_since }
