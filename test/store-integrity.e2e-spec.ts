import { ANSWER_LOST_MESSAGE, ChatEvents, ChatSessions, type ChatModuleOptions } from 'nest-chat';
import {
  createPGliteClient,
  SqlChatStore,
  ThreadWriteQueue,
  type ChatStore,
  type SqlClient,
} from '../libs/chat/src/persistence/index.js';
import { HistoryBot } from './fixtures/history.bot.js';
import { clientView, say, threadIdOf, startWithStorage } from './store/history.js';
import { type ChatClient, clientTracker, waitUntil, WAIT_MS } from './utils/chat-client.js';
import type { TestApp } from './utils/test-app.js';

const TABLES = 'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users';

/** Any user name logs in, with the password "pw". */
const AUTH: ChatModuleOptions['auth'] = {
  secret: 'a-test-secret-of-at-least-32-characters!',
  password: (username, password) => (password === 'pw' ? { identifier: username } : null),
};

/** Logs `username` in: the cookie that carries the login. */
async function login(url: string, username: string): Promise<string> {
  const form = new FormData();
  form.append('username', username);
  form.append('password', 'pw');
  const response = await fetch(`${url}/login`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0];
}

// One database for the file, emptied after each test.
let client: SqlClient;
let store: ChatStore;

beforeAll(async () => {
  client = await createPGliteClient('memory://');
  store = await SqlChatStore.open(client);
}, 60_000);

afterAll(async () => {
  await store?.close();
});

/** Sends `text` with the given id and waits for the answer's task to end. */
async function sayWithId(chat: ChatClient, id: string, text: string): Promise<void> {
  const from = chat.events.length;
  chat.send(text, { id });
  const start = await chat.waitFor((e) => e.name === 'task_start', WAIT_MS, from);
  await chat.waitFor((e) => e.name === 'task_end', WAIT_MS, chat.events.indexOf(start));
}

describe('stored ids belong to their thread (auth on)', () => {
  let server: TestApp | undefined;
  const clients = clientTracker();

  beforeEach(async () => {
    server = await startWithStorage({ providers: [HistoryBot] }, { store }, { auth: AUTH });
  }, 60_000);

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
    server = undefined;
    await client.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  const drain = () => server!.app.get(ThreadWriteQueue).drain();

  async function connect(user: string): Promise<ChatClient> {
    const cookie = await login(server!.url, user);
    const chat = await clients.connect(server!.url, {
      extraHeaders: { cookie },
      transports: ['websocket'],
    });
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome!');
    await chat.next('task_end', 0);
    return chat;
  }

  it("cannot delete another user's stored messages by sending their ids, then editing an earlier message", async () => {
    const bob = await connect('bob');
    await say(bob, 'hello');
    const bobThread = await threadIdOf(bob);
    await drain();
    const bobSteps = (await store.getThread(bobThread))!.steps;
    expect(bobSteps.map((s) => s.output)).toEqual(['Welcome!', 'hello', 'You said: hello']);

    const ada = await connect('ada');
    const first = await say(ada, 'one');
    // Ada's client sends messages with the ids of Bob's question and Bob's answer.
    await sayWithId(ada, bobSteps[1].id, 'stolen question');
    await sayWithId(ada, bobSteps[2].id, 'stolen answer');
    // Editing her first message deletes what came after it in her session: those ids too.
    const from = ada.events.length;
    ada.socket.emit('edit_message', {
      message: {
        id: first.id,
        name: 'User',
        type: 'user_message',
        output: 'one, edited',
        createdAt: first.createdAt,
      },
    });
    await ada.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'You said: one, edited',
      WAIT_MS,
      from,
    );
    await ada.waitFor((e) => e.name === 'task_end', WAIT_MS, from);
    await drain();

    // Bob's thread is as it was.
    expect((await store.getThread(bobThread))!.steps).toEqual(bobSteps);
    // Ada's thread holds her edit and its answer, after the greeting.
    const adaThread = (await store.getThread(await threadIdOf(ada)))!;
    expect(adaThread.steps.map((s) => [s.type, s.output])).toEqual([
      ['assistant_message', 'Welcome!'],
      ['user_message', 'one, edited'],
      ['assistant_message', 'You said: one, edited'],
    ]);
  });

  it("stores a message whose id is another thread's under a new id, in its own thread, and leaves the other thread as it was", async () => {
    const bob = await connect('bob');
    await say(bob, 'hello');
    const bobThread = await threadIdOf(bob);
    await drain();
    const bobSteps = (await store.getThread(bobThread))!.steps;

    const ada = await connect('ada');
    await sayWithId(ada, bobSteps[1].id, 'mine');
    await drain();
    const adaThreadId = await threadIdOf(ada);
    const adaSteps = (await store.getThread(adaThreadId))!.steps;
    expect(adaSteps.map((s) => [s.type, s.output])).toEqual([
      ['assistant_message', 'Welcome!'],
      ['user_message', 'mine'],
      ['assistant_message', 'You said: mine'],
    ]);
    expect(adaSteps[1].id).not.toBe(bobSteps[1].id);
    expect(adaSteps[1].threadId).toBe(adaThreadId);
    expect((await store.getThread(bobThread))!.steps).toEqual(bobSteps);

    // Ada's edits of that message reach her stored copy (under its new id), nothing of Bob's.
    const from = ada.events.length;
    ada.socket.emit('edit_message', {
      message: { id: bobSteps[1].id, name: 'User', type: 'user_message', output: 'mine, edited' },
    });
    await ada.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'You said: mine, edited',
      WAIT_MS,
      from,
    );
    await ada.waitFor((e) => e.name === 'task_end', WAIT_MS, from);
    await drain();
    expect((await store.getThread(adaThreadId))!.steps.map((s) => [s.id, s.output])).toEqual([
      [adaSteps[0].id, 'Welcome!'],
      [adaSteps[1].id, 'mine, edited'],
      [expect.any(String), 'You said: mine, edited'],
    ]);
    expect((await store.getThread(bobThread))!.steps).toEqual(bobSteps);
  });
});

