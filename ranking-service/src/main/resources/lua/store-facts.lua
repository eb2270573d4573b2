-- Puts freshly written movement facts (KEYS[1], a temporary hash) in place as a board-period's facts (KEYS[2]).
-- ARGV[1] '1': replace what is there (a freeze changed the facts); '0': only if nothing is there (a reader's
-- copy must not overwrite a freezer's newer one). ARGV[2] TTL in seconds, 0 for none. Both keys share a hash tag.
if ARGV[1] == '1' or redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  local ttl = tonumber(ARGV[2])
  if ttl > 0 then
    redis.call('EXPIRE', KEYS[2], ttl)
  else
    redis.call('PERSIST', KEYS[2])
  end
  return 1
end
redis.call('DEL', KEYS[1])
return 0
