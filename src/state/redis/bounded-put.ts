import type { Redis } from 'ioredis';

/**
 * A value put into a named map with a bound on how many the map holds, as the memory store's
 * ExpiringMap has (10,000 answers): one Lua script, so the value, its place in the map's index and
 * the eviction of the oldest are one atomic step on the server, whichever replica puts.
 *
 * KEYS[1] the value's key; KEYS[2] the map's index (a sorted set of member -> time put).
 * ARGV[1] value, ARGV[2] ttl in ms, ARGV[3] member, ARGV[4] max, ARGV[5] the prefix of the map's
 * value keys (member appended). Expired members leave the index by score; beyond `max`, the oldest
 * leave it and their values are deleted. Returns how many were evicted.
 */
const SCRIPT = `
local ttl = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], now, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
local evicted = 0
if over > 0 then
  local oldest = redis.call('ZPOPMIN', KEYS[2], over)
  for i = 1, #oldest, 2 do
    redis.call('DEL', ARGV[5] .. oldest[i])
    evicted = evicted + 1
  end
end
return evicted
`;

const COMMAND = 'policybotBoundedPut';

type Put = (
  key: string,
  index: string,
  value: string,
  ttlMs: number,
  member: string,
  max: number,
  prefix: string,
) => Promise<number>;

/** Defines the script on the client and returns the call (see token-bucket.ts). */
export function boundedPut(client: Redis): Put {
  client.defineCommand(COMMAND, { numberOfKeys: 2, lua: SCRIPT });
  const command = (client as unknown as Record<string, Put>)[COMMAND];
  if (command === undefined) throw new Error('ioredis did not define the bounded-put script');
  return command.bind(client);
}
