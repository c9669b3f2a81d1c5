import { randomUUID } from 'node:crypto';
import {
  CHAT_REQUEST_IDENTITY,
  createPGliteClient,
  SqlChatStore,
  type ChatStore,
  type SqlClient,
} from '../libs/chat/src/persistence/index.js';
import { HistoryBot } from './fixtures/history.bot.js';
import { clientView, say, threadIdOf, startWithStorage } from './store/history.js';
import { clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, type TestApp } from './utils/test-app.js';

const TABLES = 'chat_feedback, chat_elements, chat_steps, chat_threads, chat_users';
const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second)).toISOString();

/** Who calls: the `x-user` header stands in for an authenticated user. */
const identity = {
  provide: CHAT_REQUEST_IDENTITY,
  useValue: (req: { headers: Record<string, string | undefined> }) => req.headers['x-user'],
};

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

/** Threads made in the store for a user (`me` unless told): `Thread 0` is the oldest. */
async function threads(count: number, userIdentifier: string | null = 'me') {
  const owner = userIdentifier ? await store.upsertUser({ identifier: userIdentifier }) : undefined;
  const made = [];
  for (let i = 0; i < count; i++) {
    const thread = { id: randomUUID(), createdAt: at(i), name: `Thread ${i}`, metadata: {} };
    await store.createThread({ ...thread, userId: owner?.id });
    made.push(owner ? { ...thread, userId: owner.id, userIdentifier } : thread);
  }
  return made;
}

async function answer(threadId: string, output: string) {
  const step = {
    id: randomUUID(),
    threadId,
    name: 'Assistant',
    type: 'assistant_message' as const,
    output,
    createdAt: at(30),
  };
  await store.upsertStep(step);
  return step;
}

