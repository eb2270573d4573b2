-- One board read in one round trip: a page (or the page around one entity) of an open board-period with
-- everything its entries need. All keys share the {board:period} hash tag, so this runs on one cluster slot.
-- KEYS[1] ranking (sorted set, negated scores)   KEYS[2] top contributors (hash)   KEYS[3] movement facts (hash)
-- ARGV[1] 'page' | 'around'   ARGV[2] offset | entity id   ARGV[3] limit | neighbours each side
-- ARGV[4] '1' when the board reports top contributors
-- Returns { total, offset (-1: entity not ranked), rank of the first entry, {member, score, ...},
--           {contributor per member}, {facts per member}, facts ready (1/0) }
local total = redis.call('ZCARD', KEYS[1])
local from, limit
if ARGV[1] == 'around' then
  local pos = redis.call('ZRANK', KEYS[1], ARGV[2])
  if not pos then
    return { total, -1, 0, {}, {}, {}, 0 }
  end
  local n = tonumber(ARGV[3])
  from = math.max(0, pos - n)
  limit = pos - from + n + 1
else
  from = tonumber(ARGV[2])
  limit = tonumber(ARGV[3])
end
local slice = redis.call('ZRANGE', KEYS[1], from, from + limit - 1, 'WITHSCORES')
if #slice == 0 then
  return { total, from, 0, {}, {}, {}, 0 }
end
-- competition rank of the first entry: one more than the entities strictly better (a tie split across
-- pages keeps one rank); the score string is Redis' exact representation, so the open bound is exact
local first = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. slice[2]) + 1
local ids = {}
for i = 1, #slice, 2 do
  ids[#ids + 1] = slice[i]
end
local tops = {}
if ARGV[4] == '1' then
  tops = redis.call('HMGET', KEYS[2], unpack(ids))
end
local facts = redis.call('HMGET', KEYS[3], '~', unpack(ids))
local ready = 0
if facts[1] then
  ready = 1
end
table.remove(facts, 1)
return { total, from, first, slice, tops, facts, ready }
