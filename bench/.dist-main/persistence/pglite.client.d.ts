import type { SqlClient } from './sql-client.interface.js';
/**
 * PGlite (Postgres compiled to WASM) in this process: a directory on disk, or `memory://` for a
 * database that lives as long as the process. One process at a time may open a directory.
 */
export declare function createPGliteClient(dataDir?: string): Promise<SqlClient>;
