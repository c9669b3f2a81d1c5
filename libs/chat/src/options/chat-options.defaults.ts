import { availableParallelism } from 'node:os';
import type { ResolvedChatOptions } from './chat-module-options.interface.js';
import type { ResolvedChatRedisOptions } from './chat-redis-options.interface.js';

/** Every option's default, in one place; the resolvers beside each feature apply them. */
export const DEFAULT_CHAT_OPTIONS: ResolvedChatOptions = {
  mount: '',
  path: '/ws/socket.io',
  cors: undefined,
  allowedHosts: [],
  identitySecret: undefined,
  sessionTimeoutMs: 300_000,
  maxMessageBytes: 1_048_576,
  maxSessionFiles: 100,
  maxSessionFileBytes: 104_857_600,
  maxUploadBytesInFlight: 268_435_456,
  maxAskTimeoutSeconds: 3600,
  rateLimit: { points: 100, perSeconds: 10 },
  maxSessions: 10_000,
  maxConnectionsPerIp: 100,
  trustProxy: false,
  unusedSessionTimeoutMs: 30_000,
  slowSocketBytes: 1_048_576,
  maxSocketBufferBytes: 8_388_608,
  handlerTimeoutMs: 0,
  shutdownTimeoutMs: 10_000,
  assistantName: 'Assistant',
  coalesceTokens: true,
  tokenFlushMs: 16,
  tokenFlushMaxMs: 100,
  playground: false,
  userEnv: [],
  chatProfiles: [],
  starters: [],
  upload: { accept: ['*/*'], maxFiles: 10, maxSizeMb: 20 },
  ui: { cot: 'full' },
  translations: { dir: undefined, languages: {} },
  favorites: false,
  favicon: undefined,
  logo: {},
  avatarsDir: false,
  publicDir: false,
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

/** The defaults of the `redis` option's fields (its `url` has none). */
export const DEFAULT_REDIS_OPTIONS: Omit<ResolvedChatRedisOptions, 'url'> = {
  maxDisconnectionDuration: 120_000,
  keyPrefix: 'nest-chat',
  maxLen: 100_000,
};

/** Where PGlite keeps its data unless told otherwise (relative to the working directory). */
export const DEFAULT_PGLITE_DATA_DIR = './.nest-chat/data';

/** Writes that may wait for the store at once unless `storage.maxPendingWrites` says otherwise. */
export const DEFAULT_MAX_PENDING_WRITES = 10_000;

/** How long a login lasts unless `auth.tokenTtlSeconds` says otherwise: 15 days. */
export const DEFAULT_TOKEN_TTL_SECONDS = 1_296_000;

/** Failed password logins counted unless `auth.loginAttempts` says otherwise. */
export const DEFAULT_LOGIN_ATTEMPTS = { perUsername: 5, perAddress: 20, windowSeconds: 900 };
