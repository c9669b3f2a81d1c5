import { ChatOptionsError } from '../errors/chat-options.error.js';
import { DEFAULT_REDIS_OPTIONS } from '../options/chat-options.defaults.js';
import { checkInteger, isObject, show } from '../options/option-checks.js';
/** Checks the `redis` option and applies its defaults; the error names the wrong field. */
export function resolveRedisOptions(value, sessionTimeoutMs) {
    if (value === undefined || value === false)
        return false;
    if (!isObject(value)) {
        throw new ChatOptionsError('redis', `must be an object { url }, got ${show(value)}`);
    }
    const { url, client } = value;
    if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/.test(url)) {
        throw new ChatOptionsError('redis.url', `must be a redis:// or rediss:// URL, got ${show(typeof url === 'string' ? redact(url) : url)}`);
    }
    const maxDisconnectionDuration = checkInteger('redis.maxDisconnectionDuration', value.maxDisconnectionDuration ?? DEFAULT_REDIS_OPTIONS.maxDisconnectionDuration, 0);
    if (maxDisconnectionDuration > sessionTimeoutMs) {
        throw new ChatOptionsError('redis.maxDisconnectionDuration', `(${maxDisconnectionDuration}) must not exceed sessionTimeoutMs (${sessionTimeoutMs}): a ` +
            'socket that comes back would find its session ended; lower it, or 0 to turn recovery off');
    }
    const keyPrefix = value.keyPrefix ?? DEFAULT_REDIS_OPTIONS.keyPrefix;
    if (typeof keyPrefix !== 'string' || !/^[\w.:-]+$/.test(keyPrefix)) {
        throw new ChatOptionsError('redis.keyPrefix', `must be a non-empty string of letters, digits, "_", "-", "." and ":", got ${show(keyPrefix)}`);
    }
    const maxLen = checkInteger('redis.maxLen', value.maxLen ?? DEFAULT_REDIS_OPTIONS.maxLen, 1000);
    if (client !== undefined && (client === null || typeof client !== 'object')) {
        throw new ChatOptionsError('redis.client', 'must be an object of redis client options');
    }
    const resolved = { url, maxDisconnectionDuration, keyPrefix, maxLen };
    if (client !== undefined)
        resolved.client = client;
    return resolved;
}
/** A Redis URL as logs and errors show it: without its password. */
export function redact(url) {
    return url.replace(/:[^:@/]*@/, ':***@');
}
//# sourceMappingURL=redis-options.js.map