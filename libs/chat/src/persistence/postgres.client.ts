import { isConnectionError } from './connection-error.js';
import type { SqlClient } from './sql-client.interface.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** An arbitrary constant: the advisory lock taken while creating the schema. */
const SCHEMA_LOCK = 7_305_114_212;
const ignoreError = () => undefined;
/** How long opening a connection may take before the query fails. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * PostgreSQL through a `pg` pool (`pg` is an optional peer dependency, loaded only here).
 * With `schema`, the tables live in that schema, created if missing.
 */
export async function createPostgresClient(
  url: string,
  options: { schema?: string; max?: number } = {},
): Promise<SqlClient> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new TypeError(
      `storage: schema must be a lowercase SQL identifier (letters, digits, _), got ${JSON.stringify(schema)}`,
    );
  }
  let pg: typeof import('pg');
  try {
    pg = (await import('pg')).default as typeof import('pg');
  } catch (error) {
    throw new Error(
      'storage: the "postgres" driver needs the "pg" package; install it with `npm install pg`',
      { cause: error },
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: schema ? `-c search_path=${schema}` : undefined,
    // A server that does not answer (a network gone quiet) fails the query instead of hanging
    // it: the write queue holds the write and tries again.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // A connection that breaks while idle in the pool (the server stopped or restarted) must not
  // crash the process: the pool lets it go, and the next query opens a new one. Failed queries
  // are the write queue's to report (once per outage), not this listener's.
  pool.on('error', () => undefined);
  let first: import('pg').PoolClient;
  try {
    first = await pool.connect();
  } catch (error) {
    await pool.end();
    throw new Error(
      `storage: cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    if (schema) {
      // CREATE SCHEMA IF NOT EXISTS races with itself: instances starting at once take turns.
      await first.query('BEGIN');
      await first.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await first.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await first.query('COMMIT');
    }
    first.release();
  } catch (error) {
    first.release(true);
    await pool.end();
    throw new Error(`storage: cannot create the schema "${schema}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    query: (sql, params) => pool.query(sql, params) as never,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      // The connection may break between two statements: the statement fails, not the process.
      client.on('error', ignoreError);
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => client.query(sql, params) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A broken connection is not given back to the pool.
        broken = error;
        throw error;
      } finally {
        client.off('error', ignoreError);
        client.release(broken instanceof Error && isConnectionError(broken) ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given URL';
  }
}