describe.each(HTTP_PLATFORMS)('Thread history HTTP routes, on %s', (platform) => {
  let server: TestApp | undefined;
  const clients = clientTracker();

  beforeEach(async () => {
    server = await startWithStorage({ providers: [HistoryBot, identity] }, { store }, {}, platform);
  }, 60_000);

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
    server = undefined;
    await client.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  /** A call as `user` (`me` unless told; `null`: no x-user, a browser without login). */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    user: string | null = 'me',
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (user) headers['x-user'] = user;
    const response = await fetch(`${server!.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const list = (body: unknown, user?: string | null) =>
    call('POST', '/project/threads', body, user);
  const ids = async (filter: object) =>
    (await list({ pagination: { first: 10 }, filter })).body.data.map((t: any) => t.id);

  it("pages through the caller's threads, newest first, with the cursor of the page before", async () => {
    const [t0, t1, t2, t3, t4] = await threads(5);
    const first = await list({ pagination: { first: 2 }, filter: {} });
    expect(first).toEqual({
      status: 200,
      body: {
        data: [t4, t3],
        pageInfo: { hasNextPage: true, startCursor: t4.id, endCursor: t3.id },
      },
    });
    const second = await list({ pagination: { first: 2, cursor: t3.id }, filter: {} });
    expect(second.body).toEqual({
      data: [t2, t1],
      pageInfo: { hasNextPage: true, startCursor: t2.id, endCursor: t1.id },
    });
    const last = await list({ pagination: { first: 2, cursor: t1.id } });
    expect(last.body).toEqual({
      data: [t0],
      pageInfo: { hasNextPage: false, startCursor: t0.id, endCursor: t0.id },
    });
  });

  it('searches names and messages, and filters by feedback', async () => {
    const [named, withMessage, liked] = await threads(3);
    await store.updateThread(named.id, { name: 'Trip to Lisbon' });
    await answer(withMessage.id, 'Lisbon is lovely in May');
    const step = await answer(liked.id, 'Porto, then');
    await store.upsertFeedback({ forId: step.id, value: 1 });
    expect(await ids({ search: 'lisbon' })).toEqual([withMessage.id, named.id]);
    expect(await ids({ feedback: 1 })).toEqual([liked.id]);
    expect(await ids({ feedback: 0 })).toEqual([]);
    expect(await ids({ search: '' })).toEqual([liked.id, withMessage.id, named.id]);
  });

  it("shows each caller only their threads: another user's thread is not found", async () => {
    const [mine] = await threads(1);
    const [adas] = await threads(1, 'ada');
    await threads(1, 'grace');
    expect((await list({ pagination: { first: 10 } })).body.data).toEqual([mine]);
    expect((await list({ pagination: { first: 10 } }, 'ada')).body.data).toEqual([adas]);
    expect(await call('GET', `/project/thread/${adas.id}`, undefined, 'ada')).toEqual({
      status: 200,
      body: { ...adas, steps: [], elements: [] },
    });
    for (const user of [null, 'grace']) {
      expect(await call('GET', `/project/thread/${adas.id}`, undefined, user)).toEqual({
        status: 404,
        body: { detail: 'Thread not found' },
      });
      expect(
        await call('PUT', '/project/thread', { threadId: adas.id, name: 'Mine' }, user),
      ).toEqual({ status: 404, body: { detail: 'Thread not found' } });
      expect(await call('DELETE', '/project/thread', { threadId: adas.id }, user)).toEqual({
        status: 404,
        body: { detail: 'Thread not found' },
      });
    }
    expect(await call('GET', `/project/thread/${mine.id}`, undefined, 'ada')).toEqual({
      status: 404,
      body: { detail: 'Thread not found' },
    });
    expect((await store.getThreadSummary(adas.id))!.name).toBe('Thread 0');
  });

  it('shows a thread without an owner to no one, and an app identity may not name an anonymous visitor', async () => {
    const [ownerless] = await threads(1, null);
    const [anonymous] = await threads(1, 'anonymous:aaaaaaaaaaaaaaaaaaaaaa');
    for (const user of [null, 'me', 'anonymous:aaaaaaaaaaaaaaaaaaaaaa']) {
      expect((await list({ pagination: { first: 10 } }, user)).body.data).toEqual([]);
      for (const thread of [ownerless, anonymous]) {
        expect(await call('GET', `/project/thread/${thread.id}`, undefined, user)).toEqual({
          status: 404,
          body: { detail: 'Thread not found' },
        });
      }
    }
  });

  it('gives a thread with its steps in order and their feedback', async () => {
    const [thread] = await threads(1);
    const one = await answer(thread.id, 'one');
    const two = await answer(thread.id, 'two');
    const feedback = await store.upsertFeedback({ forId: two.id, value: 0, comment: 'wrong' });
    expect(await call('GET', `/project/thread/${thread.id}`)).toEqual({
      status: 200,
      body: { ...thread, steps: [one, { ...two, feedback }], elements: [] },
    });
    expect(await call('GET', `/project/thread/${randomUUID()}`)).toEqual({
      status: 404,
      body: { detail: 'Thread not found' },
    });
  });

  it('renames and deletes a thread', async () => {
    const [thread] = await threads(1);
    await answer(thread.id, 'kept until the thread goes');
    expect(await call('PUT', '/project/thread', { threadId: thread.id, name: 'Renamed' })).toEqual({
      status: 200,
      body: { success: true },
    });
    expect((await list({ pagination: { first: 1 } })).body.data).toEqual([
      { ...thread, name: 'Renamed' },
    ]);
    expect(await call('DELETE', '/project/thread', { threadId: thread.id })).toEqual({
      status: 200,
      body: { success: true },
    });
    expect(await call('GET', `/project/thread/${thread.id}`)).toEqual({
      status: 404,
      body: { detail: 'Thread not found' },
    });
    expect(await call('DELETE', '/project/thread', { threadId: thread.id })).toEqual({
      status: 404,
      body: { detail: 'Thread not found' },
    });
    expect((await list({ pagination: { first: 1 } })).body.data).toEqual([]);
  });

  it('sets feedback on a message (one per message) and deletes it', async () => {
    const [thread] = await threads(1);
    const step = await answer(thread.id, 'an answer');
    const put = await call('PUT', '/feedback', {
      feedback: { forId: step.id, value: 1, comment: 'great', threadId: thread.id },
    });
    expect(put).toEqual({ status: 200, body: { success: true, feedbackId: expect.any(String) } });
    const { feedbackId } = put.body;
    // Without threadId: found from the message. A second feedback replaces the first.
    expect(await call('PUT', '/feedback', { feedback: { forId: step.id, value: 0 } })).toEqual({
      status: 200,
      body: { success: true, feedbackId },
    });
    expect((await call('GET', `/project/thread/${thread.id}`)).body.steps).toEqual([
      { ...step, feedback: { id: feedbackId, forId: step.id, threadId: thread.id, value: 0 } },
    ]);
    expect(await call('DELETE', '/feedback', { feedbackId })).toEqual({
      status: 200,
      body: { success: true },
    });
    expect((await call('GET', `/project/thread/${thread.id}`)).body.steps).toEqual([step]);
    expect(await call('DELETE', '/feedback', { feedbackId })).toEqual({
      status: 404,
      body: { detail: `Feedback ${feedbackId} not found` },
    });
  });

  it("refuses feedback on an unknown message or on another user's thread", async () => {
    const [adas] = await threads(1, 'ada');
    const step = await answer(adas.id, 'for Ada');
    const unknown = randomUUID();
    expect(await call('PUT', '/feedback', { feedback: { forId: unknown, value: 1 } })).toEqual({
      status: 404,
      body: { detail: `Message ${unknown} not found` },
    });
    expect(await call('PUT', '/feedback', { feedback: { forId: step.id, value: 1 } })).toEqual({
      status: 404,
      body: { detail: `Message ${step.id} not found` },
    });
    const put = await call('PUT', '/feedback', { feedback: { forId: step.id, value: 1 } }, 'ada');
    expect(put.status).toBe(200);
    expect(await call('DELETE', '/feedback', { feedbackId: put.body.feedbackId }, 'grace')).toEqual(
      { status: 404, body: { detail: `Feedback ${put.body.feedbackId} not found` } },
    );
  });

  it('answers a body that does not fit with 400 and a detail naming the field', async () => {
    expect(await list({ filter: {} })).toEqual({
      status: 400,
      body: { detail: 'pagination should not be null or undefined' },
    });
    expect(await list({ pagination: { first: 0 } })).toEqual({
      status: 400,
      body: { detail: 'pagination.first must not be less than 1' },
    });
    expect(await list({ pagination: { first: 5 }, filter: { feedback: 2 } })).toEqual({
      status: 400,
      body: { detail: 'filter.feedback must be one of the following values: 0, 1' },
    });
    expect(await call('PUT', '/project/thread', { threadId: randomUUID() })).toEqual({
      status: 400,
      body: { detail: 'name should not be null or undefined' },
    });
    expect(await call('PUT', '/feedback', { feedback: { forId: 'x', value: '1' } })).toEqual({
      status: 400,
      body: { detail: 'feedback.value must be one of the following values: 0, 1' },
    });
    expect(await call('DELETE', '/feedback', {})).toEqual({
      status: 400,
      body: { detail: 'feedbackId should not be null or undefined' },
    });
  });

  it('lists a new thread as soon as the client hears of it, and takes feedback on a reply just sent', async () => {
    const chat = await clients.connect(server!.url);
    await chat.waitFor((e) => e.name === 'new_message');
    chat.send('hello there');
    const threadId = await threadIdOf(chat);
    // No login: the thread is the browser's, by its identity cookie.
    const browser = (method: string, path: string, body?: unknown) =>
      call(method, path, body, null, chat.headers);
    // The client refreshes its thread list on first_interaction: the thread must be there.
    expect(
      (await browser('POST', '/project/threads', { pagination: { first: 5 } })).body.data,
    ).toEqual([
      {
        id: threadId,
        createdAt: expect.any(String),
        name: 'hello there',
        userId: expect.any(String),
        userIdentifier: expect.stringMatching(/^anonymous:[\w-]{22}$/),
        metadata: { busy: expect.any(Boolean) },
      },
    ]);
    await say(chat, 'stream 10');
    const reply = [...clientView(chat).values()].at(-1);
    const put = await browser('PUT', '/feedback', {
      feedback: { forId: reply.id, value: 1 },
      sessionId: chat.sessionId,
    });
    expect(put).toEqual({ status: 200, body: { success: true, feedbackId: expect.any(String) } });
    const thread = (await browser('GET', `/project/thread/${threadId}`)).body;
    expect(thread.steps.map((s: any) => s.output)).toEqual([
      'Welcome!',
      'hello there',
      'You said: hello there',
      'stream 10',
      reply.output,
    ]);
    expect(thread.steps[4].feedback).toEqual({
      id: put.body.feedbackId,
      forId: reply.id,
      threadId,
      value: 1,
    });
  });
});

describe.each(HTTP_PLATFORMS)('Thread history HTTP routes without storage, on %s', (platform) => {
  let server: TestApp;

  afterEach(async () => {
    await server.close();
  });

  it('answers 400 "Data persistence is not enabled"', async () => {
    server = await startWithStorage({}, false, {}, platform);
    const response = await fetch(`${server.url}/project/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pagination: { first: 5 } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: 'Data persistence is not enabled' });
  });
});

