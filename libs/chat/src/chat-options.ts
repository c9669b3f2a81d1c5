import { availableParallelism } from 'node:os';
import type { AsyncifyOptions } from './asyncify/asyncify-options.interface.js';
import type { ChatAuthOptions } from './auth/chat-user.interface.js';
import type {
  ChatModuleOptions,
  ChatProfile,
  ChatStarter,
  ChatUploadOptions,
  ResolvedChatOptions,
} from './chat-module-options.interface.js';
import { ChatOptionsError } from './errors/chat-options.error.js';
import { resolveChatStorage } from './persistence/chat-storage-options.js';
import { resolveRedisOptions } from './scaling/redis-options.js';

export const DEFAULT_CHAT_OPTIONS: ResolvedChatOptions = {
  path: '/ws/socket.io',
  cors: false,
  sessionTimeoutMs: 300_000,
  maxMessageBytes: 1_048_576,
  maxSessionFiles: 100,
  maxSessionFileBytes: 104_857_600,
  maxAskTimeoutSeconds: 3600,
  rateLimit: { points: 100, perSeconds: 10 },
  handlerTimeoutMs: 0,
  shutdownTimeoutMs: 10_000,
  assistantName: 'Assistant',
  coalesceTokens: true,
  tokenFlushMs: 0,
  playground: false,
  userEnv: [],
  chatProfiles: [],
  starters: [],
  upload: { accept: ['*/*'], maxFiles: 10, maxSizeMb: 20 },
  ui: {},
  auth: false,
  redis: false,
  storage: false,
  asyncify: {
    minThreads: 1,
    maxThreads: availableParallelism(),
    idleTimeoutMs: 30_000,
    maxQueue: Number.POSITIVE_INFINITY,
  },
};

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ChatOptionsError(name, `must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

/** Applies the defaults and checks every option, naming the one that is wrong. */
export function resolveChatOptions(options: ChatModuleOptions = {}): ResolvedChatOptions {
  if (options === null || typeof options !== 'object') {
    throw new ChatOptionsError(
      'options',
      `must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const o = { ...DEFAULT_CHAT_OPTIONS, ...stripUndefined(options) };
  if (typeof o.path !== 'string' || !/^\/.*[^/]/.test(o.path)) {
    throw new ChatOptionsError(
      'path',
      `must be a string starting with "/", got ${JSON.stringify(o.path)}`,
    );
  }
  if (typeof o.assistantName !== 'string' || o.assistantName.trim() === '') {
    throw new ChatOptionsError('assistantName', 'must be a non-empty string');
  }
  if (typeof o.coalesceTokens !== 'boolean') {
    throw new ChatOptionsError('coalesceTokens', 'must be a boolean');
  }
  checkInteger('tokenFlushMs', o.tokenFlushMs, 0);
  checkInteger('sessionTimeoutMs', o.sessionTimeoutMs, 0);
  checkInteger('maxMessageBytes', o.maxMessageBytes, 1024);
  checkInteger('maxSessionFiles', o.maxSessionFiles, 1);
  checkInteger('maxSessionFileBytes', o.maxSessionFileBytes, 1);
  checkInteger('maxAskTimeoutSeconds', o.maxAskTimeoutSeconds, 1);
  if (o.maxAskTimeoutSeconds > MAX_TIMER_SECONDS) {
    throw new ChatOptionsError(
      'maxAskTimeoutSeconds',
      `must be at most ${MAX_TIMER_SECONDS} (what a Node timer can wait), got ${o.maxAskTimeoutSeconds}`,
    );
  }
  checkInteger('handlerTimeoutMs', o.handlerTimeoutMs, 0);
  checkInteger('shutdownTimeoutMs', o.shutdownTimeoutMs, 0);
  const cors = o.cors === true ? { origin: true, credentials: true } : o.cors;
  if (cors !== false && (cors === null || typeof cors !== 'object')) {
    throw new ChatOptionsError('cors', 'must be a boolean or an object of CORS options');
  }
  return {
    ...o,
    path: o.path.replace(/\/+$/, ''),
    cors,
    playground: resolvePlayground(o.playground),
    userEnv: checkStrings('userEnv', o.userEnv),
    chatProfiles: checkProfiles(o.chatProfiles),
    starters: checkStarters('starters', o.starters),
    upload: resolveUpload(o.upload),
    ui: checkObject('ui', o.ui),
    auth: resolveAuth(o.auth),
    redis: resolveRedisOptions(o.redis, o.sessionTimeoutMs),
    storage: resolveChatStorage(o.storage),
    rateLimit: resolveRateLimit(o.rateLimit),
    asyncify: resolveAsyncify(options.asyncify),
  };
}

function resolveAsyncify(options: AsyncifyOptions = {}): ResolvedChatOptions['asyncify'] {
  if (options === null || typeof options !== 'object') {
    throw new ChatOptionsError('asyncify', 'must be an object');
  }
  const given = stripUndefined(options);
  const minThreads = checkInteger('asyncify.minThreads', given.minThreads ?? 1, 1);
  const maxThreads = checkInteger(
    'asyncify.maxThreads',
    given.maxThreads ?? Math.max(minThreads, DEFAULT_CHAT_OPTIONS.asyncify.maxThreads),
    1,
  );
  if (maxThreads < minThreads) {
    throw new ChatOptionsError(
      'asyncify.maxThreads',
      `(${maxThreads}) must be at least asyncify.minThreads (${minThreads})`,
    );
  }
  const idleTimeoutMs = checkInteger('asyncify.idleTimeoutMs', given.idleTimeoutMs ?? 30_000, 0);
  const maxQueue = given.maxQueue ?? Number.POSITIVE_INFINITY;
  if (maxQueue !== Number.POSITIVE_INFINITY) checkInteger('asyncify.maxQueue', maxQueue, 0);
  if (
    given.resourceLimits !== undefined &&
    (given.resourceLimits === null || typeof given.resourceLimits !== 'object')
  ) {
    throw new ChatOptionsError(
      'asyncify.resourceLimits',
      'must be an object of worker ResourceLimits',
    );
  }
  if (given.pool !== undefined && typeof (given.pool as { run?: unknown })?.run !== 'function') {
    throw new ChatOptionsError('asyncify.pool', 'must be a piscina pool (an object with run())');
  }
  return { ...given, minThreads, maxThreads, idleTimeoutMs, maxQueue };
}

