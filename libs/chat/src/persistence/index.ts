export * from '../protocol/chat-store.interface.js';
export * from '../options/chat-storage-options.interface.js';
export { resolveChatStorage } from './chat-storage-options.js';
export {
  CHAT_STORE_MIGRATIONS,
  migrateChatStore,
  type ChatStoreMigration,
} from './chat-store.migrations.js';
export { createChatStore } from './create-chat-store.js';
export type { SqlClient, SqlQuery } from './sql-client.interface.js';
export { SqlChatStore } from './sql-chat.store.js';
export { createPGliteClient } from './pglite.client.js';
export { createPostgresClient } from './postgres.client.js';
export * from './chat-persistence.constants.js';
export type { ChatRequestIdentity } from './chat-request-identity.interface.js';
export { chatStorageProviders } from './chat-storage.providers.js';
export { ChatThreadsController } from './chat-threads.controller.js';
export { ThreadWriteQueue } from './thread-write.queue.js';
export { ChatPersistence } from './chat-persistence.js';
export { StoredRevokedTokens } from './stored-revoked-tokens.js';
