import { ChatOptionsError } from '../errors/chat-options.error.js';
import type { ResolvedChatAuthOptions } from '../options/chat-auth-options.interface.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import {
  DEFAULT_LOGIN_ATTEMPTS,
  DEFAULT_TOKEN_TTL_SECONDS,
} from '../options/chat-options.defaults.js';
import { checkInteger, isObject } from '../options/option-checks.js';
import { checkSecret } from './secret-strength.js';

/** Checks the `auth` option and applies its defaults. */
export function resolveAuthOptions(value: unknown): ResolvedChatOptions['auth'] {
  if (value === false) return false;
  if (!isObject(value)) throw new ChatOptionsError('auth', 'must be false or an object');
  checkSecret('auth.secret', value.secret);
  for (const key of ['password', 'header'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'function') {
      throw new ChatOptionsError(`auth.${key}`, 'must be a function');
    }
  }
  const tokenTtlSeconds = checkInteger(
    'auth.tokenTtlSeconds',
    value.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    1,
  );
  return {
    ...(value as unknown as ResolvedChatAuthOptions),
    tokenTtlSeconds,
    loginAttempts: resolveLoginAttempts(value.loginAttempts),
  };
}

/** Checks `identitySecret` (when given). */
export function resolveIdentitySecret(value: unknown): string | undefined {
  return value === undefined ? undefined : checkSecret('identitySecret', value);
}

function resolveLoginAttempts(value: unknown): ResolvedChatAuthOptions['loginAttempts'] {
  if (value === false) return false;
  if (value === undefined) return { ...DEFAULT_LOGIN_ATTEMPTS };
  if (!isObject(value))
    throw new ChatOptionsError('auth.loginAttempts', 'must be false or an object');
  const field = (key: keyof typeof DEFAULT_LOGIN_ATTEMPTS) =>
    checkInteger(`auth.loginAttempts.${key}`, value[key] ?? DEFAULT_LOGIN_ATTEMPTS[key], 1);
  return {
    perUsername: field('perUsername'),
    perAddress: field('perAddress'),
    windowSeconds: field('windowSeconds'),
  };
}
