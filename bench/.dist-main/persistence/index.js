export * from '../protocol/chat-store.interface.js';
export * from '../options/chat-storage-options.interface.js';
export { resolveChatStorage } from './chat-storage-options.js';
export { CHAT_STORE_MIGRATIONS, migrateChatStore, } from './chat-store.migrations.js';
export { createChatStore } from './create-chat-store.js';
export { SqlChatStore } from './sql-chat.store.js';
export { createPGliteClient } from './pglite.client.js';
export { createPostgresClient } from './postgres.client.js';
export * from './chat-persistence.constants.js';
export { chatStorageProviders } from './chat-storage.providers.js';
export { ChatThreadsController } from './chat-threads.controller.js';
export { ThreadWriteQueue } from './thread-write.queue.js';
export { ChatPersistence } from './chat-persistence.js';
//# sourceMappingURL=index.js.map