import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  ChatClient,
  type ConnectOptions,
  delay,
  type ReceivedEvent,
  waitUntil,
} from './utils/chat-client.js';
import { ANSWER_LOST_MESSAGE } from 'nest-chat';
import pg from 'pg';
import {
  DATABASE_URL,
  dropFor,
  dropRedisKeys,
  freePort,
  type Instance,
  nginxBinary,
  REDIS_URL,
  servicesUp,
  startInstance,
  startNginx,
} from './fixtures/cluster-instances.js';

const up = await servicesUp({ Redis: REDIS_URL });
const suite = up ? describe : describe.skip;
jest.setTimeout(90_000); // hooks start app processes

/** The text `stream N MS` answers with. */
const streamed = (count: number) => Array.from({ length: count }, (_, i) => `t${i} `).join('');

/** The message a client saw streamed: its `stream_start`s, tokens and final `update_message`s. */
function streamOf(client: ChatClient, from = 0) {
  const start = client.events.slice(from).find((e) => e.name === 'stream_start');
  const id: string = start?.data.id;
  const own = client.events.slice(from).filter((e) => e.data?.id === id);
  const starts = own.filter((e) => e.name === 'stream_start');
  const tokens = own.filter((e) => e.name === 'stream_token').map((e) => e.data.token as string);
  const ends = own.filter((e) => e.name === 'update_message' && e.data.streaming === false);
  return {
    id,
    starts: starts.length,
    ends: ends.length,
    text: (starts[0]?.data.output ?? '') + tokens.join(''),
    final: ends[0]?.data.output as string | undefined,
  };
}

async function post(url: string, body: unknown, cookie?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

/** Emits `connection_successful` on every later connect too, as the Chainlit client does. */
async function connect(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
  const client = await ChatClient.connect(url, { transports: ['websocket'], ...options });
  client.socket.on('connect', () => client.socket.emit('connection_successful'));
  clients.push(client);
  return client;
}
const clients: ChatClient[] = [];

suite('several instances on Redis', () => {
  const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startInstance('a', { REDIS_PREFIX: prefix }),
      startInstance('b', { REDIS_PREFIX: prefix }),
    ]);
  }, 90_000);

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropRedisKeys(prefix);
  });

  it('sends from a controller on one instance to a client connected to another', async () => {
    const threadId = randomUUID();
    const onA = await connect(a.url, { threadId });
    await onA.next('clear_ask', 0);

    expect(await post(`${b.url}/send-to`, { sessionId: onA.sessionId, text: 'From b' })).toEqual({
      sent: true,
    });
    const message = await onA.waitFor((e) => e.name === 'new_message');
    expect(message.data).toMatchObject({
      output: 'From b',
      type: 'assistant_message',
      threadId,
    });

    expect(await post(`${a.url}/send-to`, { sessionId: onA.sessionId, text: 'From a' })).toEqual({
      sent: true,
    });
    await onA.waitFor((e) => e.name === 'new_message' && e.data.output === 'From a');
  });

  it('answers false for a session no instance has', async () => {
    expect(await post(`${a.url}/send-to`, { sessionId: randomUUID(), text: 'x' })).toEqual({
      sent: false,
    });
  });

  it('sends to every session of a thread, on every instance', async () => {
    const threadId = randomUUID();
    const onA = await connect(a.url, { threadId });
    const onB = await connect(b.url, { threadId });
    await Promise.all([onA.next('clear_ask', 0), onB.next('clear_ask', 0)]);

    expect(await post(`${b.url}/send-to-thread`, { threadId, text: 'To all' })).toEqual({
      sessions: 2,
    });
    for (const client of [onA, onB]) {
      const message = await client.waitFor((e) => e.name === 'new_message');
      expect(message.data.output).toBe('To all');
      expect(client.events.filter((e) => e.name === 'new_message')).toHaveLength(1);
    }
    expect(await post(`${a.url}/send-to-thread`, { threadId: randomUUID(), text: 'x' })).toEqual({
      sessions: 0,
    });
  });

  it.each(['websocket', 'polling'] as const)(
    'sends every token once and in order to a socket (%s) dropped for 2 s mid-stream',
    async (transport) => {
      const client = await connect(a.url, { transports: [transport] });
      await client.next('clear_ask', 0);
      const from = client.events.length;
      client.send('stream 200 20'); // 4 s of tokens
      await client.waitFor((e) => e.name === 'stream_token' && e.data.token.includes('t20 '));

      await dropFor(client.socket, 2000);
      const backAt = client.events.length;
      expect(client.socket.recovered).toBe(true);

      await client.waitFor(
        (e) => e.name === 'update_message' && e.data.streaming === false,
        10_000,
        from,
      );
      await client.next('task_end', from);
      const stream = streamOf(client, from);
      expect(stream).toMatchObject({ starts: 1, ends: 1, text: streamed(200) });
      expect(stream.final).toBe(streamed(200));
      // What it missed came at once on its return: about 100 tokens (2 s at one per 20 ms).
      const missed = client.events
        .slice(backAt, backAt + 150)
        .filter((e: ReceivedEvent) => e.name === 'stream_token');
      expect(missed.length).toBeGreaterThan(50);
      // Nothing sent twice: no second idle/busy state, no stream sent again.
      expect(client.names(from).filter((name) => name === 'task_start')).toHaveLength(1);
      expect(client.names(from).filter((name) => name === 'task_end')).toHaveLength(1);
    },
  );

  it('asks a pending ask again on a recovered socket, and takes the answer', async () => {
    const client = await connect(a.url);
    await client.next('clear_ask', 0);
    const asks: ((answer: unknown) => void)[] = [];
    // An ask that socket.io sends again on recovery comes without its acknowledgement (its last
    // argument is the stream offset); the one nest-chat asks again has one.
    client.socket.on('ask', (_payload: unknown, ack: unknown) => {
      if (typeof ack === 'function') asks.push(ack as (answer: unknown) => void);
    });
    const from = client.events.length;
    client.send('ask Your name?');
    const first = client.events.indexOf(await client.next('ask', from));

    await dropFor(client.socket, 1000);
    expect(client.socket.recovered).toBe(true);
    const again = client.events.indexOf(await client.next('ask', first + 1));
    await waitUntil(() => asks.length >= 2, 'the second ask');
    expect(asks).toHaveLength(2);
    // Asked again, and not cleared after: the client still shows it.
    expect(client.names(again)).not.toContain('clear_ask');
    asks[1]({ id: randomUUID(), output: 'Ada', createdAt: new Date().toISOString() });
    const reply = await client.waitFor((e) => e.name === 'new_message', undefined, again);
    expect(reply.data.output).toBe('a: Hello, Ada');
  });
});

