import type { SqlClient } from './sql-client.interface.js';
/**
 * PostgreSQL through a `pg` pool (`pg` is an optional peer dependency, loaded only here).
 * With `schema`, the tables live in that schema, created if missing.
 */
export declare function createPostgresClient(url: string, options?: {
    schema?: string;
    max?: number;
}): Promise<SqlClient>;
