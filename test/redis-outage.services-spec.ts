import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChatClient,
  type ConnectOptions,
  delay,
  type ReceivedEvent,
  WAIT_MS,
} from './utils/chat-client.js';
import {
  dropFor,
  freePort,
  type Instance,
  redisServer,
  type RedisServer,
  redisServerBinary,
  startInstance,
} from './fixtures/cluster-instances.js';

// A Redis of its own, on a port of its own, which it kills and starts again: never the shared one.
const binary = redisServerBinary();
const suite = binary ? describe : describe.skip;
jest.setTimeout(90_000); // hooks start app processes

const UNAVAILABLE = /Redis at \S+ is unavailable/;
const BACK = /Redis at \S+ is back/;

/** The text `stream N MS` answers with. */
const streamed = (count: number) => Array.from({ length: count }, (_, i) => `t${i} `).join('');

/** The assistant's answer among a task's events. */
const answer = (events: ReceivedEvent[]) =>
  events.find((e) => e.name === 'new_message')?.data.output as string | undefined;

/** The message a client saw streamed since `from`: its starts, tokens and final updates. */
function streamOf(client: ChatClient, from: number) {
  const start = client.events.slice(from).find((e) => e.name === 'stream_start');
  const own = client.events.slice(from).filter((e) => e.data?.id === start?.data.id);
  const tokens = own.filter((e) => e.name === 'stream_token').map((e) => e.data.token as string);
  const ends = own.filter((e) => e.name === 'update_message' && e.data.streaming === false);
  return {
    starts: own.filter((e) => e.name === 'stream_start').length,
    ends: ends.length,
    text: (start?.data.output ?? '') + tokens.join(''),
    final: ends[0]?.data.output as string | undefined,
  };
}

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

const clients: ChatClient[] = [];

/** Emits `connection_successful` on every later connect too, as the Chainlit client does. */
async function connect(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
  const client = await ChatClient.connect(url, { transports: ['websocket'], ...options });
  client.socket.on('connect', () => client.socket.emit('connection_successful'));
  clients.push(client);
  await client.next('clear_ask', 0);
  return client;
}

