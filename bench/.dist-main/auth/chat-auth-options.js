import { ChatOptionsError } from '../errors/chat-options.error.js';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../options/chat-options.defaults.js';
import { checkInteger, isObject } from '../options/option-checks.js';
/** Checks the `auth` option and applies its defaults. */
export function resolveAuthOptions(value) {
    if (value === false)
        return false;
    if (!isObject(value))
        throw new ChatOptionsError('auth', 'must be false or an object');
    if (typeof value.secret !== 'string' || value.secret.length < 32) {
        throw new ChatOptionsError('auth.secret', 'must be a string of at least 32 characters');
    }
    for (const key of ['password', 'header']) {
        if (value[key] !== undefined && typeof value[key] !== 'function') {
            throw new ChatOptionsError(`auth.${key}`, 'must be a function');
        }
    }
    const tokenTtlSeconds = checkInteger('auth.tokenTtlSeconds', value.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, 1);
    return { ...value, tokenTtlSeconds };
}
//# sourceMappingURL=chat-auth-options.js.map