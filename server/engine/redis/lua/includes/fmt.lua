--[[
  Shared by watchAccrue, watchCredit, watchClock and the award paths (inlined by redis-scripts.ts at `--- @include`).
]]

-- A number as text for HSET and replies: integers in full digits (tostring
-- would print 1e+15 for large ones), anything else with every digit kept.
local function fmt(n)
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format('%d', n) end
  return string.format('%.17g', n)
end
