-- Reads the raw values of many aggregates of one partition for scoring, in one call.
-- KEYS: four per aggregate, in order: counts hash, E2 distinct users, E13 distinct users, order contributors.
-- ARGV[i]: '1' when aggregate i is a music entity's (only those have order contributors).
-- Returns per aggregate {hash as field/value pairs, E2, E13, top contributor or '', its orders or '0'}.
local out = {}
for i = 1, #ARGV do
  local base = (i - 1) * 4
  local hash = redis.call('HGETALL', KEYS[base + 1])
  local e2 = 0
  -- E2 counts the distinct users of E1 plays: without an E1 field there are none to count
  for j = 1, #hash, 2 do
    if hash[j] == 'E1' then
      e2 = redis.call('PFCOUNT', KEYS[base + 2])
      break
    end
  end
  local e13 = redis.call('PFCOUNT', KEYS[base + 3])
  local top, orders = '', '0'
  if ARGV[i] == '1' then
    local best = redis.call('ZREVRANGE', KEYS[base + 4], 0, 0, 'WITHSCORES')
    if #best == 2 then
      top, orders = best[1], best[2]
    end
  end
  out[i] = {hash, e2, e13, top, orders}
end
return out
