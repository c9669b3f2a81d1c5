const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** An arbitrary constant: the advisory lock taken while creating the schema. */
const SCHEMA_LOCK = 7_305_114_212;
/**
 * PostgreSQL through a `pg` pool (`pg` is an optional peer dependency, loaded only here).
 * With `schema`, the tables live in that schema, created if missing.
 */
export async function createPostgresClient(url, options = {}) {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
        throw new TypeError(`storage: schema must be a lowercase SQL identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
    }
    let pg;
    try {
        pg = (await import('pg')).default;
    }
    catch (error) {
        throw new Error('storage: the "postgres" driver needs the "pg" package; install it with `npm install pg`', { cause: error });
    }
    const pool = new pg.Pool({
        connectionString: url,
        max: options.max ?? 10,
        options: schema ? `-c search_path=${schema}` : undefined,
    });
    // An idle connection that fails must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    let first;
    try {
        first = await pool.connect();
    }
    catch (error) {
        await pool.end();
        throw new Error(`storage: cannot connect to PostgreSQL at ${redact(url)}: ${error.message}`, { cause: error });
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
    }
    catch (error) {
        first.release(true);
        await pool.end();
        throw new Error(`storage: cannot create the schema "${schema}": ${error.message}`, {
            cause: error,
        });
    }
    return {
        query: (sql, params) => pool.query(sql, params),
        async transaction(fn) {
            const client = await pool.connect();
            try {
                await client.query('BEGIN');
                const result = await fn({ query: (sql, params) => client.query(sql, params) });
                await client.query('COMMIT');
                return result;
            }
            catch (error) {
                await client.query('ROLLBACK').catch(() => undefined);
                throw error;
            }
            finally {
                client.release();
            }
        },
        close: () => pool.end(),
    };
}
/** The URL without its password, for error messages. */
function redact(url) {
    try {
        const parsed = new URL(url);
        if (parsed.password)
            parsed.password = '***';
        return parsed.toString();
    }
    catch {
        return 'the given URL';
    }
}
//# sourceMappingURL=postgres.client.js.map