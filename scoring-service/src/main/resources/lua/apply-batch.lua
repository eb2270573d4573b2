-- Applies one consumer batch of one partition atomically, exactly once.
-- KEYS[1] applied offset, KEYS[2] dirty set, KEYS[3] hash channel -> latest event time, KEYS[4] scratch key (a
-- HyperLogLog is worked on there and emptied before the script returns), KEYS[5..] data keys referenced by index.
-- ARGV[1] first offset of the batch, ARGV[2] last offset, ARGV[3] "CHANNEL millis ..." of the batch, ARGV[4] ops (JSON),
-- ARGV[5] ttl seconds for data keys, ARGV[6] ttl seconds for the seen-id sets (ops.x).
--
-- An aggregate is one field of its period's hash (field = entity id); its value is the line
-- "<type> <E1> ... <E13> <length of E2's HLL> \n" (every word followed by a space) and then E2's and E13's HyperLogLog
-- strings (AggregateValue). A batch edits only the words it changes, in place: parsing and re-printing every count
-- cost four times as much (measured: 8.3 against 2.2 µs per aggregate).
-- ops.g: [hash, entity, type, deltas, e2 users, e13 users, slot, delta, ..., e2 user, ..., e13 user, ...] flat, the
-- three counts saying how many of each follow; ops.z ZINCRBY [key, member, delta]; ops.a SADD [key, [members]];
-- ops.e keys whose TTL is renewed to ARGV[5]; ops.x keys renewed to ARGV[6].
local applied = redis.call('GET', KEYS[1])
if applied and tonumber(applied) >= tonumber(ARGV[1]) then
  -- already applied (a redelivery or a zombie consumer): change nothing
  return 0
end
local ops = cjson.decode(ARGV[4])
local ttl = tonumber(ARGV[5])
local find, sub = string.find, string.sub
local ZEROS = ' 0 0 0 0 0 0 0 0 0 0 0 0 0 0 \n'
local LEN2 = 14

-- first and last position of word k (0 = the type) of a stored value
local function span(v, k)
  local from = 1
  for _ = 1, k do
    from = find(v, ' ', from, true) + 1
  end
  return from, find(v, ' ', from, true) - 1
end

local function put(v, k, x)
  local from, to = span(v, k)
  return sub(v, 1, from - 1) .. x .. sub(v, to + 1)
end

-- adds n (slot, delta) pairs from op[at], in ascending slot order, to their words in one pass over v
local function bump(v, op, at, n)
  local parts, from, word, copied = {}, 1, 0, 1
  for i = at, at + 2 * n - 1, 2 do
    while word < op[i] do
      from = find(v, ' ', from, true) + 1
      word = word + 1
    end
    local to = find(v, ' ', from, true) - 1
    parts[#parts + 1] = sub(v, copied, from - 1)
    parts[#parts + 1] = string.format('%d', tonumber(sub(v, from, to)) + op[i + 1])
    copied = to + 1
  end
  parts[#parts + 1] = sub(v, copied)
  return table.concat(parts)
end

-- adds op[a..b] to the HyperLogLog of slot 2 (E2) or 13 (E13) and stores its count in that slot
local function addUsers(v, slot, op, a, b)
  local nl = find(v, '\n', 1, true)
  local from, to = span(v, LEN2)
  local len2 = tonumber(sub(v, from, to))
  local h2, h13 = sub(v, nl + 1, nl + len2), sub(v, nl + len2 + 1)
  local h = slot == 2 and h2 or h13
  if #h > 0 then
    redis.call('SET', KEYS[4], h)
  else
    redis.call('DEL', KEYS[4])
  end
  local changed = 0
  for j = a, b, 500 do
    changed = math.max(changed, redis.call('PFADD', KEYS[4], unpack(op, j, math.min(j + 499, b))))
  end
  if changed == 0 and #h > 0 then
    return v
  end
  local count = redis.call('PFCOUNT', KEYS[4])
  h = redis.call('GET', KEYS[4])
  if slot == 2 then
    h2 = h
  else
    h13 = h
  end
  return put(put(sub(v, 1, nl - 1), LEN2, #h2), slot, count) .. '\n' .. h2 .. h13
end

for _, op in ipairs(ops.g) do
  local v = redis.call('HGET', KEYS[op[1]], op[2]) or (op[3] .. ZEROS)
  local at = 7
  if op[4] > 0 then
    v = bump(v, op, at, op[4])
    at = at + 2 * op[4]
  end
  if op[5] > 0 then
    v = addUsers(v, 2, op, at, at + op[5] - 1)
    at = at + op[5]
  end
  if op[6] > 0 then
    v = addUsers(v, 13, op, at, at + op[6] - 1)
  end
  redis.call('HSET', KEYS[op[1]], op[2], v)
end
redis.call('DEL', KEYS[4])
for _, op in ipairs(ops.z) do
  redis.call('ZINCRBY', KEYS[op[1]], op[3], op[2])
end
for _, op in ipairs(ops.a) do
  redis.call('SADD', KEYS[op[1]], unpack(op[2]))
end
for _, k in ipairs(ops.e) do
  redis.call('EXPIRE', KEYS[k], ttl)
end
for _, k in ipairs(ops.x) do
  redis.call('EXPIRE', KEYS[k], tonumber(ARGV[6]))
end
redis.call('SET', KEYS[1], ARGV[2])
-- each channel's latest event time only moves forward (the per-channel watermark of DESIGN section 4)
local latest = {}
for word in string.gmatch(ARGV[3], '%S+') do
  latest[#latest + 1] = word
end
for i = 1, #latest, 2 do
  local seen = redis.call('HGET', KEYS[3], latest[i])
  if not seen or tonumber(seen) < tonumber(latest[i + 1]) then
    redis.call('HSET', KEYS[3], latest[i], latest[i + 1])
  end
end
return 1
