import { randomBytes } from 'node:crypto';
import {
  createPostgresClient,
  migrateChatStore,
  SqlChatStore,
} from '../libs/chat/src/persistence/index.js';
import { chatStoreSuite } from './store/chat-store.suite.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TABLES = 'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users';

describe(`ChatStore on PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`, () => {
  chatStoreSuite(async () => {
    // A fresh schema per run, dropped at the end: reruns start from an empty database.
    const schema = `nest_chat_test_${randomBytes(6).toString('hex')}`;
    const client = await createPostgresClient(url, { schema }).catch((error: Error) => {
      throw new Error(
        `These tests need PostgreSQL: set DATABASE_URL (now ${url}). ${error.message}`,
      );
    });
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
