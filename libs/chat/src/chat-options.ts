import type {
  ChatModuleOptions,
  ChatProfile,
  ChatStarter,
  ChatUploadOptions,
  ResolvedChatOptions,
} from './options/chat-module-options.interface.js';
import { DEFAULT_CHAT_OPTIONS } from './options/chat-options.defaults.js';
import {
  checkInteger,
  checkPositive,
  checkStrings,
  isObject,
  stripUndefined,
} from './options/option-checks.js';
import { resolveAsyncifyOptions } from './asyncify/asyncify-options.js';
import { resolveAuthOptions, resolveIdentitySecret } from './auth/chat-auth-options.js';
import { ChatOptionsError } from './errors/chat-options.error.js';
import { resolveRateLimit } from './limits/rate-limit-options.js';
import {
  resolveAvatarsDir,
  resolvePublicDir,
  resolveFavicon,
  resolveLogo,
  resolveTranslations,
  resolveUi,
} from './http/chat-ui-options.js';
import { resolveAllowedHosts } from './http/host-allowed.js';
import { resolveChatStorage } from './persistence/chat-storage-options.js';
import { resolvePlaygroundOptions } from './playground/playground-options.js';
import { resolveRedisOptions } from './scaling/redis-options.js';

/** The longest a Node timer waits: 2^31 - 1 ms. */
const MAX_TIMER_SECONDS = Math.floor(2_147_483_647 / 1000);

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
  if (typeof o.favorites !== 'boolean') {
    throw new ChatOptionsError('favorites', 'must be a boolean');
  }
  checkInteger('tokenFlushMs', o.tokenFlushMs, 0);
  checkInteger('tokenFlushMaxMs', o.tokenFlushMaxMs, 0);
  checkInteger('sessionTimeoutMs', o.sessionTimeoutMs, 0);
  checkInteger('maxMessageBytes', o.maxMessageBytes, 1024);
  checkInteger('maxSessionFiles', o.maxSessionFiles, 1);
  checkInteger('maxSessionFileBytes', o.maxSessionFileBytes, 1);
  checkInteger('maxUploadBytesInFlight', o.maxUploadBytesInFlight, 1);
  checkInteger('maxAskTimeoutSeconds', o.maxAskTimeoutSeconds, 1);
  if (o.maxAskTimeoutSeconds > MAX_TIMER_SECONDS) {
    throw new ChatOptionsError(
      'maxAskTimeoutSeconds',
      `must be at most ${MAX_TIMER_SECONDS} (what a Node timer can wait), got ${o.maxAskTimeoutSeconds}`,
    );
  }
  checkInteger('maxSessions', o.maxSessions, 0);
  checkInteger('maxConnectionsPerIp', o.maxConnectionsPerIp, 0);
  checkInteger('unusedSessionTimeoutMs', o.unusedSessionTimeoutMs, 0);
  checkInteger('slowSocketBytes', o.slowSocketBytes, 1024);
  checkInteger('maxSocketBufferBytes', o.maxSocketBufferBytes, 1024);
  if (o.maxSocketBufferBytes < o.slowSocketBytes) {
    throw new ChatOptionsError(
      'maxSocketBufferBytes',
      `(${o.maxSocketBufferBytes}) must be at least slowSocketBytes (${o.slowSocketBytes})`,
    );
  }
  checkTrustProxy(o.trustProxy);
  checkInteger('handlerTimeoutMs', o.handlerTimeoutMs, 0);
  checkInteger('shutdownTimeoutMs', o.shutdownTimeoutMs, 0);
  const cors = o.cors === true ? { origin: true, credentials: true } : o.cors;
  if (cors !== undefined && cors !== false && (cors === null || typeof cors !== 'object')) {
    throw new ChatOptionsError('cors', 'must be a boolean or an object of CORS options');
  }
  const upload = resolveUpload(o.upload);
  if (upload && Math.floor(upload.maxSizeMb * 1024 * 1024) > o.maxUploadBytesInFlight) {
    throw new ChatOptionsError(
      'maxUploadBytesInFlight',
      `must be at least the largest upload (upload.maxSizeMb: ${upload.maxSizeMb} MB, ${Math.floor(upload.maxSizeMb * 1024 * 1024)} bytes), got ${o.maxUploadBytesInFlight}`,
    );
  }
  return {
    ...o,
    mount: resolveMount(o.mount),
    path: o.path.replace(/\/+$/, ''),
    cors,
    allowedHosts: resolveAllowedHosts(o.allowedHosts),
    identitySecret: resolveIdentitySecret(o.identitySecret),
    playground: resolvePlaygroundOptions(o.playground),
    userEnv: checkStrings('userEnv', o.userEnv),
    chatProfiles: checkProfiles(o.chatProfiles),
    starters: checkStarters('starters', o.starters),
    upload,
    ui: resolveUi(o.ui),
    translations: resolveTranslations(o.translations),
    favicon: resolveFavicon(o.favicon),
    logo: resolveLogo(o.logo),
    avatarsDir: resolveAvatarsDir(o.avatarsDir),
    publicDir: resolvePublicDir(o.publicDir),
    auth: resolveAuthOptions(o.auth),
    redis: resolveRedisOptions(o.redis, o.sessionTimeoutMs),
    storage: resolveChatStorage(o.storage),
    rateLimit: resolveRateLimit(o.rateLimit),
    asyncify: resolveAsyncifyOptions(options.asyncify),
  };
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

function resolveUpload(value: unknown): ResolvedChatOptions['upload'] {
  if (value === false) return false;
  if (!isObject(value)) throw new ChatOptionsError('upload', 'must be false or an object');
  const defaults = DEFAULT_CHAT_OPTIONS.upload as Required<ChatUploadOptions>;
  const accept = value.accept ?? defaults.accept;
  if (!Array.isArray(accept) && !isObject(accept)) {
    throw new ChatOptionsError('upload.accept', 'must be an array or an object');
  }
  const maxFiles = checkInteger('upload.maxFiles', value.maxFiles ?? defaults.maxFiles, 1);
  const maxSizeMb = checkPositive('upload.maxSizeMb', value.maxSizeMb ?? defaults.maxSizeMb);
  return { accept: accept as ChatUploadOptions['accept'] & object, maxFiles, maxSizeMb };
}

function checkTrustProxy(value: unknown): void {
  const ok =
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (!ok) {
    throw new ChatOptionsError(
      'trustProxy',
      'must be a boolean, a number of hops, or addresses and subnets (a string or strings)',
    );
  }
}

/** The `mount` option as a path root: `''`, or `/chat` (one leading slash, none trailing). */
function resolveMount(mount: unknown): string {
  if (typeof mount !== 'string') {
    throw new ChatOptionsError('mount', `must be a path such as '/chat', got ${typeof mount}`);
  }
  const trimmed = mount.replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^\/[\w\-./~]+$/.test(trimmed) || trimmed.includes('//')) {
    throw new ChatOptionsError(
      'mount',
      `must be a path such as '/chat' (a leading slash; letters, digits, "-", "_", ".", "~", "/"), got '${mount}'`,
    );
  }
  return trimmed;
}
