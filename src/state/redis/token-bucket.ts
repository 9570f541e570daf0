import type { Redis } from 'ioredis';

/**
 * The same token bucket as memory/token-buckets.ts, as one Lua script: Redis runs a script
 * atomically, so two replicas taking from one user's bucket at once cannot both read "one left".
 * The clock is the server's (TIME), so replicas whose clocks disagree still agree on the bucket.
 *
 * KEYS[1] the bucket (a hash: tokens, at); ARGV[1] capacity; ARGV[2] tokens earned per ms.
 * Returns {1, 0} when allowed, {0, ms until a token} when not. The bucket expires once it would
 * be full again, so an idle user costs nothing.
 */
const SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
return {allowed, retry}
`;

const COMMAND = 'policybotTakeToken';

type Take = (bucket: string, capacity: number, perMs: number) => Promise<[number, number]>;

/**
 * Defines the script on the client (ioredis sends EVALSHA, and the script itself when a restarted
 * server no longer has it) and returns the call.
 */
export function tokenBucket(client: Redis): Take {
  client.defineCommand(COMMAND, { numberOfKeys: 1, lua: SCRIPT });
  // defineCommand adds a method ioredis's types cannot know of.
  const command = (client as unknown as Record<string, Take>)[COMMAND];
  if (command === undefined) throw new Error('ioredis did not define the token-bucket script');
  return command.bind(client);
}
