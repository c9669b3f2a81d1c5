import { ChatOptionsError } from '../errors/chat-options.error.js';
import type { ChatStorageOption } from '../options/chat-storage-options.interface.js';
import { resolveChatStorage } from './chat-storage-options.js';
import type { ChatStore } from '../protocol/chat-store.interface.js';

const messageOf = (option: unknown): string => {
  try {
    resolveChatStorage(option as ChatStorageOption);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatOptionsError);
    return (error as Error).message;
  }
  throw new Error('resolveChatStorage did not throw');
};

describe('resolveChatStorage', () => {
  it('stores nothing by default, and true means PGlite in ./.nest-chat/data', () => {
    expect(resolveChatStorage(undefined)).toBe(false);
    expect(resolveChatStorage(false)).toBe(false);
    const pglite = { driver: 'pglite', dataDir: './.nest-chat/data', maxPendingWrites: 10_000 };
    expect(resolveChatStorage(true)).toEqual(pglite);
    expect(resolveChatStorage({ driver: 'pglite' })).toEqual(pglite);
    expect(resolveChatStorage({ driver: 'pglite', dataDir: 'memory://' })).toEqual({
      ...pglite,
      dataDir: 'memory://',
    });
    expect(resolveChatStorage({ driver: 'pglite', maxPendingWrites: 5 })).toEqual({
      ...pglite,
      maxPendingWrites: 5,
    });
  });

  it('takes a PostgreSQL URL, and a store that has every ChatStore method', () => {
    const postgres = { driver: 'postgres', url: 'postgres://u@db:5432/chat' } as const;
    expect(resolveChatStorage(postgres)).toEqual({ ...postgres, maxPendingWrites: 10_000 });
    const store = Object.fromEntries(
      [
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
      ].map((name) => [name, () => undefined]),
    ) as unknown as ChatStore;
    const resolved = resolveChatStorage({ store, maxPendingWrites: 100 });
    expect(resolved).toEqual({ store, maxPendingWrites: 100 });
    expect(resolved && 'store' in resolved && resolved.store).toBe(store);
  });

  it('refuses a bad option with a message naming it', () => {
    expect(messageOf(null)).toBe(
      'ChatModule: option "storage" must be a boolean or an object, got null',
    );
    expect(messageOf('pglite')).toBe(
      'ChatModule: option "storage" must be a boolean or an object, got string',
    );
    expect(messageOf({ driver: 'sqlite' })).toBe(
      'ChatModule: option "storage.driver" must be "pglite" or "postgres", got "sqlite"',
    );
    expect(messageOf({ driver: 'pglite', dataDir: '' })).toBe(
      'ChatModule: option "storage.dataDir" must be a non-empty string',
    );
    expect(messageOf({ driver: 'postgres', url: 'mysql://db' })).toBe(
      'ChatModule: option "storage.url" must be a postgres:// connection string',
    );
    expect(messageOf({ driver: 'postgres', url: 'postgres://db', max: 0 })).toBe(
      'ChatModule: option "storage.max" must be an integer >= 1, got 0',
    );
    expect(messageOf({ driver: 'pglite', maxPendingWrites: 0 })).toBe(
      'ChatModule: option "storage.maxPendingWrites" must be an integer >= 1, got 0',
    );
    expect(messageOf({ driver: 'pglite', maxPendingWrites: '10' })).toBe(
      'ChatModule: option "storage.maxPendingWrites" must be an integer >= 1, got "10"',
    );
    expect(messageOf({ store: { close() {} } })).toMatch(
      /^ChatModule: option "storage.store" must implement ChatStore; missing upsertUser, getUser, .*, deleteFeedback$/,
    );
  });
});
