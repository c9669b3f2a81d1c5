import { ChatOptionsError } from '../errors/chat-options.error.js';
import type {
  ChatStorageOption,
  ChatStorageOptions,
} from '../options/chat-storage-options.interface.js';
import {
  DEFAULT_MAX_PENDING_WRITES,
  DEFAULT_PGLITE_DATA_DIR,
} from '../options/chat-options.defaults.js';
import { checkInteger } from '../options/option-checks.js';

const STORE_METHODS = [
  'upsertUser',
  'getUser',
  'createThread',
  'updateThread',
  'getThread',
  'getThreadSummary',
  'listThreads',
  'deleteThread',
  'upsertStep',
  'getStep',
  'deleteStep',
  'upsertElement',
  'getElement',
  'deleteElement',
  'upsertFeedback',
  'getFeedback',
  'deleteFeedback',
  'close',
] as const;

/** Checks the `storage` option and applies its defaults: `false` or where to store. */
export function resolveChatStorage(
  storage: ChatStorageOption | undefined,
): false | ChatStorageOptions {
  if (storage === undefined || storage === false) return false;
  if (storage === true) {
    return {
      driver: 'pglite',
      dataDir: DEFAULT_PGLITE_DATA_DIR,
      maxPendingWrites: DEFAULT_MAX_PENDING_WRITES,
    };
  }
  if (storage === null || typeof storage !== 'object') {
    throw new ChatOptionsError(
      'storage',
      `must be a boolean or an object, got ${storage === null ? 'null' : typeof storage}`,
    );
  }
  const maxPendingWrites = checkInteger(
    'storage.maxPendingWrites',
    storage.maxPendingWrites ?? DEFAULT_MAX_PENDING_WRITES,
    1,
  );
  const where = resolveWhere(storage);
  return { ...where, maxPendingWrites };
}

/** Checks where the `storage` option stores (its driver and their fields, or a store). */
function resolveWhere(storage: ChatStorageOptions): ChatStorageOptions {
  if ('store' in storage) {
    const store = storage.store as unknown as Record<string, unknown> | null;
    const missing = STORE_METHODS.filter((name) => typeof store?.[name] !== 'function');
    if (missing.length > 0) {
      throw new ChatOptionsError(
        'storage.store',
        `must implement ChatStore; missing ${missing.join(', ')}`,
      );
    }
    return storage;
  }
  if (storage.driver === 'pglite') {
    const dataDir = storage.dataDir ?? DEFAULT_PGLITE_DATA_DIR;
    if (typeof dataDir !== 'string' || dataDir === '') {
      throw new ChatOptionsError('storage.dataDir', 'must be a non-empty string');
    }
    return { driver: 'pglite', dataDir };
  }
  if (storage.driver === 'postgres') {
    if (typeof storage.url !== 'string' || !/^postgres(ql)?:\/\//.test(storage.url)) {
      throw new ChatOptionsError('storage.url', 'must be a postgres:// connection string');
    }
    if (storage.max !== undefined && (!Number.isSafeInteger(storage.max) || storage.max < 1)) {
      throw new ChatOptionsError('storage.max', `must be an integer >= 1, got ${storage.max}`);
    }
    return storage;
  }
  throw new ChatOptionsError(
    'storage.driver',
    `must be "pglite" or "postgres", got ${JSON.stringify((storage as { driver?: unknown }).driver)}`,
  );
}
