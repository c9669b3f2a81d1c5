import { randomBytes } from 'node:crypto';
import {
  CHAT_STORE_MIGRATIONS,
  createPostgresClient,
  migrateChatStore,
  SqlChatStore,
  type SqlClient,
} from '../libs/chat/src/persistence/index.js';
import { HistoryBot } from './fixtures/history.bot.js';
import { chatStoreSuite } from './store/chat-store.suite.js';
import {
  clientView,
  CONVERSATION,
  CONVERSATION_STEPS,
  say,
  threadIdOf,
  startWithStorage,
} from './store/history.js';
import { clientTracker } from './utils/chat-client.js';
import type { TestApp } from './utils/test-app.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const shown = url.replace(/:[^:@/]*@/, ':***@');
const TABLES =
  'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users, chat_revoked_tokens';

/** A fresh schema per run, dropped at the end: reruns start from an empty database. */
const freshSchema = () => `nest_chat_test_${randomBytes(6).toString('hex')}`;

async function connect(schema: string): Promise<SqlClient> {
  try {
    return await createPostgresClient(url, { schema });
  } catch (error) {
    throw new Error(
      `These tests need PostgreSQL: set DATABASE_URL (now ${shown}). ${(error as Error).message}`,
      { cause: error },
    );
  }
}

describe(`ChatStore on PostgreSQL (${shown})`, () => {
  chatStoreSuite(async () => {
    const schema = freshSchema();
    const client = await connect(schema);
    const store = await SqlChatStore.open(client);
    return {
      store,
      reset: async () => void (await client.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`)),
      migrateAgain: () => migrateChatStore(client),
      close: async () => {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await store.close();
      },
    };
  });
});

// Browsers keep their identity across the restart: the key that signs it is an option.
const start = (schema: string) =>
  startWithStorage(
    { providers: [HistoryBot] },
    { driver: 'postgres', url, schema },
    { identitySecret: 'Vq3xYb8NkL2pR7tW0sZc5mJd9hFg4aUe6iOy1nTq' },
  );

describe('Chat history in PostgreSQL', () => {
  let schema: string;
  let server: TestApp | undefined;
  const clients = clientTracker();

  beforeEach(() => {
    schema = freshSchema();
  });

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
    server = undefined;
    const client = await connect(schema);
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.close();
  });

  it('migrates once when several instances start on the same database at once', async () => {
    const instances = await Promise.all([1, 2, 3].map(() => connect(schema)));
    const applied = await Promise.all(instances.map((client) => migrateChatStore(client)));
    const versions = CHAT_STORE_MIGRATIONS.map((migration) => migration.version);
    expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
    const { rows } = await instances[0].query(
      'SELECT version FROM chat_migrations ORDER BY version',
    );
    expect(rows).toEqual(versions.map((version) => ({ version })));
    await Promise.all(instances.map((client) => client.close()));
  });

  it('gives back every completed message, in order, after the app is closed and started again', async () => {
    server = await start(schema);
    const chat = await clients.connect(server.url);
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome!');
    for (const text of CONVERSATION) await say(chat, text);
    const threadId = await threadIdOf(chat);
    const assistant = [...clientView(chat).values()];
    chat.close();
    await server.close();
    server = await start(schema);
    const thread: any = await (
      await fetch(`${server.url}/project/thread/${threadId}`, { headers: chat.headers })
    ).json();
    expect(thread.steps.map((s: any) => [s.type, s.output])).toEqual(CONVERSATION_STEPS);
    expect(thread.steps.filter((s: any) => s.type !== 'user_message')).toEqual(assistant);
  });
});
