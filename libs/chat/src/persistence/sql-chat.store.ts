import { randomUUID } from 'node:crypto';
import type { StepDict } from '../protocol/step.interface.js';
import type {
  StoredElement,
  ChatFeedback,
  ChatFeedbackInput,
  ChatStore,
  ChatThread,
  ChatThreadPatch,
  ChatThreadSummary,
  StoredUser,
  ListThreadsQuery,
  NewChatThread,
  Paginated,
  StoredStep,
} from '../protocol/chat-store.interface.js';
import { migrateChatStore } from './chat-store.migrations.js';
import type { SqlClient, SqlQuery } from './sql-client.interface.js';

type Row = Record<string, unknown>;

const THREAD_COLUMNS = 'id, created_at, name, user_id, user_identifier, tags, metadata';
const STEP_COLUMNS = `s.id, s.thread_id, s.parent_id, s.name, s.type, s.output, s.input, s.created_at,
  s.start_time, s.end_time, s.streaming, s.is_error, s.wait_for_answer, s.show_input, s.language,
  s.metadata, s.tags, s.default_open, s.generation,
  f.id AS feedback_id, f.value AS feedback_value, f.comment AS feedback_comment`;
const ELEMENT_COLUMNS = `id, thread_id, for_id, type, name, display, url, chainlit_key, mime, size,
  language, auto_play, props`;

/** `undefined` and `null` both become SQL NULL; anything else is sent as JSON text. */
const json = (value: unknown) =>
  value === undefined || value === null
    ? null
    : JSON.stringify(value, (_key, v: unknown) => withoutNul(v));

/** A string with its NUL characters (which PostgreSQL refuses) replaced by U+FFFD. */
function withoutNul(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000')
    ? value.replaceAll('\u0000', '\uFFFD')
    : value;
}
const orNull = <T>(value: T | undefined) => (value === undefined ? null : value);

/** Copies the fields whose value is not null. */
function defined<T extends object>(fields: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out as T;
}

function toThread(row: Row): ChatThreadSummary {
  return defined<ChatThreadSummary>({
    id: row.id,
    createdAt: row.created_at,
    name: row.name,
    userId: row.user_id,
    userIdentifier: row.user_identifier,
    tags: row.tags,
    metadata: row.metadata ?? {},
  });
}

function toFeedback(row: Row): ChatFeedback {
  return defined<ChatFeedback>({
    id: row.id,
    forId: row.for_id,
    threadId: row.thread_id,
    value: Number(row.value),
    comment: row.comment,
  });
}

function toStep(row: Row): StoredStep {
  const step = defined<StoredStep>({
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    name: row.name,
    type: row.type,
    output: row.output,
    input: row.input,
    createdAt: row.created_at,
    start: row.start_time,
    end: row.end_time,
    streaming: row.streaming,
    isError: row.is_error,
    waitForAnswer: row.wait_for_answer,
    showInput: row.show_input,
    language: row.language,
    metadata: row.metadata,
    tags: row.tags,
    defaultOpen: row.default_open,
    generation: row.generation,
  });
  if (row.feedback_id !== null && row.feedback_id !== undefined) {
    step.feedback = toFeedback({
      id: row.feedback_id,
      for_id: row.id,
      thread_id: row.thread_id,
      value: row.feedback_value,
      comment: row.feedback_comment,
    });
  }
  return step;
}

function toElement(row: Row): StoredElement {
  const element = defined<StoredElement>({
    id: row.id,
    threadId: row.thread_id,
    type: row.type,
    name: row.name,
    display: row.display,
    url: row.url,
    chainlitKey: row.chainlit_key,
    forId: row.for_id,
    mime: row.mime,
    size: row.size,
    language: row.language,
    autoPlay: row.auto_play,
    props: row.props,
  });
  if (row.content instanceof Uint8Array) element.content = row.content;
  return element;
}

/** `%` and `_` match themselves in a search. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The SQL store: one schema (see `chat-store.migrations.ts`) over any PostgreSQL-compatible
 * driver that runs parameterized statements. `SqlChatStore.open(client)` migrates, then serves.
 */
export class SqlChatStore implements ChatStore {
  private readonly client: SqlQuery;