/** The longest a Node timer waits: 2^31 - 1 ms. */
const MAX_TIMER_SECONDS = Math.floor(2_147_483_647 / 1000);

function resolveRateLimit(value: unknown): ResolvedChatOptions['rateLimit'] {
  if (value === false) return false;
  const points = isObject(value) ? value.points : undefined;
  const perSeconds = isObject(value) ? value.perSeconds : undefined;
  if (
    typeof points !== 'number' ||
    !Number.isSafeInteger(points) ||
    points < 1 ||
    typeof perSeconds !== 'number' ||
    !(perSeconds > 0) ||
    !Number.isFinite(perSeconds)
  ) {
    throw new ChatOptionsError(
      'rateLimit',
      `must be false or { points: an integer >= 1, perSeconds: a number > 0 }, got ${show(value)}`,
    );
  }
  return { points, perSeconds };
}

function resolvePlayground(
  value: ChatModuleOptions['playground'],
): ResolvedChatOptions['playground'] {
  if (value === false) return false;
  if (value === true) return { path: '' };
  const path = isObject(value) ? (value.path ?? '/') : undefined;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new ChatOptionsError(
      'playground',
      `must be a boolean or { path } with a path starting with "/", got ${show(value)}`,
    );
  }
  return { path: path.replace(/\/+$/, '') };
}

function checkStrings(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new ChatOptionsError(name, 'must be an array of non-empty strings');
  }
  return value;
}

function checkObject(name: string, value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new ChatOptionsError(name, 'must be an object');
  return value;
}

function checkStarters(name: string, value: unknown): ChatStarter[] {
  if (
    !Array.isArray(value) ||
    value.some((s) => !isObject(s) || typeof s.label !== 'string' || typeof s.message !== 'string')
  ) {
    throw new ChatOptionsError(name, 'must be an array of { label, message }');
  }
  return value;
}

function checkProfiles(value: unknown): ChatProfile[] {
  if (!Array.isArray(value)) throw new ChatOptionsError('chatProfiles', 'must be an array');
  const names = new Set<string>();
  value.forEach((profile, i) => {
    if (!isObject(profile) || typeof profile.name !== 'string' || profile.name === '') {
      throw new ChatOptionsError(`chatProfiles[${i}]`, 'must be an object with a non-empty name');
    }
    if (names.has(profile.name)) {
      throw new ChatOptionsError(`chatProfiles[${i}]`, `repeats the name "${profile.name}"`);
    }
    names.add(profile.name);
    if (profile.starters !== undefined)
      checkStarters(`chatProfiles[${i}].starters`, profile.starters);
  });
  return value;
}

function resolveAuth(value: unknown): ResolvedChatOptions['auth'] {
  if (value === false) return false;
  if (!isObject(value)) throw new ChatOptionsError('auth', 'must be false or an object');
  if (typeof value.secret !== 'string' || value.secret.length < 32) {
    throw new ChatOptionsError('auth.secret', 'must be a string of at least 32 characters');
  }
  for (const key of ['password', 'header'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'function') {
      throw new ChatOptionsError(`auth.${key}`, 'must be a function');
    }
  }
  const tokenTtlSeconds = checkInteger(
    'auth.tokenTtlSeconds',
    (value.tokenTtlSeconds as number | undefined) ?? 1_296_000,
    1,
  );
  return { ...(value as unknown as ChatAuthOptions), tokenTtlSeconds };
}

function resolveUpload(value: unknown): ResolvedChatOptions['upload'] {
  if (value === false) return false;
  if (!isObject(value)) throw new ChatOptionsError('upload', 'must be false or an object');
  const defaults = DEFAULT_CHAT_OPTIONS.upload as Required<ChatUploadOptions>;
  const accept = value.accept ?? defaults.accept;
  if (!Array.isArray(accept) && !isObject(accept)) {
    throw new ChatOptionsError('upload.accept', 'must be an array or an object');
  }
  const maxFiles = checkInteger(
    'upload.maxFiles',
    (value.maxFiles as number) ?? defaults.maxFiles,
    1,
  );
  const maxSizeMb = (value.maxSizeMb as number) ?? defaults.maxSizeMb;
  if (typeof maxSizeMb !== 'number' || !(maxSizeMb > 0) || !Number.isFinite(maxSizeMb)) {
    throw new ChatOptionsError('upload.maxSizeMb', `must be a number > 0, got ${show(maxSizeMb)}`);
  }
  return { accept: accept as ChatUploadOptions['accept'] & object, maxFiles, maxSizeMb };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A value as an error message shows it: strings quoted, NaN as NaN. */
function show(value: unknown): string {
  if (typeof value === 'number' || value === null || value === undefined) return String(value);
  return JSON.stringify(value) ?? typeof value;
}
