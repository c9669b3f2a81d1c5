import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPGliteClient,
  SqlChatStore,
  ThreadWriteQueue,
  type ChatStore,
} from '../libs/chat/src/persistence/index.js';
import { clientTracker, newIdentity, WAIT_MS, type ChatClient } from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { UiBot, UiProbe } from './fixtures/chainlit-ui.bot.js';
import { PNG } from './fixtures/features.bot.js';

/** The app's `public/` folder, and a file beside it that must stay out of reach. */
const root = mkdtempSync(join(tmpdir(), 'nest-chat-public-'));
const publicDir = join(root, 'public');
mkdirSync(join(publicDir, 'elements'), { recursive: true });
writeFileSync(join(publicDir, 'elements', 'Counter.jsx'), 'export default function Counter() {}');
writeFileSync(join(publicDir, 'logo.png'), PNG);
writeFileSync(join(publicDir, '.env'), 'SECRET=1');
writeFileSync(join(root, 'secret.txt'), 'not public');
symlinkSync(join(root, 'secret.txt'), join(publicDir, 'escape.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The identity cookie of the one browser these tests are (no login: its threads are its own). */
let browser = '';

const json = (method: string, url: string, body: unknown) =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json', cookie: browser },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

const outputs = (client: ChatClient, from = 0) =>
  client.events
    .slice(from)
    .filter((e) => e.name === 'new_message')
    .map((e) => e.data.output as string);

describe.each(HTTP_PLATFORMS)('what the Chainlit UI does beyond a page load, on %s', (platform) => {
  const clients = clientTracker();
  let server: TestApp;
  let store: ChatStore;
  let probe: UiProbe;

  beforeAll(async () => {
    store = await SqlChatStore.open(await createPGliteClient('memory://'));
    server = await startApp(
      { providers: [UiProbe, UiBot] },
      { storage: { store }, publicDir },
      { platform },
    );
    probe = server.app.get(UiProbe);
    browser = (await newIdentity(server.url))!;
  }, 60_000);

  afterEach(() => {
    probe.release();
    clients.closeAll();
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  /** A client past its chat start: the welcome message (with its Ping button) and task_end. */
  async function connect(threadId?: string) {
    const client = await clients.connect(server.url, { threadId, cookie: browser });
    const welcome = await client.waitFor(
      (e) => e.name === 'new_message' && e.data.output.startsWith('Welcome'),
    );
    await client.next('task_end', client.events.indexOf(welcome));
    const ping = client.events.find((e) => e.name === 'action')?.data;
    return { client, ping };
  }

  async function storedImage() {
    const { client } = await connect();
    const from = client.events.length;
    client.send('image');
    const image = (await client.next('element', from)).data;
    await client.next('task_end', from);
    await server.app.get(ThreadWriteQueue).drain();
    return { client, image, threadId: image.threadId as string };
  }

  describe('Stop', () => {
    it("ends the stream first (update_message), then the stopped message, @OnStop's, task_end", async () => {
      const { client } = await connect();
      const from = client.events.length;
      client.send('stream');
      const start = await client.next('stream_start', from);
      const id = start.data.id;
      // Both tokens are on the client (in stream_start, or in stream_token events after it).
      const text = () =>
        client.events
          .slice(from)
          .filter((e) => e.data?.id === id)
          .map((e) => (e.name === 'stream_start' ? e.data.output : (e.data.token ?? '')))
          .join('');
      await client.waitFor(() => text() === 'first second', WAIT_MS, from);
      const stopAt = client.events.length;
      client.socket.emit('stop');
      await client.next('task_end', stopAt);
      const after = client.events.slice(stopAt);
      const seen = after.map((e) =>
        e.name === 'update_message' && e.data.id === id
          ? `update ${e.data.output} streaming=${e.data.streaming}`
          : e.name === 'new_message'
            ? `message ${e.data.output}`
            : e.name,
      );
      expect(seen).toEqual([
        'update first second streaming=false',
        'message Task manually stopped.',
        'message @OnStop ran',
        'task_end',
      ]);
    });
  });

  describe('@OnAction', () => {
    it('runs at once while an ask is pending, and the ask still takes its answer', async () => {
      const { client, ping } = await connect();
      const from = client.events.length;
      let answer!: (value: unknown) => void;
      client.socket.once('ask', (_payload: unknown, ack: (value: unknown) => void) => {
        answer = ack;
      });
      client.send('name');
      expect((await client.next('ask', from)).data.msg.output).toBe('Your name?');
      const res = await json('POST', `${server.url}/project/action`, {
        sessionId: client.sessionId,
        action: ping,
      });
      expect(res).toEqual({ status: 200, body: { success: true, response: 'pong' } });
      expect(outputs(client, from)).toEqual(['pong']);
      answer({ id: crypto.randomUUID(), output: 'Ada', type: 'user_message', name: 'User' });
      await client.waitFor((e) => e.data?.output === 'Hello Ada', WAIT_MS, from);
    });

    it('runs at once while a task runs; the task goes on', async () => {
      const { client, ping } = await connect();
      const from = client.events.length;
      client.send('hold');
      await client.next('task_start', from);
      const res = await json('POST', `${server.url}/project/action`, {
        sessionId: client.sessionId,
        action: ping,
      });
      expect(res.body).toEqual({ success: true, response: 'pong' });
      expect(client.names(from)).not.toContain('task_end');
      probe.release();
      await client.waitFor((e) => e.data?.output === 'released', WAIT_MS, from);
      expect(outputs(client, from)).toEqual(['pong', 'released']);
    });

    it('before any message, starts the thread as Chainlit does (first_interaction: the action name)', async () => {
      const { client, ping } = await connect();
      const from = client.events.length;
      await json('POST', `${server.url}/project/action`, {
        sessionId: client.sessionId,
        action: ping,
      });
      const first = await client.next('first_interaction', from);
      expect(first.data).toEqual({ interaction: 'ping', thread_id: expect.any(String) });
    });
  });

  describe('resume', () => {
    it('gives back the elements with a URL serving their bytes, the settings, and first_interaction "resume"', async () => {
      const { client } = await connect();
      let from = client.events.length;
      client.socket.emit('chat_settings_change', { model: 'large', temperature: 1.5 });
      client.send('image');
      const image = (await client.next('element', from)).data;
      await client.next('task_end', from);
      const threadId = (await client.next('first_interaction', 0)).data.thread_id;
      await server.app.get(ThreadWriteQueue).drain();
      client.close();

      const { client: again } = await connect(threadId);
      const resumed = (await again.next('resume_thread', 0)).data;
      const [element] = resumed.elements;
      expect(element).toMatchObject({
        id: image.id,
        name: 'dot.png',
        chainlitKey: expect.any(String),
      });
      expect(element.url).toBe(`/project/thread/${threadId}/element/${image.id}/content`);
      const bytes = await fetch(`${server.url}${element.url}`, { headers: { cookie: browser } });
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await bytes.arrayBuffer())).toEqual(PNG);
      expect(resumed.metadata.chat_settings).toEqual({ model: 'large', temperature: 1.5 });

      // The session has its settings back; the panel sent again starts from them.
      const welcome = outputs(again).find((o) => o.startsWith('Welcome back'));
      expect(welcome).toBe(`Welcome back to image; settings {"model":"large","temperature":1.5}`);
      const panels = again.events.filter((e) => e.name === 'chat_settings');
      expect(panels.at(-1)!.data.map((w: any) => [w.id, w.initial])).toEqual([
        ['model', 'large'],
        ['temperature', 1.5],
      ]);
      const first = again.events.filter((e) => e.name === 'first_interaction');
      expect(first.map((e) => e.data)).toEqual([{ interaction: 'resume', thread_id: threadId }]);
      expect(again.names().indexOf('resume_thread')).toBeLessThan(
        again.names().indexOf('first_interaction'),
      );
    });
  });

  describe('the element routes', () => {
    it('GET /project/thread/{id}/element/{id} gives the stored element with its URL', async () => {
      const { image, threadId } = await storedImage();
      const res = await fetch(`${server.url}/project/thread/${threadId}/element/${image.id}`, {
        headers: { cookie: browser },
      });
      expect(res.status).toBe(200);
      const body: any = await res.json();
      expect(body).toMatchObject({
        id: image.id,
        threadId,
        type: 'image',
        name: 'dot.png',
        url: `/project/thread/${threadId}/element/${image.id}/content`,
      });
      expect(body).not.toHaveProperty('content');
      const thread: any = await (
        await fetch(`${server.url}/project/thread/${threadId}`, { headers: { cookie: browser } })
      ).json();
      expect(thread.elements[0].url).toBe(body.url);
    });

    it('answers 404 for an element of another thread, an unknown one, or ids that are not ids', async () => {
      const { image, threadId } = await storedImage();
      const { threadId: otherThread } = await storedImage();
      for (const path of [
        `/project/thread/${otherThread}/element/${image.id}`,
        `/project/thread/${otherThread}/element/${image.id}/content`,
        `/project/thread/${threadId}/element/${crypto.randomUUID()}`,
        `/project/thread/${threadId}/element/nope/content`,
      ]) {
        const res = await fetch(`${server.url}${path}`);
        expect([path, res.status]).toEqual([path, 404]);
        expect(((await res.json()) as any).detail).toMatch(/not found/);
      }
    });

    it('PUT /project/element gives a custom element new props; DELETE removes it', async () => {
      const { client } = await connect();
      let from = client.events.length;
      client.send('custom');
      const shown = (await client.next('element', from)).data;
      expect(shown).toMatchObject({ type: 'custom', name: 'Counter', props: { count: 1 } });
      from = client.events.length;
      const put = await json('PUT', `${server.url}/project/element`, {
        sessionId: client.sessionId,
        element: { ...shown, props: { count: 2 } },
      });
      expect(put).toEqual({ status: 200, body: { success: true } });
      const updated = await client.next('element', from);
      expect(updated.data).toEqual({ ...shown, props: { count: 2 } });
      await server.app.get(ThreadWriteQueue).drain();
      expect((await store.getElement(shown.id))?.props).toEqual({ count: 2 });

      from = client.events.length;
      const del = await json('DELETE', `${server.url}/project/element`, {
        sessionId: client.sessionId,
        element: shown,
      });
      expect(del).toEqual({ status: 200, body: { success: true } });
      expect((await client.next('remove_element', from)).data).toEqual({ id: shown.id });
      await server.app.get(ThreadWriteQueue).drain();
      expect(await store.getElement(shown.id)).toBeUndefined();
    });

    it('answers { success: false } for an element that is not custom, and 404 or 400 for what is wrong', async () => {
      const { client, image } = await storedImage();
      const put = await json('PUT', `${server.url}/project/element`, {
        sessionId: client.sessionId,
        element: { ...image, props: { x: 1 } },
      });
      expect(put).toEqual({ status: 200, body: { success: false } });
      const unknown = await json('PUT', `${server.url}/project/element`, {
        sessionId: client.sessionId,
        element: { id: crypto.randomUUID(), type: 'custom', props: {} },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toContain('is not a custom element shown in this session');
      const noSession = await json('DELETE', `${server.url}/project/element`, {
        sessionId: crypto.randomUUID(),
        element: { id: image.id, type: 'custom' },
      });
      expect(noSession).toEqual({ status: 404, body: { detail: 'Session not found' } });
      const bad = await json('PUT', `${server.url}/project/element`, {
        sessionId: client.sessionId,
        element: { id: image.id, type: 'custom', props: 'many' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toContain('props');
    });
  });

  describe('GET /public/*', () => {
    it("serves the app's public folder with the files' types", async () => {
      const jsx = await fetch(`${server.url}/public/elements/Counter.jsx`);
      expect(jsx.status).toBe(200);
      expect(jsx.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(jsx.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await jsx.text()).toBe('export default function Counter() {}');
      const png = await fetch(`${server.url}/public/logo.png`);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('cache-control')).toBe('public, max-age=300');
      expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
      // HEAD: the same headers, no body.
      const head = await fetch(`${server.url}/public/logo.png`, { method: 'HEAD' });
      expect([
        head.status,
        head.headers.get('content-type'),
        head.headers.get('content-length'),
        head.headers.get('x-content-type-options'),
        await head.text(),
      ]).toEqual([200, 'image/png', String(PNG.length), 'nosniff', '']);
    });

    it('answers 404 for a missing, hidden or escaping path, and for the folder itself', async () => {
      for (const path of [
        '/public/nope.txt',
        '/public/.env',
        '/public/escape.txt',
        '/public/%2e%2e/secret.txt',
        '/public/elements/..%2f..%2fsecret.txt',
        '/public/elements',
      ]) {
        const res = await fetch(`${server.url}${path}`);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const hidden = await fetch(`${server.url}/public/.env`);
      expect(await hidden.json()).toEqual({ detail: 'File not found' });
    });
  });
});

describe.each(HTTP_PLATFORMS)('GET /public/* without the publicDir option, on %s', (platform) => {
  it('serves nothing (404)', async () => {
    const server = await startApp({ providers: [] }, {}, { platform });
    try {
      expect((await fetch(`${server.url}/public/x.txt`)).status).toBe(404);
    } finally {
      await server.close();
    }
  }, 60_000);
});

async function favoritesAfter(client: ChatClient, event: string, payload?: unknown) {
  const from = client.events.length;
  if (payload === undefined) client.socket.emit(event);
  else client.socket.emit(event, payload);
  const answer = await client.waitFor(
    (e) => e.name === 'set_favorites' || e.name === 'exception',
    WAIT_MS,
    from,
  );
  return answer;
}

describe("favorites with storage and login: the user's, across threads, in the store", () => {
  const clients = clientTracker();
  let server: TestApp;
  let store: ChatStore;

  beforeAll(async () => {
    store = await SqlChatStore.open(await createPGliteClient('memory://'));
    server = await startApp(
      { providers: [UiProbe, UiBot] },
      {
        storage: { store },
        favorites: true,
        auth: {
          secret: randomBytes(32).toString('base64url'),
          password: (username, password) =>
            password === `${username}-pw` ? { identifier: username } : null,
        },
      },
    );
  }, 60_000);

  afterEach(() => clients.closeAll());
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  async function login(username: string): Promise<string> {
    const form = new FormData();
    form.append('username', username);
    form.append('password', `${username}-pw`);
    const res = await fetch(`${server.url}/login`, { method: 'POST', body: form });
    return res.headers.get('set-cookie')!.split(';')[0];
  }

  async function connect(cookie: string) {
    const client = await clients.connect(server.url, { extraHeaders: { cookie } });
    await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'Welcome');
    return client;
  }

  it('stars in one thread, lists and unstars from another; another user sees none and cannot star it', async () => {
    const ada = await login('ada');
    const first = await connect(ada);
    first.send('hello');
    const answer = (
      await first.waitFor((e) => e.data?.output === 'echo: hello' && e.name === 'new_message')
    ).data;
    await server.app.get(ThreadWriteQueue).drain();
    const star = { message: { ...answer, metadata: { favorite: true } } };
    const starred = await favoritesAfter(first, 'message_favorite', star);
    expect(starred.data.map((s: any) => s.id)).toEqual([answer.id]);

    // A new chat of the same user: the favorite of the other thread is listed.
    const second = await connect(ada);
    const listed = await favoritesAfter(second, 'fetch_favorites');
    expect(listed.data).toEqual([
      expect.objectContaining({ id: answer.id, threadId: answer.threadId, output: 'echo: hello' }),
    ]);
    const unstar = { message: { ...answer, metadata: { favorite: false } } };
    expect((await favoritesAfter(second, 'message_favorite', unstar)).data).toEqual([]);
    const stored = await store.getStep(answer.id);
    expect([stored?.threadId, stored?.metadata]).toEqual([answer.threadId, { favorite: false }]);

    // Another user: none of ada's, and ada's message cannot be starred from bob's session.
    const bob = await connect(await login('bob'));
    expect((await favoritesAfter(bob, 'fetch_favorites')).data).toEqual([]);
    const refused = await favoritesAfter(bob, 'message_favorite', star);
    expect(refused).toEqual({
      name: 'exception',
      data: {
        status: 'error',
        message: `message_favorite: message ${answer.id} is not a message of this session`,
      },
    });
    expect((await store.getStep(answer.id))?.metadata).toEqual({ favorite: false });
  });
});