  private constructor(private readonly connection: SqlClient) {
    // PostgreSQL's text and jsonb cannot hold NUL: it is stored as U+FFFD, so a message that
    // contains one is kept (with that character replaced) instead of failing its write.
    this.client = {
      query: (sql, params) => connection.query(sql, params?.map(withoutNul)),
    };
  }

  /** A store over `client`, its schema brought up to date. */
  static async open(client: SqlClient): Promise<SqlChatStore> {
    await migrateChatStore(client);
    return new SqlChatStore(client);
  }

  async upsertUser(user: {
    identifier: string;
    metadata?: Record<string, unknown>;
  }): Promise<StoredUser> {
    const { rows } = await this.client.query(
      `INSERT INTO chat_users (id, identifier, metadata, created_at)
       VALUES ($1, $2, COALESCE($3::jsonb, '{}'::jsonb), $4)
       ON CONFLICT (identifier) DO UPDATE
         SET metadata = COALESCE($3::jsonb, chat_users.metadata)
       RETURNING id, identifier, metadata, created_at`,
      [randomUUID(), user.identifier, json(user.metadata), new Date().toISOString()],
    );
    return toUser(rows[0]);
  }

  async getUser(identifier: string): Promise<StoredUser | undefined> {
    const { rows } = await this.client.query(
      'SELECT id, identifier, metadata, created_at FROM chat_users WHERE identifier = $1',
      [identifier],
    );
    return rows[0] && toUser(rows[0]);
  }

