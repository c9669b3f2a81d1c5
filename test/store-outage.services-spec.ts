import { TerminusModule } from '@nestjs/terminus';
import {
  createPostgresClient,
  HISTORY_NOT_SAVED_MESSAGE,
  HISTORY_SAVED_MESSAGE,
  SqlChatStore,
  ThreadWriteQueue,
} from '../libs/chat/src/persistence/index.js';
import { HealthController } from './fixtures/health.controller.js';
import { HistoryBot } from './fixtures/history.bot.js';
import { startPrivatePostgres } from './fixtures/private-postgres.js';
import { say, threadIdOf } from './store/history.js';
import { type ChatClient, clientTracker, delay, WAIT_MS } from './utils/chat-client.js';
import { CapturedLogs } from './utils/captured-logs.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** The toasts the client got, in order. */
const toasts = (chat: ChatClient) =>
  chat.events.filter((e) => e.name === 'toast').map((e) => e.data);

// The test stops and starts a PostgreSQL of its own: the machine's shared one is left alone.
const pg = await startPrivatePostgres();
const suite = pg ? describe : describe.skip;

suite('PostgreSQL stopped while a user chats', () => {
  let server: TestApp | undefined;
  const clients = clientTracker();
  const logs = new CapturedLogs();

  afterAll(async () => {
    clients.closeAll();
    await server?.close();
    await pg?.destroy(); // stops it if it is still down: it never outlives the test run
  }, 120_000);

  const ready = async () => {
    const response = await fetch(`${server!.url}/health/ready`);
    return [response.status, ((await response.json()) as any).details.chat] as const;
  };

  it('stores the 20 messages and answers sent while it was down, and tells the user once that history is not saved and once that it is again', async () => {
    server = await startApp(
      { imports: [TerminusModule], controllers: [HealthController], providers: [HistoryBot] },
      { storage: { driver: 'postgres', url: pg!.url } },
      { configure: (app) => app.useLogger(logs) },
    );
    const chat = await clients.connect(server.url);
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome!');
    await say(chat, 'hello');
    const threadId = await threadIdOf(chat);
    await server.app.get(ThreadWriteQueue).drain();

    try {
      await pg!.stop();
      // About ten seconds of chat with the database down: the bot answers each message.
      for (let i = 0; i < 20; i++) {
        await say(chat, `message ${i}`);
        await delay(500);
      }
      await chat.waitFor((e) => e.name === 'toast' && e.data.type === 'warning');
      // A thread route does not wait for the database: it answers 503 at once.
      const rename = await fetch(`${server.url}/project/thread`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ threadId, name: 'renamed' }),
      });
      expect(rename.status).toBe(503);
      expect(((await rename.json()) as { detail: string }).detail).toMatch(
        /^The chat history store is unreachable \(.+\); try again when it is back$/,
      );
      // The readiness probe says the store is down, and why.
      expect(await ready()).toEqual([
        503,
        {
          status: 'down',
          storage: {
            status: 'down',
            message: expect.stringMatching(/^unreachable since \S+Z: .*ECONNREFUSED/),
            pendingWrites: 80,
          },
        },
      ]);
    } finally {
      await pg!.start();
    }
    await chat.waitFor((e) => e.name === 'toast' && e.data.type === 'success', 2 * WAIT_MS);
    await server.app.get(ThreadWriteQueue).drain();
    expect(await ready()).toEqual([
      200,
      { status: 'up', storage: { status: 'up', pendingWrites: 0 } },
    ]);

    expect(toasts(chat)).toEqual([
      { message: HISTORY_NOT_SAVED_MESSAGE, type: 'warning' },
      { message: HISTORY_SAVED_MESSAGE, type: 'success' },
    ]);
    const client = await createPostgresClient(pg!.url);
    const store = await SqlChatStore.open(client);
    try {
      const thread = (await store.getThread(threadId))!;
      const sent = Array.from({ length: 20 }, (_, i) => [
        ['user_message', `message ${i}`],
        ['assistant_message', `You said: message ${i}`],
      ]).flat();
      expect(thread.steps.map((s) => [s.type, s.output])).toEqual([
        ['assistant_message', 'Welcome!'],
        ['user_message', 'hello'],
        ['assistant_message', 'You said: hello'],
        ...sent,
      ]);
      expect(thread.metadata.busy).toBe(false);
      expect(thread.name).toBe('hello');
    } finally {
      await store.close();
    }

    // One line when the outage started, one when it ended; none per write.
    const lines = logs.of('ChatPersistence');
    expect(lines.map((line) => line.level)).toEqual(['error', 'log']);
    expect(lines[0].message).toMatch(/^The chat store is unreachable \(.+\): history is held/);
    const [, held] = /storing the (\d+) writes held meanwhile$/.exec(lines[1].message) ?? [];
    expect(Number(held)).toBe(80); // 20 × (the message, the busy mark, the answer, the idle mark)
  }, 120_000);
});
