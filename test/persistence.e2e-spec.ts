import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChatPersistence,
  createPGliteClient,
  SqlChatStore,
  ThreadWriteQueue,
  type ChatStore,
  type SqlClient,
} from '../libs/chat/src/persistence/index.js';
import { ChatSessions } from 'nest-chat';
import { HistoryBot } from './fixtures/history.bot.js';
import {
  clientView,
  CONVERSATION,
  CONVERSATION_STEPS,
  say,
  threadIdOf,
  userStep,
  startWithStorage,
} from './store/history.js';
import { clientTracker, waitUntil, WAIT_MS, type ChatClient } from './utils/chat-client.js';
import type { TestApp } from './utils/test-app.js';

const TABLES = 'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users';

describe('ChatPersistence: chats stored as they happen', () => {
  let client: SqlClient;
  let inner: ChatStore;
  let store: ChatStore;
  let calls: { method: string; id: unknown }[];
  let server: TestApp | undefined;
  const clients = clientTracker();

  // One database for the file, emptied after each test.
  beforeAll(async () => {
    client = await createPGliteClient('memory://');
    inner = await SqlChatStore.open(client);
    // Records every call, to count the writes the events turned into.
    store = new Proxy(inner, {
      get(target, key: string) {
        const value = (target as any)[key];
        if (typeof value !== 'function') return value;
        return (...args: any[]) => {
          calls.push({ method: key, id: args[0]?.id ?? args[0] });
          return value.apply(target, args);
        };
      },
    });
  }, 60_000);

  beforeEach(async () => {
    calls = [];
    server = await startWithStorage({ providers: [HistoryBot] }, { store });
  }, 60_000);

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
    server = undefined;
    await client.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  afterAll(async () => {
    await inner.close();
  });

  const drain = () => server!.app.get(ThreadWriteQueue).drain();

  async function connect(): Promise<ChatClient> {
    const chat = await clients.connect(server!.url);
    const welcome = await chat.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'Welcome!',
    );
    await chat.waitFor((e) => e.name === 'task_end', WAIT_MS, chat.events.indexOf(welcome));
    return chat;
  }

  it('stores the final state of rapid streams, updates and deletions exactly, in the order the steps were created', async () => {
    const chat = await connect();
    const sent = await say(chat, 'burst');
    const threadId = await threadIdOf(chat);
    await drain();
    const thread = await store.getThread(threadId);
    const shown = [...clientView(chat).values()];
    expect(shown.map((step) => step.output)).toEqual([
      'Welcome!',
      'first, edited',
      'alpha beta',
      'plan',
      'two hits',
      'last',
    ]);
    expect(thread!.steps).toEqual([
      shown[0],
      userStep(threadId, sent.id, 'burst', sent.createdAt),
      ...shown.slice(1),
    ]);
    expect(thread!.steps.some((step) => step.streaming)).toBe(false);
    // The streamed message was written when it started and when it ended, never per token.
    const streamed = shown[2].id;
    expect(calls.filter((c) => c.method === 'upsertStep' && c.id === streamed)).toHaveLength(2);
  });

  it('writes a long stream twice, not once per token, and stores its whole output', async () => {
    // Every token its own event (no coalescing), so the client sees each of the 300.
    await server?.close();
    server = await startWithStorage({ providers: [HistoryBot] }, { store }, { tokenFlushMs: 0 });
    const chat = await connect();
    await say(chat, 'stream 300');
    const threadId = await threadIdOf(chat);
    await drain();
    const steps = (await store.getThread(threadId))!.steps;
    const answer = steps[2];
    expect(steps.map((s) => s.type)).toEqual([
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
    expect(answer.output).toBe(Array.from({ length: 300 }, (_, i) => `t${i} `).join(''));
    expect(answer.streaming).toBe(false);
    expect(chat.names().filter((n) => n === 'stream_token').length).toBeGreaterThan(50);
    expect(calls.filter((c) => c.method === 'upsertStep' && c.id === answer.id)).toHaveLength(2);
  });

  it('keeps each thread in order while many sessions chat at once', async () => {
    const chats = await Promise.all(Array.from({ length: 6 }, () => connect()));
    const sent = await Promise.all(
      chats.map(async (chat) => [await say(chat, 'burst'), await say(chat, 'stream 40')]),
    );
    await drain();
    for (const [i, chat] of chats.entries()) {
      const threadId = await threadIdOf(chat);
      const shown = [...clientView(chat).values()];
      const [burst, stream] = sent[i];
      expect((await store.getThread(threadId))!.steps).toEqual([
        shown[0],
        userStep(threadId, burst.id, 'burst', burst.createdAt),
        ...shown.slice(1, 6),
        userStep(threadId, stream.id, 'stream 40', stream.createdAt),
        shown[6],
      ]);
    }
    expect((await store.listThreads({ first: 10 })).data).toHaveLength(6);
  });

  it('stores an edit: the messages after the edited one are deleted, its new text and the new reply are stored', async () => {
    const chat = await connect();
    const first = await say(chat, 'one');
    await say(chat, 'two');
    const threadId = await threadIdOf(chat);
    const from = chat.events.length;
    chat.socket.emit('edit_message', {
      message: {
        id: first.id,
        name: 'User',
        type: 'user_message',
        output: 'one, edited',
        createdAt: first.createdAt,
      },
    });
    await chat.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'You said: one, edited',
      WAIT_MS,
      from,
    );
    await chat.waitFor((e) => e.name === 'task_end', WAIT_MS, from);
    await drain();
    const steps = (await store.getThread(threadId))!.steps;
    expect(steps.map((step) => [step.type, step.output])).toEqual([
      ['assistant_message', 'Welcome!'],
      ['user_message', 'one, edited'],
      ['assistant_message', 'You said: one, edited'],
    ]);
    expect(steps[1]).toEqual(userStep(threadId, first.id, 'one, edited', first.createdAt));
    expect(steps.slice(2)).toEqual([...clientView(chat).values()].slice(1));
  });

  it('marks the thread busy while a task runs, and idle when it ends', async () => {
    const chat = await connect();
    await say(chat, 'hello');
    const threadId = await threadIdOf(chat);
    const from = chat.events.length;
    chat.send('hold');
    await chat.waitFor((e) => e.name === 'task_start', WAIT_MS, from);
    await drain();
    expect((await store.getThreadSummary(threadId))!.metadata).toEqual({ busy: true });
    server!.app.get(HistoryBot).release(); // the task runs until released
    await chat.waitFor((e) => e.name === 'task_end', WAIT_MS, from);
    await drain();
    expect((await store.getThreadSummary(threadId))!.metadata).toEqual({ busy: false });
  });

  it('goes on storing a thread its client reopens, after what was stored before', async () => {
    const first = await connect();
    await say(first, 'hello');
    const threadId = await threadIdOf(first);
    first.close();
    // The same browser (its identity cookie), in a new tab.
    const again = await clients.connect(server!.url, { threadId, cookie: first.cookie });
    const resumed = await again.next('resume_thread', 0);
    expect(resumed.data.steps.map((s: any) => s.output)).toEqual([
      'Welcome!',
      'hello',
      'You said: hello',
    ]);
    await say(again, 'again');
    await drain();
    const thread = (await store.getThread(threadId))!;
    expect(thread.steps.map((s) => [s.type, s.output])).toEqual([
      ['assistant_message', 'Welcome!'],
      ['user_message', 'hello'],
      ['assistant_message', 'You said: hello'],
      ['assistant_message', 'Welcome back to "hello"; I remember nothing'],
      ['user_message', 'again'],
      ['assistant_message', 'You said: again'],
    ]);
    expect(thread.name).toBe('hello');
    expect(thread.metadata).toEqual({ busy: false });
  });

  it('marks a thread left busy idle when it is reopened, and stores the notice that the answer was lost', async () => {
    const first = await connect();
    await say(first, 'hello');
    const threadId = await threadIdOf(first);
    first.close();
    await drain();
    await store.updateThread(threadId, { metadata: { busy: true } }); // as if the process died
    const again = await clients.connect(server!.url, { threadId, cookie: first.cookie });
    const notice = await again.waitFor(
      (e) => e.name === 'new_message' && e.data.type === 'system_message',
    );
    await drain();
    const thread = (await store.getThread(threadId))!;
    expect(thread.metadata).toEqual({ busy: false });
    expect(thread.steps.find((step) => step.type === 'system_message')).toEqual(notice.data);
  });

  it('stores nothing before the first user message, then a thread named after it with the greeting first', async () => {
    const chat = await connect(); // the greeting's task has ended
    await drain();
    expect(calls).toEqual([]);
    const text = `  What is   the weather\nlike ${'in Paris '.repeat(20)} today? `;
    const sent = await say(chat, text);
    const threadId = await threadIdOf(chat);
    await drain();
    // The thread belongs to the browser's anonymous identity (no login): its user comes first.
    expect(calls.map((c) => [c.method, c.id])).toEqual([
      ['upsertUser', { identifier: expect.stringMatching(/^anonymous:[\w-]{22}$/) }],
      ['createThread', threadId],
      ['upsertStep', [...clientView(chat).keys()][0]],
      ['getStep', sent.id], // the id the client chose is not another thread's
      ['upsertStep', sent.id],
      ['updateThread', threadId], // busy
      ['upsertStep', [...clientView(chat).keys()][1]],
      ['updateThread', threadId], // idle
    ]);
    const name = text.replace(/\s+/g, ' ').trim().slice(0, 100).trimEnd();
    expect(name).toHaveLength(99);
    const thread = await store.getThread(threadId);
    expect(thread).toEqual({
      id: threadId,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      name,
      userId: expect.any(String),
      userIdentifier: expect.stringMatching(/^anonymous:[\w-]{22}$/),
      metadata: { busy: false },
      steps: [
        [...clientView(chat).values()][0],
        userStep(threadId, sent.id, text, sent.createdAt),
        expect.objectContaining({ type: 'assistant_message', output: `You said: ${text}` }),
      ],
      elements: [],
    });
  });

  it('drops what a session showed when it ends without a user message', async () => {
    const chat = await connect();
    const greeting = clientView(chat).keys().next().value as string;
    const session = server!.app.get(ChatSessions).get(chat.sessionId)!;
    chat.socket.emit('clear_session');
    chat.close();
    await waitUntil(() => session.ended, 'the session to end');
    await drain();
    expect(calls).toEqual([]);
    expect(await store.getStep(greeting)).toBeUndefined();
    expect((await store.listThreads({ first: 10 })).data).toEqual([]);
    // Nothing of the session is kept once it has ended.
    expect((server!.app.get(ChatPersistence) as any).states.size).toBe(0);
  });

  it('stores an element with the bytes the session serves, so a resumed thread can serve them', async () => {
    const chat = await connect();
    await say(chat, 'element');
    const threadId = await threadIdOf(chat);
    const shown = (await chat.waitFor((e) => e.name === 'element')).data;
    await drain();
    const thread = await store.getThread(threadId);
    expect(thread!.elements).toEqual([
      {
        id: shown.id,
        threadId,
        type: 'text',
        name: 'note.txt',
        display: 'side',
        mime: 'text/plain',
        chainlitKey: shown.chainlitKey,
        forId: thread!.steps[2].id,
      },
    ]);
    const element = await store.getElement(shown.id);
    expect(Buffer.from(element!.content!).toString('utf8')).toBe('stored bytes');
  });
});