describe.each(HTTP_PLATFORMS)('Thread history HTTP routes with login, on %s', (platform) => {
  const SECRET = 'a-test-secret-of-at-least-32-characters!';
  const PASSWORDS: Record<string, string> = { ada: 'lovelace', bob: 'builder' };
  let server: TestApp;
  const clients = clientTracker();

  beforeEach(async () => {
    server = await startWithStorage(
      { providers: [HistoryBot] },
      { store },
      {
        auth: {
          secret: SECRET,
          password: (username, password) =>
            PASSWORDS[username] === password
              ? { identifier: username, metadata: { team: 'engines' } }
              : null,
        },
      },
      platform,
    );
  }, 60_000);

  afterEach(async () => {
    clients.closeAll();
    await server.close();
    await client.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  async function login(username: string): Promise<string> {
    const form = new FormData();
    form.append('username', username);
    form.append('password', PASSWORDS[username]);
    const response = await fetch(`${server.url}/login`, { method: 'POST', body: form });
    return response.headers.get('set-cookie')!.split(';')[0];
  }

  async function get(path: string, cookie?: string) {
    const response = await fetch(`${server.url}${path}`, {
      headers: cookie ? { cookie } : {},
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('gives a thread to the logged-in user of its session, and shows it to that user only', async () => {
    const ada = await login('ada');
    const bob = await login('bob');
    const chat = await clients.connect(server.url, {
      extraHeaders: { cookie: ada },
      transports: ['websocket'],
    });
    await chat.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome!');
    await say(chat, 'hello from Ada');
    const threadId = await threadIdOf(chat);
    const list = async (cookie?: string) => {
      const response = await fetch(`${server.url}/project/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ pagination: { first: 5 }, filter: {} }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const user = await store.getUser('ada');
    expect(user).toEqual({
      id: expect.any(String),
      identifier: 'ada',
      metadata: { team: 'engines' },
      createdAt: expect.any(String),
    });
    const summary = {
      id: threadId,
      createdAt: expect.any(String),
      name: 'hello from Ada',
      userId: user!.id,
      userIdentifier: 'ada',
      metadata: { busy: false },
    };
    expect(await list(ada)).toEqual({
      status: 200,
      body: {
        data: [summary],
        pageInfo: { hasNextPage: false, startCursor: threadId, endCursor: threadId },
      },
    });
    expect((await list(bob)).body.data).toEqual([]);
    expect(await list()).toEqual({
      status: 401,
      body: { detail: 'Authentication failed: not logged in' },
    });
    const thread = await get(`/project/thread/${threadId}`, ada);
    expect(thread.status).toBe(200);
    expect(thread.body.steps.map((s: any) => s.output)).toEqual([
      'Welcome!',
      'hello from Ada',
      'You said: hello from Ada',
    ]);
    expect(await get(`/project/thread/${threadId}`, bob)).toEqual({
      status: 404,
      body: { detail: 'Thread not found' },
    });
  });
});