suite('Redis going away and coming back', () => {
  const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
  let dir: string;
  let redis: RedisServer;
  let a: Instance;
  let b: Instance;
  /** Where each instance's output stood when the test began. */
  let marks: Map<Instance, number>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-chat-redis-'));
    redis = redisServer(binary!, await freePort(), dir);
    await redis.start();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix, LOG_LEVELS: 'error,warn,log' };
    [a, b] = await Promise.all([startInstance('a', env), startInstance('b', env)]);
  }, 90_000);

  beforeEach(() => {
    marks = new Map([a, b].map((instance) => [instance, instance.output.length]));
  });

  afterEach(() => {
    clients.splice(0).forEach((client) => client.close());
    // Both instances lived through it, with no promise rejection left unhandled (the app
    // exits on one), and said once that Redis went away and once that it was back.
    for (const instance of [a, b]) {
      expect(instance.output.filter((line) => /Unhandled rejection/.test(line))).toEqual([]);
      expect(instance.exitCode).toBeNull();
    }
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once every instance has printed a line matching `pattern` in this test. */
  const printed = (pattern: RegExp, instances = [a, b]) =>
    Promise.all(instances.map((instance) => instance.printed(pattern, marks.get(instance))));

  /** How many lines matching `pattern` `instance` printed in this test (or ever). */
  const count = (instance: Instance, pattern: RegExp) =>
    instance.output.slice(marks.get(instance)).filter((line) => pattern.test(line)).length;

  it('keeps answering its own clients while Redis is down, and reaches the other instance again once it is back', async () => {
    const first = await connect(a.url);
    expect(answer(await first.ask('hello'))).toBe('a: hello');

    // Redis dies mid-stream: the stream goes on, whole and in order.
    let from = first.events.length;
    first.send('stream 200 10');
    await first.waitFor((e) => e.name === 'stream_token' && e.data.token.includes('t20 '));
    await redis.kill();
    await first.next('task_end', from);
    expect(streamOf(first, from)).toEqual({
      starts: 1,
      ends: 1,
      text: streamed(200),
      final: streamed(200),
    });
    await printed(UNAVAILABLE);

    // The client chats on: its messages are answered, a stream comes whole.
    expect(answer(await first.ask('still there?'))).toBe('a: still there?');
    from = first.events.length;
    await first.ask('stream 100 5');
    expect(streamOf(first, from)).toEqual({
      starts: 1,
      ends: 1,
      text: streamed(100),
      final: streamed(100),
    });

    // An ask is asked, and its answer taken.
    first.socket.once('ask', (_payload: unknown, ack: (answer: unknown) => void) =>
      ack({ id: randomUUID(), output: 'Ada', createdAt: new Date().toISOString() }),
    );
    expect(answer(await first.ask('ask Your name?'))).toBe('a: Hello, Ada');

    // A new client connects and chats; one that drops comes back as a new socket, and chats.
    const second = await connect(a.url);
    expect(answer(await second.ask('new here'))).toBe('a: new here');
    expect(await dropFor(first.socket, 100)).toBe(false);
    expect(answer(await first.ask('back again'))).toBe('a: back again');

    // The instance reaches its own sessions; the other one cannot reach them, and says so.
    expect(await post(`${a.url}/send-to`, { sessionId: first.sessionId, text: 'Local' })).toEqual({
      sent: true,
    });
    await first.waitFor((e) => e.name === 'new_message' && e.data.output === 'Local');
    expect(await post(`${b.url}/send-to`, { sessionId: first.sessionId, text: 'x' })).toEqual({
      sent: false,
    });

    await redis.start(); // empty: it kept nothing
    await printed(BACK);

    // Across instances again: from b to a client on a, and a stream through Redis.
    expect(await post(`${b.url}/send-to`, { sessionId: first.sessionId, text: 'From b' })).toEqual({
      sent: true,
    });
    await first.waitFor((e) => e.name === 'new_message' && e.data.output === 'From b');
    from = first.events.length;
    await first.ask('stream 50 5');
    expect(streamOf(first, from)).toMatchObject({ starts: 1, ends: 1, text: streamed(50) });
    // And a socket that drops for a moment is recovered again.
    expect(await dropFor(first.socket, 100)).toBe(true);
    expect(answer(await first.ask('recovered'))).toBe('a: recovered');

    for (const instance of [a, b]) {
      expect([count(instance, UNAVAILABLE), count(instance, BACK)]).toEqual([1, 1]);
    }
  });

  it('keeps answering its own clients while Redis is down without connection state recovery too', async () => {
    const c = await startInstance('c', {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      LOG_LEVELS: 'error,warn,log',
      RECOVERY_MS: '0',
    });
    try {
      const client = await connect(c.url);
      expect(answer(await client.ask('hello'))).toBe('c: hello');

      await redis.kill();
      await printed(UNAVAILABLE, [c]);
      const from = client.events.length;
      await client.ask('stream 100 5');
      expect(streamOf(client, from)).toEqual({
        starts: 1,
        ends: 1,
        text: streamed(100),
        final: streamed(100),
      });
      const second = await connect(c.url);
      expect(answer(await second.ask('new here'))).toBe('c: new here');

      await redis.start();
      await printed(BACK, [a, b]);
      await c.printed(BACK);
      expect(
        await post(`${b.url}/send-to`, { sessionId: client.sessionId, text: 'From b' }),
      ).toEqual({ sent: true });
      await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'From b');
      expect(c.output.filter((line) => /Unhandled rejection/.test(line))).toEqual([]);
      expect([count(c, UNAVAILABLE), count(c, BACK)]).toEqual([1, 1]);
    } finally {
      await c.stop();
    }
  });

  it('does not recover a socket from a stream that lacks what was sent while Redis was down', async () => {
    const client = await connect(a.url);
    expect(answer(await client.ask('hello'))).toBe('a: hello');

    // The client's connection drops; socket.io keeps its session in Redis, to recover it.
    const gone = new Promise((resolve) => client.socket.once('disconnect', resolve));
    client.socket.io.engine.close();
    await gone;
    const kept = `${prefix}:session:*`;
    for (let waited = 0; ((await redis.command('KEYS', kept)) as string[]).length === 0;) {
      if ((waited += 10) > WAIT_MS) throw new Error('the dropped socket was not kept in Redis');
      await delay(10);
    }
    // Redis saves it (with the stream) and dies; it comes back with what it saved.
    await redis.command('SAVE');
    await redis.kill();
    await printed(UNAVAILABLE);
    // Meanwhile the session is sent a message, which goes out on this instance only.
    expect(
      await post(`${a.url}/send-to`, { sessionId: client.sessionId, text: 'Meanwhile' }),
    ).toEqual({ sent: true });
    await redis.start();
    await printed(BACK);

    // Its socket comes back: recovering it from the stream would skip that message. It is a
    // new socket, brought up to date as without Redis.
    const back = new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
    client.socket.connect();
    await back;
    expect(client.socket.recovered).toBe(false);
    expect(answer(await client.ask('and now?'))).toBe('a: and now?');
    // What goes out now is in the stream: a socket that drops is recovered again.
    expect(await dropFor(client.socket, 100)).toBe(true);
    expect(answer(await client.ask('recovered'))).toBe('a: recovered');
  });

  it('goes on sending while Redis is connected but does not answer', async () => {
    const client = await connect(a.url);
    const from = client.events.length;
    client.send('stream 100 20');
    await client.waitFor((e) => e.name === 'stream_token' && e.data.token.includes('t10 '));

    // Redis stops answering for 20 s (it keeps its connections).
    let awake = false;
    const asleep = redis.command('DEBUG', 'SLEEP', '20').then(() => (awake = true));

    // The stream ends whole, and a new client chats, before Redis answers again.
    await client.waitFor((e) => e.name === 'update_message' && e.data.streaming === false);
    expect(streamOf(client, from)).toEqual({
      starts: 1,
      ends: 1,
      text: streamed(100),
      final: streamed(100),
    });
    const second = await connect(a.url);
    expect(answer(await second.ask('hi'))).toBe('a: hi');
    expect(awake).toBe(false);
    await printed(UNAVAILABLE, [a]);

    await asleep;
    await printed(BACK, [a]);
    expect(answer(await client.ask('awake?'))).toBe('a: awake?');
    expect([count(a, UNAVAILABLE), count(a, BACK)]).toEqual([1, 1]);
  });
});