describe('a session that ends mid-answer stores the answer as it was and leaves the thread idle', () => {
  let server: TestApp | undefined;
  const clients = clientTracker();

  afterEach(async () => {
    clients.closeAll();
    server?.app.get(HistoryBot).release();
    await server?.close();
    server = undefined;
    await client.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  async function start(options: ChatModuleOptions = {}) {
    server = await startWithStorage({ providers: [HistoryBot] }, { store }, options);
    // What the sessions sent: the last state of each message.
    const sent = new Map<string, any>();
    server.app.get(ChatEvents).events$.subscribe((event) => {
      const { name, data } = event as { name: string; data: any };
      if (name === 'stream_start' || name === 'new_message' || name === 'update_message') {
        sent.set(data.id, data);
      }
    });
    return sent;
  }

  /** Sends `text`, waits for the answer to stream a few tokens; gives the session. */
  async function streaming(chat: ChatClient, text: string) {
    chat.send(text);
    await chat.waitFor((e) => e.name === 'stream_start');
    await chat.waitFor(
      (e) =>
        e.name === 'stream_token' || (e.name === 'stream_start' && e.data.output === 't0 t1 t2 '),
    );
    return server!.app.get(ChatSessions).get(chat.sessionId)!;
  }

  /** The thread as a client that reopens it gets it (the same browser: its identity cookie). */
  async function reopen(threadId: string, cookie?: string) {
    const chat = await clients.connect(server!.url, { threadId, cookie });
    const resumed = await chat.next('resume_thread', 0);
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output.startsWith('Welcome back'));
    return { chat, thread: resumed.data };
  }

  async function expectStoredAsSent(chat: ChatClient, sent: Map<string, any>) {
    const threadId = await threadIdOf(chat);
    await server!.app.get(ThreadWriteQueue).drain();
    const shown = [...clientView(chat).values()].find((s) => s.output.startsWith('t0 '));
    const final = sent.get(shown.id);
    // The session ended the stream with what it had streamed: that is what is stored.
    expect(final.streaming).toBe(false);
    expect(final.output.startsWith(shown.output)).toBe(true);
    const stored = (await store.getThread(threadId))!;
    expect(stored.metadata.busy).toBe(false);
    expect(stored.steps.find((s) => s.id === shown.id)).toEqual(final);
    // Reopened, the thread has the answer, and no word of an answer lost.
    const { chat: again, thread } = await reopen(threadId, chat.cookie);
    expect(thread.steps.find((s: any) => s.id === shown.id)).toEqual(final);
    expect(again.events.some((e) => e.data?.output === ANSWER_LOST_MESSAGE)).toBe(false);
    return final;
  }

  it('when the session times out while its client is away', async () => {
    const sent = await start({ sessionTimeoutMs: 100 });
    const chat = await clients.connect(server!.url);
    await say(chat, 'hello');
    const session = await streaming(chat, 'trickle');
    chat.close();
    await waitUntil(() => session.ended, 'the session to time out');
    await expectStoredAsSent(chat, sent);
  });

  it('when the client clears the session (a new chat) while the answer streams', async () => {
    const sent = await start();
    const chat = await clients.connect(server!.url);
    await say(chat, 'hello');
    const session = await streaming(chat, 'trickle');
    chat.socket.emit('clear_session');
    chat.close();
    await waitUntil(() => session.ended, 'the session to end');
    await expectStoredAsSent(chat, sent);
  });

  it('when the handler ignores the stop: the stream ends with what it had streamed', async () => {
    const sent = await start();
    const chat = await clients.connect(server!.url);
    await say(chat, 'hello');
    const session = await streaming(chat, 'stuck');
    chat.socket.emit('clear_session');
    chat.close();
    await waitUntil(() => session.ended, 'the session to end');
    const final = await expectStoredAsSent(chat, sent);
    expect(final.output).toBe('t0 t1 t2 ');
  });
});