describe('ChatPersistence across a restart', () => {
  let dataDir: string;
  let server: TestApp | undefined;
  const clients = clientTracker();

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nest-chat-restart-'));
  });

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
    server = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  // Browsers keep their identity across the restart: the key that signs it is an option.
  const start = () =>
    startWithStorage(
      { providers: [HistoryBot] },
      { driver: 'pglite', dataDir },
      { identitySecret: 'Vq3xYb8NkL2pR7tW0sZc5mJd9hFg4aUe6iOy1nTq' },
    );

  it('gives back every completed message, in order, after the app is closed and started again on the same data directory', async () => {
    server = await start();
    const chat = await clients.connect(server.url);
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome!');
    for (const text of [...CONVERSATION, 'remember tea']) await say(chat, text);
    const threadId = await threadIdOf(chat);
    const shown = [...clientView(chat).values()];
    chat.close();
    await server.close(); // drains the queued writes, then closes the database
    server = undefined;

    server = await start();
    const response = await fetch(`${server.url}/project/thread/${threadId}`, {
      headers: chat.headers,
    });
    expect(response.status).toBe(200);
    const thread: any = await response.json();
    expect(thread.steps.map((s: any) => [s.type, s.output])).toEqual([
      ...CONVERSATION_STEPS,
      ['user_message', 'remember tea'],
      ['assistant_message', 'I will remember tea'],
    ]);
    const assistant = thread.steps.filter((s: any) => s.type !== 'user_message');
    expect(assistant).toEqual(shown);

    const store = server.app.get(ChatPersistence).store;
    expect(await store.getThread(threadId)).toEqual(thread);
    expect((await store.listThreads({ first: 5 })).data).toEqual([
      {
        id: threadId,
        createdAt: thread.createdAt,
        name: 'hello',
        userId: thread.userId,
        userIdentifier: thread.userIdentifier,
        metadata: { busy: false, session: { remembered: { text: 'tea' } }, chat_settings: {} },
      },
    ]);

    // The client reconnects with the thread id: the history comes back in order, then what
    // @OnChatResume sends, with the session's values restored.
    const again = await clients.connect(server.url, { threadId, cookie: chat.cookie });
    const resumed = await again.next('resume_thread', 0);
    expect(resumed.data.steps).toEqual(thread.steps);
    const welcome = await again.waitFor((e) => e.name === 'new_message');
    expect(welcome.data.output).toBe('Welcome back to "hello"; I remember tea');
    expect(again.names().indexOf('resume_thread')).toBeLessThan(again.events.indexOf(welcome));
    // As Chainlit: the reopened thread is the session's first interaction, "resume".
    const first = again.events.filter((e) => e.name === 'first_interaction');
    expect(first.map((e) => e.data)).toEqual([{ interaction: 'resume', thread_id: threadId }]);
  }, 60_000);
});
