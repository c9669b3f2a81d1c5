import type { SqlClient } from './sql-client.interface.js';
/** A schema change: applied once, in `version` order, each in its own transaction. */
export interface ChatStoreMigration {
    version: number;
    name: string;
    statements: string[];
}
/** The schema, as numbered migrations. Add new ones at the end; never change an applied one. */
export declare const CHAT_STORE_MIGRATIONS: readonly ChatStoreMigration[];
/**
 * Brings the schema up to date: applies the migrations not yet recorded in `chat_migrations`,
 * in order, each with its record in one transaction. Safe to run on every start, and from
 * several instances at once. Resolves with the versions it applied.
 */
export declare function migrateChatStore(client: SqlClient, migrations?: readonly ChatStoreMigration[]): Promise<number[]>;
