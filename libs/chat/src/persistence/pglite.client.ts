import { Logger } from '@nestjs/common';
import { mkdir, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_PGLITE_DATA_DIR } from '../options/chat-options.defaults.js';
import type { SqlClient } from './sql-client.interface.js';

/**
 * PGlite (Postgres compiled to WASM) in this process: a directory on disk, or `memory://` for a
 * database that lives as long as the process. One process at a time may open a directory.
 */
export async function createPGliteClient(dataDir = DEFAULT_PGLITE_DATA_DIR): Promise<SqlClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  let location = dataDir;
  const logger = new Logger('PGlite');
  const started = performance.now();
  let creating = false;
  if (!dataDir.startsWith('memory://')) {
    location = resolve(dataDir);
    await mkdir(location, { recursive: true });
    creating = (await readdir(location)).length === 0;
    // A new database takes seconds to create (it runs initdb in WebAssembly): say so first.
    logger.log(
      creating
        ? `Creating the chat database in ${location} (first start: a few seconds)...`
        : `Opening the chat database in ${location}...`,
    );
  }
  const db = await PGlite.create(location);
  if (!dataDir.startsWith('memory://')) {
    const ms = Math.round(performance.now() - started);
    logger.log(`Chat database ${creating ? 'created' : 'opened'} in ${ms} ms`);
  }
  return {
    query: (sql, params) => db.query(sql, params) as never,
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never })),
    close: () => db.close(),
  };
}