suite('two instances behind nginx (docs/scaling.md)', () => {
  const binary = up ? nginxBinary() : undefined;
  const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
  let instances: Instance[] = [];
  let nginx: { url: string; stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    if (!binary) return;
    instances = await Promise.all(
      ['a', 'b'].map((name) => startInstance(name, { REDIS_PREFIX: prefix })),
    );
    nginx = await startNginx(
      binary,
      await freePort(),
      instances.map((instance) => instance.port),
    );
  }, 90_000);

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    if (binary) await dropRedisKeys(prefix);
  });

  /** A session id and its affinity cookie, set through nginx; which instance it lands on. */
  async function session(): Promise<{ sessionId: string; cookie: string; instance: string }> {
    const sessionId = randomUUID();
    const response = await fetch(`${nginx!.url}/set-session-cookie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: sessionId }),
    });
    // The affinity cookie (an identity cookie may come with it).
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('nest-chat-session='))!
      .split(';')[0];
    const where = await fetch(`${nginx!.url}/instance`, { headers: { cookie } });
    return { sessionId, cookie, instance: ((await where.json()) as { instance: string }).instance };
  }

  (binary ? it : it.skip)(
    'keeps a polling client on one instance by its session cookie, for sessions on both',
    async () => {
      const seen = new Map<string, Awaited<ReturnType<typeof session>>>();
      for (let i = 0; i < 40 && seen.size < 2; i++) {
        const s = await session();
        if (!seen.has(s.instance)) seen.set(s.instance, s);
      }
      expect([...seen.keys()].sort()).toEqual(['a', 'b']);

      for (const [instance, { sessionId, cookie }] of seen) {
        const client = await connect(nginx!.url, {
          sessionId,
          transports: ['polling'],
          extraHeaders: { cookie },
        });
        expect(client.socket.io.engine.transport.name).toBe('polling');
        const events = await client.ask('stream 60 5');
        expect(streamOf({ events } as ChatClient).text).toBe(streamed(60));
        const echo = await client.ask('hello');
        expect(echo.find((e) => e.name === 'new_message')?.data.output).toBe(`${instance}: hello`);
        const other = instances.find((i) => i.name !== instance)!;
        expect(await post(`${other.url}/send-to`, { sessionId, text: 'Across' })).toEqual({
          sent: true,
        });
        await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'Across');
      }
    },
  );

  (binary ? it : it.skip)('carries a websocket client (upgrade) through nginx', async () => {
    const { sessionId, cookie, instance } = await session();
    const client = await connect(nginx!.url, {
      sessionId,
      transports: ['polling', 'websocket'],
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve) =>
      client.socket.io.engine.transport.name === 'websocket'
        ? resolve()
        : client.socket.io.engine.once('upgrade', () => resolve()),
    );
    const events = await client.ask('hello');
    expect(events.find((e) => e.name === 'new_message')?.data.output).toBe(`${instance}: hello`);
  });
});

const postgresUp = up && (await servicesUp({ PostgreSQL: DATABASE_URL }));

/** Resolves once PostgreSQL holds the user message `text` of a thread marked busy. */
async function storedBusy(schema: string, threadId: string, text: string): Promise<void> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const stored = async () =>
      (
        await db.query(
          `SELECT 1 FROM "${schema}".chat_threads t JOIN "${schema}".chat_steps s ON s.thread_id = t.id
           WHERE t.id = $1 AND t.metadata->>'busy' = 'true' AND s.type = 'user_message' AND s.output = $2`,
          [threadId, text],
        )
      ).rowCount! > 0;
    for (const deadline = Date.now() + 20_000; !(await stored()); await delay(20)) {
      if (Date.now() > deadline) throw new Error(`thread ${threadId} was not stored busy in 20 s`);
    }
  } finally {
    await db.end();
  }
}

(postgresUp ? describe : describe.skip)(
  'an instance killed mid-answer, history in PostgreSQL',
  () => {
    const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
    const schema = `nest_chat_test_${randomUUID().slice(0, 8)}`;
    let a: Instance;
    let b: Instance;

    beforeAll(async () => {
      const env = {
        REDIS_PREFIX: prefix,
        STORAGE: 'postgres',
        STORAGE_SCHEMA: schema,
        DATABASE_URL,
      };
      [a, b] = await Promise.all([startInstance('a', env), startInstance('b', env)]);
    }, 90_000);

    afterEach(() => clients.splice(0).forEach((client) => client.close()));

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await dropRedisKeys(prefix);
      const db = new pg.Client({ connectionString: DATABASE_URL });
      await db.connect();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.end();
    });

    it('resumes the thread on another instance with every completed message, and says the answer was lost', async () => {
      const client = await connect(a.url);
      await client.next('clear_ask', 0);
      const hello = await client.ask('hello');
      expect(hello.find((e) => e.name === 'new_message')?.data.output).toBe('a: hello');
      const threadId: string = (await client.next('first_interaction', 0)).data.thread_id;
      client.send('stream 300 20');
      await client.waitFor((e) => e.name === 'stream_token' && e.data.token.includes('t10 '));
      // What a kill must not lose is stored: the user message, and the thread marked busy.
      await storedBusy(schema, threadId, 'stream 300 20');

      await a.kill(); // kill -9: nothing runs on the way out
      if (client.socket.connected) {
        await new Promise((resolve) => client.socket.once('disconnect', resolve));
      }

      // The client reconnects (through the load balancer, to an instance that lives) and reopens
      // its thread, as the Chainlit client does.
      const again = await connect(b.url, { sessionId: client.sessionId, threadId });
      const resumed = await again.next('resume_thread', 0, 10_000);
      expect(resumed.data.id).toBe(threadId);
      expect(
        resumed.data.steps
          .filter((step: { parentId?: string }) => !step.parentId)
          .map((step: { type: string; output: string }) => [step.type, step.output]),
      ).toEqual([
        ['user_message', 'hello'],
        ['assistant_message', 'a: hello'],
        ['user_message', 'stream 300 20'],
      ]);
      expect(resumed.data.steps.some((step: { streaming?: boolean }) => step.streaming)).toBe(
        false,
      );
      const lost = await again.waitFor(
        (e) => e.name === 'new_message' && e.data.type === 'system_message',
      );
      expect(lost.data.output).toBe(ANSWER_LOST_MESSAGE);

      const reply = await again.ask('still there?');
      expect(reply.find((e) => e.name === 'new_message')?.data.output).toBe('b: still there?');
    });
  },
);
