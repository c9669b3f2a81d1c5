import { ChatOptionsError } from '../errors/chat-options.error.js';
import type { ChatRedisOptions, ResolvedChatRedisOptions } from './chat-redis-options.interface.js';

export const DEFAULT_REDIS_OPTIONS: Omit<ResolvedChatRedisOptions, 'url'> = {
  maxDisconnectionDuration: 120_000,
  keyPrefix: 'nest-chat',
  maxLen: 100_000,
};

/** Checks the `redis` option and applies its defaults; the error names the wrong field. */
export function resolveRedisOptions(
  value: ChatRedisOptions | false | undefined,
  sessionTimeoutMs: number,
): ResolvedChatRedisOptions | false {
  if (value === undefined || value === false) return false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChatOptionsError('redis', `must be an object { url }, got ${show(value)}`);
  }
  const { url, client } = value;
  if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/.test(url)) {
    throw new ChatOptionsError(
      'redis.url',
      `must be a redis:// or rediss:// URL, got ${show(typeof url === 'string' ? redact(url) : url)}`,
    );
  }
  const maxDisconnectionDuration = integer(
    'redis.maxDisconnectionDuration',
    value.maxDisconnectionDuration ?? DEFAULT_REDIS_OPTIONS.maxDisconnectionDuration,
    0,
  );
  if (maxDisconnectionDuration > sessionTimeoutMs) {
    throw new ChatOptionsError(
      'redis.maxDisconnectionDuration',
      `(${maxDisconnectionDuration}) must not exceed sessionTimeoutMs (${sessionTimeoutMs}): a ` +
        'socket that comes back would find its session ended; lower it, or 0 to turn recovery off',
    );
  }
  const keyPrefix = value.keyPrefix ?? DEFAULT_REDIS_OPTIONS.keyPrefix;
  if (typeof keyPrefix !== 'string' || !/^[\w.:-]+$/.test(keyPrefix)) {
    throw new ChatOptionsError(
      'redis.keyPrefix',
      `must be a non-empty string of letters, digits, "_", "-", "." and ":", got ${show(keyPrefix)}`,
    );
  }
  const maxLen = integer('redis.maxLen', value.maxLen ?? DEFAULT_REDIS_OPTIONS.maxLen, 1000);
  if (client !== undefined && (client === null || typeof client !== 'object')) {
    throw new ChatOptionsError('redis.client', 'must be an object of redis client options');
  }
  const resolved: ResolvedChatRedisOptions = { url, maxDisconnectionDuration, keyPrefix, maxLen };
  if (client !== undefined) resolved.client = client;
  return resolved;
}

/** A Redis URL as logs and errors show it: without its password. */
export function redact(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

function integer(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ChatOptionsError(name, `must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

function show(value: unknown): string {
  if (typeof value === 'number' || value === null || value === undefined) return String(value);
  return JSON.stringify(value) ?? typeof value;
}