  async createThread(thread: NewChatThread): Promise<void> {
    await this.client.query(
      `INSERT INTO chat_threads (id, created_at, name, user_id, user_identifier, tags, metadata)
       VALUES ($1, $2, $3, $4::text,
         (SELECT identifier FROM chat_users WHERE id = $4::text), $5::jsonb, $6::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [
        thread.id,
        thread.createdAt ?? new Date().toISOString(),
        thread.name,
        orNull(thread.userId),
        json(thread.tags),
        json(thread.metadata ?? {}),
      ],
    );
  }

  async updateThread(id: string, patch: ChatThreadPatch): Promise<boolean> {
    const { rows } = await this.client.query(
      `UPDATE chat_threads SET
         name = COALESCE($2::text, name),
         metadata = CASE WHEN $3::jsonb IS NULL THEN metadata ELSE metadata || $3::jsonb END,
         tags = COALESCE($4::jsonb, tags),
         user_id = COALESCE($5::text, user_id),
         user_identifier = COALESCE((SELECT identifier FROM chat_users WHERE id = $5::text),
           user_identifier)
       WHERE id = $1
       RETURNING id`,
      [id, orNull(patch.name), json(patch.metadata), json(patch.tags), orNull(patch.userId)],
    );
    return rows.length > 0;
  }

  async getThreadSummary(id: string): Promise<ChatThreadSummary | undefined> {
    const { rows } = await this.client.query(
      `SELECT ${THREAD_COLUMNS} FROM chat_threads WHERE id = $1`,
      [id],
    );
    return rows[0] && toThread(rows[0]);
  }

  async getThread(id: string): Promise<ChatThread | undefined> {
    const thread = await this.getThreadSummary(id);
    if (!thread) return undefined;
    const steps = await this.client.query(
      `SELECT ${STEP_COLUMNS} FROM chat_steps s LEFT JOIN chat_feedback f ON f.for_id = s.id
       WHERE s.thread_id = $1 ORDER BY s.seq`,
      [id],
    );
    const elements = await this.client.query(
      `SELECT ${ELEMENT_COLUMNS} FROM chat_elements WHERE thread_id = $1 ORDER BY seq`,
      [id],
    );
    return { ...thread, steps: steps.rows.map(toStep), elements: elements.rows.map(toElement) };
  }

  async listThreads(query: ListThreadsQuery): Promise<Paginated<ChatThreadSummary>> {
    if (!Number.isSafeInteger(query.first) || query.first < 1) {
      throw new RangeError('listThreads: first must be an integer >= 1');
    }
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (query.userId === null) where.push('t.user_id IS NULL');
    else if (query.userId !== undefined) where.push(`t.user_id = ${param(query.userId)}`);
    if (query.userIdentifier === null) where.push('t.user_identifier IS NULL');
    else if (query.userIdentifier !== undefined) {
      where.push(`t.user_identifier = ${param(query.userIdentifier)}`);
    }
    if (query.search) {
      const pattern = param(likePattern(query.search));
      where.push(
        `(t.name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM chat_steps s
           WHERE s.thread_id = t.id AND s.output ILIKE ${pattern}))`,
      );
    }
    if (query.feedback !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM chat_feedback f WHERE f.thread_id = t.id
           AND f.value = ${param(query.feedback)}::smallint)`,
      );
    }
    if (query.cursor) {
      where.push(`t.seq < (SELECT seq FROM chat_threads WHERE id = ${param(query.cursor)})`);
    }
    const { rows } = await this.client.query(
      `SELECT ${THREAD_COLUMNS.replace(/(\w+)/g, 't.$1')} FROM chat_threads t
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY t.seq DESC LIMIT ${param(query.first + 1)}`,
      params,
    );
    const data = rows.slice(0, query.first).map(toThread);
    return {
      data,
      pageInfo: {
        hasNextPage: rows.length > query.first,
        startCursor: data[0]?.id ?? null,
        endCursor: data.at(-1)?.id ?? null,
      },
    };
  }

  async deleteThread(id: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'DELETE FROM chat_threads WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async upsertStep(step: StepDict): Promise<void> {
    await this.client.query(
      `INSERT INTO chat_steps (id, thread_id, parent_id, name, type, output, input, created_at,
         start_time, end_time, streaming, is_error, wait_for_answer, show_input, language,
         metadata, tags, default_open, generation)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
         $9::text, $10::text, $11::boolean, $12::boolean, $13::boolean, $14::jsonb, $15::text,
         $16::jsonb, $17::jsonb, $18::boolean, $19::jsonb
       WHERE EXISTS (SELECT 1 FROM chat_threads WHERE id = $2::text)
       ON CONFLICT (id) DO UPDATE SET
         parent_id = excluded.parent_id, name = excluded.name, type = excluded.type,
         output = excluded.output, input = excluded.input, created_at = excluded.created_at,
         start_time = excluded.start_time, end_time = excluded.end_time,
         streaming = excluded.streaming, is_error = excluded.is_error,
         wait_for_answer = excluded.wait_for_answer, show_input = excluded.show_input,
         language = excluded.language, metadata = excluded.metadata, tags = excluded.tags,
         default_open = excluded.default_open, generation = excluded.generation
       WHERE chat_steps.thread_id = excluded.thread_id`,
      [
        step.id,
        step.threadId,
        orNull(step.parentId),
        step.name,
        step.type,
        step.output ?? '',
        orNull(step.input),
        step.createdAt,
        orNull(step.start),
        orNull(step.end),
        orNull(step.streaming),
        orNull(step.isError),
        orNull(step.waitForAnswer),
        json(step.showInput),
        orNull(step.language),
        json(step.metadata),
        json(step.tags),
        orNull(step.defaultOpen),
        json(step.generation),
      ],
    );
  }

  async getStep(id: string): Promise<StoredStep | undefined> {
    const { rows } = await this.client.query(
      `SELECT ${STEP_COLUMNS} FROM chat_steps s LEFT JOIN chat_feedback f ON f.for_id = s.id
       WHERE s.id = $1`,
      [id],
    );
    return rows[0] && toStep(rows[0]);
  }
  async listFavoriteSteps(userIdentifier: string, limit: number): Promise<StoredStep[]> {
    const { rows } = await this.client.query(
      `SELECT ${STEP_COLUMNS} FROM chat_steps s
         JOIN chat_threads t ON t.id = s.thread_id
         LEFT JOIN chat_feedback f ON f.for_id = s.id
       WHERE t.user_identifier = $1 AND s.metadata @> '{"favorite": true}'::jsonb
       ORDER BY s.seq DESC LIMIT $2`,
      [userIdentifier, limit],
    );
    return rows.map(toStep);
  }

  async deleteStep(id: string, threadId: string): Promise<boolean> {
    const { rows } = await this.client.query(
      `WITH RECURSIVE doomed (id) AS (
         SELECT id FROM chat_steps WHERE id = $1 AND thread_id = $2
         UNION SELECT s.id FROM chat_steps s JOIN doomed d ON s.parent_id = d.id
           WHERE s.thread_id = $2
       ), elements AS (
         DELETE FROM chat_elements WHERE for_id IN (SELECT id FROM doomed) AND thread_id = $2
       )
       DELETE FROM chat_steps WHERE id IN (SELECT id FROM doomed) AND thread_id = $2
       RETURNING id`,
      [id, threadId],
    );
    return rows.length > 0;
  }

  async upsertElement(element: StoredElement): Promise<void> {
    await this.client.query(
      `INSERT INTO chat_elements (id, thread_id, for_id, type, name, display, url, chainlit_key,
         mime, size, language, auto_play, props, content)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
         $9::text, $10::text, $11::text, $12::boolean, $13::jsonb, $14::bytea
       WHERE EXISTS (SELECT 1 FROM chat_threads WHERE id = $2::text)
       ON CONFLICT (id) DO UPDATE SET
         for_id = excluded.for_id, type = excluded.type, name = excluded.name,
         display = excluded.display, url = excluded.url, chainlit_key = excluded.chainlit_key,
         mime = excluded.mime, size = excluded.size, language = excluded.language,
         auto_play = excluded.auto_play, props = excluded.props, content = excluded.content
       WHERE chat_elements.thread_id = excluded.thread_id`,
      [
        element.id,
        element.threadId,
        orNull(element.forId),
        element.type,
        element.name,
        element.display,
        orNull(element.url),
        orNull(element.chainlitKey),
        orNull(element.mime),
        orNull(element.size),
        orNull(element.language),
        orNull(element.autoPlay),
        json(element.props),
        orNull(element.content),
      ],
    );
  }

  async getElement(id: string): Promise<StoredElement | undefined> {
    const { rows } = await this.client.query(
      `SELECT ${ELEMENT_COLUMNS}, content FROM chat_elements WHERE id = $1`,
      [id],
    );
    return rows[0] && toElement(rows[0]);
  }

  async deleteElement(id: string, threadId: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'DELETE FROM chat_elements WHERE id = $1 AND thread_id = $2 RETURNING id',
      [id, threadId],
    );
    return rows.length > 0;
  }

  async upsertFeedback(feedback: ChatFeedbackInput): Promise<ChatFeedback | undefined> {
    const { rows } = await this.client.query(
      `INSERT INTO chat_feedback (id, for_id, thread_id, value, comment)
       SELECT $1::text, s.id, s.thread_id, $3::smallint, $4::text FROM chat_steps s
       WHERE s.id = $2::text AND ($5::text IS NULL OR s.thread_id = $5::text)
       ON CONFLICT (for_id) DO UPDATE SET value = excluded.value, comment = excluded.comment
       RETURNING id, for_id, thread_id, value, comment`,
      [
        feedback.id ?? randomUUID(),
        feedback.forId,
        feedback.value,
        orNull(feedback.comment),
        orNull(feedback.threadId),
      ],
    );
    return rows[0] && toFeedback(rows[0]);
  }

  async getFeedback(id: string): Promise<ChatFeedback | undefined> {
    const { rows } = await this.client.query(
      'SELECT id, for_id, thread_id, value, comment FROM chat_feedback WHERE id = $1',
      [id],
    );
    return rows[0] && toFeedback(rows[0]);
  }

  async deleteFeedback(id: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'DELETE FROM chat_feedback WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async revokeToken(jti: string, expiresAt: string): Promise<void> {
    const now = new Date().toISOString();
    // The expired ones go as new ones come: the table holds the tokens still valid.
    await this.client.query('DELETE FROM chat_revoked_tokens WHERE expires_at <= $1', [now]);
    await this.client.query(
      `INSERT INTO chat_revoked_tokens (jti, expires_at) VALUES ($1, $2)
       ON CONFLICT (jti) DO UPDATE SET expires_at = GREATEST(chat_revoked_tokens.expires_at, EXCLUDED.expires_at)`,
      [jti, expiresAt],
    );
  }

  async isTokenRevoked(jti: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'SELECT 1 FROM chat_revoked_tokens WHERE jti = $1 AND expires_at > $2',
      [jti, new Date().toISOString()],
    );
    return rows.length > 0;
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

function toUser(row: Row): StoredUser {
  return {
    id: row.id as string,
    identifier: row.identifier as string,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    createdAt: row.created_at as string,
  };
}
