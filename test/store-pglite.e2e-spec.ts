import {
  createPGliteClient,
  migrateChatStore,
  SqlChatStore,
} from '../libs/chat/src/persistence/index.js';
import { chatStoreSuite } from './store/chat-store.suite.js';

const TABLES =
  'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users, chat_revoked_tokens';

describe('ChatStore on PGlite (memory://)', () => {
  chatStoreSuite(async () => {
    const client = await createPGliteClient('memory://');
    const store = await SqlChatStore.open(client);
    return {
      store,
      reset: async () => void (await client.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`)),
      migrateAgain: () => migrateChatStore(client),
      close: () => store.close(),
    };
  });
});
