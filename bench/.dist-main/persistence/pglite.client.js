import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_PGLITE_DATA_DIR } from '../options/chat-options.defaults.js';
/**
 * PGlite (Postgres compiled to WASM) in this process: a directory on disk, or `memory://` for a
 * database that lives as long as the process. One process at a time may open a directory.
 */
export async function createPGliteClient(dataDir = DEFAULT_PGLITE_DATA_DIR) {
    const { PGlite } = await import('@electric-sql/pglite');
    let location = dataDir;
    if (!dataDir.startsWith('memory://')) {
        location = resolve(dataDir);
        await mkdir(location, { recursive: true });
    }
    const db = await PGlite.create(location);
    return {
        query: (sql, params) => db.query(sql, params),
        transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) })),
        close: () => db.close(),
    };
}
//# sourceMappingURL=pglite.client.js.map