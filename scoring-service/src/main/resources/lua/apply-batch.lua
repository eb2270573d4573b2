-- Applies one consumer batch of one partition atomically, exactly once.
-- KEYS[1] applied offset, KEYS[2] dirty set, KEYS[3] hash channel -> latest event time, KEYS[4] scratch key (a
-- HyperLogLog is worked on there and emptied before the script returns), KEYS[5..] data keys referenced by index.
-- ARGV[1] first offset of the batch, ARGV[2] last offset, ARGV[3] "CHANNEL millis ..." of the batch, ARGV[4] ops (JSON),
-- ARGV[5] ttl seconds for data keys, ARGV[6] ttl seconds for the seen-id sets (ops.x).
--
-- An aggregate is one field of its period's hash (field = entity id); its value is the line
-- "<type> <E1> ... <E13> <length of E2's HLL>\n" followed by E2's and E13's HyperLogLog strings (AggregateValue).
-- ops.g: [hash, entity, type, [slot, delta, ...], [E2 users], [E13 users]]; ops.z ZINCRBY [key, member, delta];
-- ops.a SADD [key, [members]]; ops.e keys whose TTL is renewed to ARGV[5]; ops.x keys renewed to ARGV[6].
local applied = redis.call('GET', KEYS[1])
if applied and tonumber(applied) >= tonumber(ARGV[1]) then
  -- already applied (a redelivery or a zombie consumer): change nothing
  return 0
end
local ops = cjson.decode(ARGV[4])
local ttl = tonumber(ARGV[5])
local SLOTS = 13
local E2, E13 = 2, 13

-- adds users to a stored HyperLogLog string (nil: none yet); returns the new string and count, or nil when unchanged
local function addUsers(hll, users)
  if hll then
    redis.call('SET', KEYS[4], hll)
  else
    redis.call('DEL', KEYS[4])
  end
  local changed = 0
  for j = 1, #users, 500 do
    changed = math.max(changed, redis.call('PFADD', KEYS[4], unpack(users, j, math.min(j + 499, #users))))
  end
  if changed == 0 and hll then
    return nil
  end
  local count = redis.call('PFCOUNT', KEYS[4])
  return redis.call('GET', KEYS[4]), count
end

for _, op in ipairs(ops.g) do
  local stored = redis.call('HGET', KEYS[op[1]], op[2])
  local counts = {}
  local hll2, hll13
  if stored then
    local nl = string.find(stored, '\n', 1, true)
    local words = {}
    for w in string.gmatch(string.sub(stored, 1, nl - 1), '%S+') do
      words[#words + 1] = w
    end
    for s = 1, SLOTS do
      counts[s] = tonumber(words[s + 1])
    end
    local len2 = tonumber(words[SLOTS + 2])
    if len2 > 0 then
      hll2 = string.sub(stored, nl + 1, nl + len2)
    end
    if #stored > nl + len2 then
      hll13 = string.sub(stored, nl + len2 + 1)
    end
  else
    for s = 1, SLOTS do
      counts[s] = 0
    end
  end
  local deltas = op[4]
  for j = 1, #deltas, 2 do
    counts[deltas[j]] = counts[deltas[j]] + deltas[j + 1]
  end
  if #op[5] > 0 then
    local h, c = addUsers(hll2, op[5])
    if h then
      hll2, counts[E2] = h, c
    end
  end
  if #op[6] > 0 then
    local h, c = addUsers(hll13, op[6])
    if h then
      hll13, counts[E13] = h, c
    end
  end
  local line = {op[3]}
  for s = 1, SLOTS do
    line[s + 1] = string.format('%d', counts[s])
  end
  hll2, hll13 = hll2 or '', hll13 or ''
  line[SLOTS + 2] = tostring(#hll2)
  redis.call('HSET', KEYS[op[1]], op[2], table.concat(line, ' ') .. '\n' .. hll2 .. hll13)
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
