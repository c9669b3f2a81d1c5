/** Runs one parameterized statement (`$1`, `$2`, ...) and gives its rows. */
export interface SqlQuery {
    query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{
        rows: R[];
    }>;
}
/** What the SQL store needs of a database driver. */
export interface SqlClient extends SqlQuery {
    /** Runs `fn` in a transaction (on one connection): committed if it resolves, else rolled back. */
    transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
    close(): Promise<void>;
}
