import { resolveChatStorage } from './chat-storage-options.js';
import { createPGliteClient } from './pglite.client.js';
import { createPostgresClient } from './postgres.client.js';
import { SqlChatStore } from './sql-chat.store.js';
/**
 * The store these options describe, connected and migrated: PGlite (in-process) or PostgreSQL,
 * or the given `store` as it is.
 */
export async function createChatStore(options) {
    const resolved = resolveChatStorage(options);
    if (resolved === false)
        throw new TypeError('createChatStore: options are required');
    if ('store' in resolved)
        return resolved.store;
    const client = resolved.driver === 'pglite'
        ? await createPGliteClient(resolved.dataDir)
        : await createPostgresClient(resolved.url, { schema: resolved.schema, max: resolved.max });
    try {
        return await SqlChatStore.open(client);
    }
    catch (error) {
        await client.close().catch(() => undefined);
        throw error;
    }
}
//# sourceMappingURL=create-chat-store.js.map