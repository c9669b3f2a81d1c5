import type { SqlClient } from './sql-client.interface.js';

/** A schema change: applied once, in `version` order, each in its own transaction. */
export interface ChatStoreMigration {
  version: number;
  name: string;
  statements: string[];
}

/** The schema, as numbered migrations. Add new ones at the end; never change an applied one. */
export const CHAT_STORE_MIGRATIONS: readonly ChatStoreMigration[] = [
  {
    version: 1,
    name: 'users, threads, steps, elements, feedback',
    statements: [
      `CREATE TABLE chat_users (
        id text PRIMARY KEY,
        identifier text NOT NULL UNIQUE,
        metadata jsonb NOT NULL DEFAULT '{}',
        created_at text NOT NULL
      )`,
      `CREATE TABLE chat_threads (
        seq bigserial NOT NULL UNIQUE,
        id text PRIMARY KEY,
        created_at text NOT NULL,
        name text NOT NULL,
        user_id text REFERENCES chat_users (id) ON DELETE CASCADE,
        user_identifier text,
        tags jsonb,
        metadata jsonb NOT NULL DEFAULT '{}'
      )`,
      `CREATE INDEX chat_threads_user_identifier ON chat_threads (user_identifier, seq)`,
      `CREATE INDEX chat_threads_user_id ON chat_threads (user_id, seq)`,
      `CREATE TABLE chat_steps (
        seq bigserial NOT NULL,
        id text PRIMARY KEY,
        thread_id text NOT NULL REFERENCES chat_threads (id) ON DELETE CASCADE,
        parent_id text,
        name text NOT NULL,
        type text NOT NULL,
        output text NOT NULL,
        input text,
        created_at text NOT NULL,
        start_time text,
        end_time text,
        streaming boolean,
        is_error boolean,
        wait_for_answer boolean,
        show_input jsonb,
        language text,
        metadata jsonb,
        tags jsonb,
        default_open boolean,
        generation jsonb
      )`,
      `CREATE INDEX chat_steps_thread ON chat_steps (thread_id, seq)`,
      `CREATE INDEX chat_steps_parent ON chat_steps (parent_id)`,
      `CREATE TABLE chat_elements (
        seq bigserial NOT NULL,
        id text PRIMARY KEY,
        thread_id text NOT NULL REFERENCES chat_threads (id) ON DELETE CASCADE,
        for_id text,
        type text NOT NULL,
        name text NOT NULL,
        display text NOT NULL,
        url text,
        chainlit_key text,
        mime text,
        size text,
        language text,
        auto_play boolean,
        props jsonb,
        content bytea
      )`,
      `CREATE INDEX chat_elements_thread ON chat_elements (thread_id, seq)`,
      `CREATE INDEX chat_elements_for ON chat_elements (for_id)`,
      `CREATE TABLE chat_feedback (
        id text PRIMARY KEY,
        for_id text NOT NULL UNIQUE REFERENCES chat_steps (id) ON DELETE CASCADE,
        thread_id text NOT NULL REFERENCES chat_threads (id) ON DELETE CASCADE,
        value smallint NOT NULL CHECK (value IN (0, 1)),
        comment text
      )`,
      `CREATE INDEX chat_feedback_thread ON chat_feedback (thread_id, value)`,
    ],
  },
  {
    version: 2,
    name: 'tokens revoked by a logout',
    statements: [
      `CREATE TABLE chat_revoked_tokens (
        jti text PRIMARY KEY,
        expires_at text NOT NULL
      )`,
      `CREATE INDEX chat_revoked_tokens_expiry ON chat_revoked_tokens (expires_at)`,
    ],
  },
];

/** An arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_305_114_211;

/**
 * Brings the schema up to date: applies the migrations not yet recorded in `chat_migrations`,
 * in order, each with its record in one transaction. Safe to run on every start, and from
 * several instances at once. Resolves with the versions it applied.
 */
export async function migrateChatStore(
  client: SqlClient,
  migrations: readonly ChatStoreMigration[] = CHAT_STORE_MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS chat_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at text NOT NULL
        )`,
      );
      const { rows } = await tx.query('SELECT 1 FROM chat_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(
        'INSERT INTO chat_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, new Date().toISOString()],
      );
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
