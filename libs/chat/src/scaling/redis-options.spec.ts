import type { ChatModuleOptions } from '../options/chat-module-options.interface.js';
import { resolveChatOptions } from '../chat-options.js';
import { ChatOptionsError } from '../errors/chat-options.error.js';
import { redact } from './redis-options.js';

/** The message `resolveChatOptions` throws for `options`, checked to be a ChatOptionsError. */
function errorOf(options: unknown): string {
  let thrown: unknown;
  try {
    resolveChatOptions(options as ChatModuleOptions);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ChatOptionsError);
  return (thrown as Error).message;
}

describe('the redis option', () => {
  it('is off by default, and with false', () => {
    expect(resolveChatOptions().redis).toBe(false);
    expect(resolveChatOptions({ redis: false }).redis).toBe(false);
    expect(resolveChatOptions({ redis: undefined }).redis).toBe(false);
  });

  it('applies its defaults: recovery for 2 minutes, the "nest-chat" prefix, 100,000 entries', () => {
    expect(resolveChatOptions({ redis: { url: 'redis://127.0.0.1:6379' } }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      maxDisconnectionDuration: 120_000,
      keyPrefix: 'nest-chat',
      maxLen: 100_000,
    });
  });

  it('keeps the valid values it is given, client options included', () => {
    const redis = {
      url: 'rediss://user:secret@redis.example:6380/2',
      maxDisconnectionDuration: 0,
      keyPrefix: 'support-bot:eu',
      maxLen: 5000,
      client: { database: 2 },
    };
    expect(resolveChatOptions({ redis }).redis).toEqual(redis);
  });

  it('names the field that is wrong', () => {
    expect(errorOf({ redis: 'redis://localhost' })).toBe(
      'ChatModule: option "redis" must be an object { url }, got "redis://localhost"',
    );
    expect(errorOf({ redis: null })).toBe(
      'ChatModule: option "redis" must be an object { url }, got null',
    );
    expect(errorOf({ redis: {} })).toBe(
      'ChatModule: option "redis.url" must be a redis:// or rediss:// URL, got undefined',
    );
    expect(errorOf({ redis: { url: 'http://localhost:6379' } })).toBe(
      'ChatModule: option "redis.url" must be a redis:// or rediss:// URL, got "http://localhost:6379"',
    );
    expect(errorOf({ redis: { url: 'redis://h', maxDisconnectionDuration: -1 } })).toBe(
      'ChatModule: option "redis.maxDisconnectionDuration" must be an integer >= 0, got -1',
    );
    expect(errorOf({ redis: { url: 'redis://h', maxDisconnectionDuration: NaN } })).toBe(
      'ChatModule: option "redis.maxDisconnectionDuration" must be an integer >= 0, got NaN',
    );
    expect(errorOf({ redis: { url: 'redis://h', keyPrefix: 'a b' } })).toBe(
      'ChatModule: option "redis.keyPrefix" must be a non-empty string of letters, digits, "_", "-", "." and ":", got "a b"',
    );
    expect(errorOf({ redis: { url: 'redis://h', maxLen: 10 } })).toBe(
      'ChatModule: option "redis.maxLen" must be an integer >= 1000, got 10',
    );
    expect(errorOf({ redis: { url: 'redis://h', client: 'x' } })).toBe(
      'ChatModule: option "redis.client" must be an object of redis client options',
    );
  });

  it('does not show the password of a wrong URL', () => {
    expect(errorOf({ redis: { url: 'redis//user:hunter2@h' } })).not.toContain('hunter2');
    expect(redact('redis://user:hunter2@h:6379/0')).toBe('redis://user:***@h:6379/0');
    expect(redact('redis://:hunter2@h')).toBe('redis://:***@h');
    expect(redact('redis://h:6379')).toBe('redis://h:6379');
  });

  it('refuses a recovery window longer than the session timeout', () => {
    expect(errorOf({ sessionTimeoutMs: 60_000, redis: { url: 'redis://h' } })).toBe(
      'ChatModule: option "redis.maxDisconnectionDuration" (120000) must not exceed ' +
        'sessionTimeoutMs (60000): a socket that comes back would find its session ended; ' +
        'lower it, or 0 to turn recovery off',
    );
    expect(
      resolveChatOptions({
        sessionTimeoutMs: 0,
        redis: { url: 'redis://h', maxDisconnectionDuration: 0 },
      }).redis,
    ).toMatchObject({ maxDisconnectionDuration: 0 });
  });
});
