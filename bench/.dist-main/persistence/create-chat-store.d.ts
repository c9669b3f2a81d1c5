import type { ChatStorageOptions } from '../options/chat-storage-options.interface.js';
import type { ChatStore } from '../protocol/chat-store.interface.js';
/**
 * The store these options describe, connected and migrated: PGlite (in-process) or PostgreSQL,
 * or the given `store` as it is.
 */
export declare function createChatStore(options: ChatStorageOptions): Promise<ChatStore>;
