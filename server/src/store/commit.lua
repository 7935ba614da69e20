-- Commits one transaction of liveroom-server atomically (see store/redis.rs).
--
-- ARGV[1] is the commit's deadline, ms since the epoch. Run later (Redis
-- was stalled, or the commit was slow to arrive), it writes nothing and
-- answers -1: its caller has answered 207001 by then, and a client that
-- retries as 207001 advises must not count twice. TIME is Redis's own clock,
-- allowed before writes since scripts replicate their effects (Redis 5+).
--
-- ARGV[2] = n, the number of checked keys: KEYS[1..n] must still hold
-- ARGV[3..n+2], each "1" .. value, or "0" for an absent key; otherwise
-- nothing is written and the answer is 0 (a conflict: the caller runs the
-- transaction again). Then the writes, each an op name, a key index into
-- KEYS and its arguments; the answer is 1.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if now > tonumber(ARGV[1]) then
  return -1
end
local n = tonumber(ARGV[2])
for i = 1, n do
  local value = redis.call('GET', KEYS[i])
  local expected = ARGV[i + 2]
  if value == false then
    if expected ~= '0' then return 0 end
  elseif expected ~= '1' .. value then
    return 0
  end
end
local a = n + 3
while a <= #ARGV do
  local op = ARGV[a]
  local key = KEYS[tonumber(ARGV[a + 1])]
  if op == 'set' then
    redis.call('SET', key, ARGV[a + 2], 'PXAT', ARGV[a + 3])
    a = a + 4
  elseif op == 'del' then
    redis.call('DEL', key)
    a = a + 2
  elseif op == 'expireat' then
    redis.call('PEXPIREAT', key, ARGV[a + 2])
    a = a + 3
  elseif op == 'zadd' then
    redis.call('ZADD', key, ARGV[a + 2], ARGV[a + 3])
    a = a + 4
  elseif op == 'zremunless' then
    if redis.call('EXISTS', KEYS[tonumber(ARGV[a + 3])]) == 0 then
      redis.call('ZREM', key, ARGV[a + 2])
    end
    a = a + 4
  else
    return redis.error_reply('unknown op ' .. tostring(op))
  end
end
return 1
