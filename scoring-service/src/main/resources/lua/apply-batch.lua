-- Applies one consumer batch of one partition atomically, exactly once.
-- KEYS[1] applied offset, KEYS[2] dirty set, KEYS[3] hash channel -> latest event time, KEYS[4..] data keys
-- referenced by index. ops.e lists the keys whose TTL every batch renews (period indexes, distinct-user and
-- contributor keys); an aggregate hash gets its TTL once, when it is created (its period ends within the TTL).
-- ARGV[1] first offset of the batch, ARGV[2] last offset, ARGV[3] "CHANNEL millis ..." of the batch, ARGV[4] ops (JSON),
-- ARGV[5] ttl seconds for data keys, ARGV[6] ttl seconds for the seen-id sets (ops.x).
local applied = redis.call('GET', KEYS[1])
if applied and tonumber(applied) >= tonumber(ARGV[1]) then
  -- already applied (a redelivery or a zombie consumer): change nothing
  return 0
end
local ops = cjson.decode(ARGV[4])
local ttl = tonumber(ARGV[5])
for _, op in ipairs(ops.h) do
  redis.call('HINCRBY', KEYS[op[1]], op[2], op[3])
end
-- [period index, [index members], [aggregates], [types]]: an aggregate is new when its entity is not yet in the
-- period's index (both are created together, here). A new one gets its type, its TTL and its place in the index
-- once; a live one costs nothing here, one variadic SMISMEMBER per 500 instead of a call per aggregate.
for _, op in ipairs(ops.n) do
  local known = redis.call('SMISMEMBER', KEYS[op[1]], unpack(op[2]))
  local fresh = {}
  for j = 1, #known do
    if known[j] == 0 then
      redis.call('HSET', KEYS[op[3][j]], 't', op[4][j])
      redis.call('EXPIRE', KEYS[op[3][j]], ttl)
      fresh[#fresh + 1] = op[2][j]
    end
  end
  if #fresh > 0 then
    redis.call('SADD', KEYS[op[1]], unpack(fresh))
  end
end
for _, op in ipairs(ops.p) do
  redis.call('PFADD', KEYS[op[1]], unpack(op[2]))
end
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
