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
-- [aggregate, type, period index, index member]: a new aggregate gets its type, its TTL and its place in the
-- period's index once, at creation; a live one is left as it is (three calls fewer per aggregate and batch)
for _, op in ipairs(ops.n) do
  if redis.call('HSETNX', KEYS[op[1]], 't', op[2]) == 1 then
    redis.call('EXPIRE', KEYS[op[1]], ttl)
    redis.call('SADD', KEYS[op[3]], op[4])
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
