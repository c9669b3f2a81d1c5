import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPGliteClient, SqlChatStore } from '../libs/chat/src/persistence/index.js';
import { loadResume } from '../libs/chat/src/persistence/thread-resume.js';
import { type AppProcess, startAppProcess } from './fixtures/hardening-process.js';
import { ChatClient } from './utils/chat-client.js';
import { clientView, threadIdOf } from './store/history.js';

describe('shutdown: SIGTERM during streams', () => {
  let app: AppProcess | undefined;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nest-chat-shutdown-'));
  });

  afterEach(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends each stream with what arrived, closes the sockets as the server, and stores every message whole, its thread idle, before it exits', async () => {
    app = await startAppProcess({ STORAGE_DIR: dir });
    const clients = await Promise.all([1, 2, 3].map(() => ChatClient.connect(app!.url)));
    const closes = clients.map(
      (client) => new Promise<string>((resolve) => client.socket.once('disconnect', resolve)),
    );
    // Far longer than the test: only the shutdown ends these streams.
    for (const client of clients) client.send('stream 100000 5');
    await Promise.all(
      clients.map((client) =>
        client.waitFor((e) => e.name === 'stream_token' && e.data.token.includes('t20 ')),
      ),
    );

    app.child.kill('SIGTERM');
    expect(await Promise.all(closes)).toEqual(clients.map(() => 'io server disconnect'));
    const exit = await app.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(app.stderr()).not.toMatch(/ERROR/);

    // Each client saw its answer end (streaming: false) with the tokens that had arrived.
    const answers = clients.map((client) =>
      [...clientView(client).values()].find((step) => step.type === 'assistant_message'),
    );
    for (const answer of answers) {
      expect(answer.streaming).toBe(false);
      expect(answer.output).toMatch(/^t0 t1 t2 .*t20 /);
      expect(answer.output).not.toContain('t99999 ');
    }

    // The store, opened again once the process is gone, holds each answer as the client saw it.
    const client = await createPGliteClient(dir);
    const store = await SqlChatStore.open(client);
    try {
      for (const [i, chat] of clients.entries()) {
        const thread = await store.getThread(await threadIdOf(chat));
        const stored = thread?.steps.find((step) => step.type === 'assistant_message');
        expect(stored).toMatchObject({ streaming: false, output: answers[i].output });
        // No task is left running in the thread: reopening it reports no lost answer.
        expect(thread?.metadata.busy).toBe(false);
        const resumed = await loadResume(store, thread!.id, thread!.userIdentifier!, '');
        expect(resumed).toMatchObject({ lost: false });
      }
    } finally {
      await store.close();
    }
  }, 120_000);

  it('does not wait past shutdownTimeoutMs for an @OnChatEnd that never finishes, and still stores the thread', async () => {
    app = await startAppProcess({ STORAGE_DIR: dir, OPTIONS: { shutdownTimeoutMs: 300 } });
    const stuck = await ChatClient.connect(app.url);
    const other = await ChatClient.connect(app.url);
    for (const [client, text] of [
      [stuck, 'hang on end'],
      [other, 'hello'],
    ] as const) {
      client.send(text);
      await client.waitFor((e) => e.name === 'new_message' && e.data.output === `echo: ${text}`);
    }
    const closed = new Promise<string>((resolve) => stuck.socket.once('disconnect', resolve));

    app.child.kill('SIGTERM');
    expect(await closed).toBe('io server disconnect');
    const exit = await app.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // Only the stuck session's handler was cut short, and the log says so.
    const cut = app.stderr().match(/@OnChatEnd of session \S+ did not finish within \d+ ms/g);
    expect(cut).toEqual([`@OnChatEnd of session ${stuck.sessionId} did not finish within 300 ms`]);

    const client = await createPGliteClient(dir);
    const store = await SqlChatStore.open(client);
    try {
      for (const [chat, text] of [
        [stuck, 'hang on end'],
        [other, 'hello'],
      ] as const) {
        const thread = await store.getThread(await threadIdOf(chat));
        expect(thread?.steps.map((step) => step.output)).toEqual([text, `echo: ${text}`]);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
