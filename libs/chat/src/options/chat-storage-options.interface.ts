import type { ChatStore } from '../protocol/chat-store.interface.js';

/** What every kind of store takes. */
export interface ChatStorageCommonOptions {
  /**
   * Writes that may wait for the store at once, all threads together. While the database is
   * unreachable, history is held (in order, per thread) and stored when it is back; past this
   * many, the writes of the thread that has waited longest are dropped, with an error in the
   * log and a notice to its sessions. @default 10000
   */
  maxPendingWrites?: number;
}

/** Where chat history is stored. */
export type ChatStorageOptions = ChatStorageCommonOptions &
  (
    | {
        /** PGlite: Postgres compiled to WASM, in this process. */
        driver: 'pglite';
        /** A directory (created if missing), or `memory://` to keep nothing. @default './.nest-chat/data' */
        dataDir?: string;
      }
    | {
        /** PostgreSQL, through the `pg` package (an optional peer dependency). */
        driver: 'postgres';
        /** A connection string: `postgres://user:password@host:5432/database`. */
        url: string;
        /** The schema that holds the tables, created if missing. @default the connection's search_path */
        schema?: string;
        /** Most connections in the pool. @default 10 */
        max?: number;
      }
    | {
        /** Your own store; nest-chat does not close it. */
        store: ChatStore;
      }
  );

/**
 * The module's `storage` option: `false` (the default) stores nothing, `true` is PGlite in
 * `./.nest-chat/data`, or where to store.
 */
export type ChatStorageOption = boolean | ChatStorageOptions;
