import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import {
  AsyncifyClosedError,
  AsyncifyQueueFullError,
  AsyncifyService,
  ChatModule,
  type ChatModuleOptions,
} from 'nest-chat';
import { ChatClient, delay, waitUntil, WAIT_MS } from './utils/chat-client.js';
import { latch, spinUntilReleased } from './utils/latch.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { Probe } from './fixtures/echo.bot.js';
import { AsyncifyBot } from './fixtures/asyncify.bot.js';

/** Busy for `ms` milliseconds: sync, CPU-bound, self-contained. */
const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return ms;
};

/** Takes a function: what a worker cannot be given. */
const apply = (f: (n: number) => number, n: number) => f(n);

const TASKS = new URL('./fixtures/cpu-tasks.js', import.meta.url);

async function service(options: ChatModuleOptions['asyncify'] = {}) {
  const moduleRef = await Test.createTestingModule({
    imports: [ChatModule.forRoot({ asyncify: options })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, asyncify: app.get(AsyncifyService) };
}

describe('AsyncifyService on real worker threads', () => {
  let app: INestApplication;
  let asyncify: AsyncifyService;

  beforeAll(async () => {
    ({ app, asyncify } = await service({ maxThreads: 2 }));
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it('runs a self-contained function on a worker and returns its result', async () => {
    const sum = await asyncify.run(
      (items: number[], scale: number) => items.reduce((a, b) => a + b, 0) * scale,
      [1, 2, 3],
      10,
    );
    expect(sum).toBe(60);
    const workerThreadId = await asyncify.run(
      async () => (await import('node:worker_threads')).threadId,
    );
    expect(workerThreadId).toBeGreaterThan(0); // 0 is the main thread
  });

  it('clones arguments: a worker changing one leaves the caller’s untouched', async () => {
    const input = { list: [1, 2] };
    const out = await asyncify.run((value: { list: number[] }) => {
      value.list.push(3);
      return value;
    }, input);
    expect(out).toEqual({ list: [1, 2, 3] });
    expect(input).toEqual({ list: [1, 2] });
  });

  it('wraps a function into an async one with the same parameters', async () => {
    const slugify = asyncify.wrap((title: string, separator: string) =>
      title.toLowerCase().split(/\s+/).join(separator),
    );
    await expect(slugify('Hello Big World', '-')).resolves.toBe('hello-big-world');
    await expect(slugify('A B', '_')).resolves.toBe('a_b');
  });

  it('calls an exported function of a module file, imports and all', async () => {
    const { createHash } = await import('node:crypto');
    let expected = 'abc';
    for (let i = 0; i < 3; i++) expected = createHash('sha256').update(expected).digest('hex');
    await expect(asyncify.runFile(TASKS, 'hashChain', 'abc', 3)).resolves.toBe(expected);
  });

  it('says which name a function took from its enclosing scope, and points to runFile', async () => {
    const model = { vocabulary: ['a'] };
    const tokenize = (text: string) => text.split(' ').filter((t) => model.vocabulary.includes(t));
    await expect(asyncify.run(tokenize, 'a b')).rejects.toThrow(
      'AsyncifyService.run: the function "tokenize" uses "model" from its enclosing scope, which a worker thread cannot see. Pass data as an argument; for a module or a function, export the function from a module file that imports what it needs and call runFile(new URL(\'./file.js\', import.meta.url), \'tokenize\', ...args).',
    );
  });

  it('refuses at compile time an argument that is a function (it cannot be cloned)', async () => {
    // @ts-expect-error a function cannot be sent to a worker thread
    const refused = asyncify.run(apply, (n: number) => n + 1, 1);
    await expect(refused).rejects.toThrow(/could not be cloned/);
  });

  it('throws an error of the worker with its name, message and the worker’s stack', async () => {
    const error = await asyncify.runFile(TASKS, 'explode', 'too far').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('RangeError');
    expect((error as Error).message).toBe('too far');
    expect((error as Error).stack).toMatch(/at explode \(.*cpu-tasks\.js:\d+:\d+\)/);
  });

  it('moves a transferable to the worker instead of copying it', async () => {
    const buffer = new Float64Array([1.5, 2.5, 3]).buffer;
    const sum = await asyncify
      .with({ transfer: [buffer] })
      .run((data: ArrayBuffer) => new Float64Array(data).reduce((a, b) => a + b, 0), buffer);
    expect(sum).toBe(7);
    expect(buffer.byteLength).toBe(0); // detached: it moved
  });

  it('aborts a task that is busy-looping on a worker, and the next call succeeds', async () => {
    const controller = new AbortController();
    const gate = latch();
    // Never released: only ending its thread can end this task.
    const running = asyncify.with({ signal: controller.signal }).run(spinUntilReleased, gate.cells);
    await gate.started();
    controller.abort();
    const error = await running.catch((e: Error) => e);
    expect((error as Error).name).toBe('AbortError');
    await expect(asyncify.run((a: number, b: number) => a * b, 6, 7)).resolves.toBe(42);
  });

  it('streams what a generator yields on the worker, in order, then ends', async () => {
    const tokens: string[] = [];
    for await (const token of asyncify.stream(function* (n: number) {
      for (let i = 0; i < n; i++) yield `t${i}`;
    }, 500)) {
      tokens.push(token);
    }
    expect(tokens).toEqual(Array.from({ length: 500 }, (_, i) => `t${i}`));
    const fromFile: string[] = [];
    for await (const token of asyncify.streamFile<string>(TASKS, 'tokenize', 'one two three')) {
      fromFile.push(token);
    }
    expect(fromFile).toEqual(['one ', 'two ', 'three']);
  });

  it('keeps the main loop free while both workers spin: a timer fires before they end', async () => {
    const gate = latch();
    const order: string[] = [];
    const spinning = [1, 2].map((n) =>
      asyncify.run(spinUntilReleased, gate.cells).then(() => order.push(`worker ${n} ended`)),
    );
    await gate.started(2);
    // Both threads are busy, and stay busy until released: a timer of the main loop still fires.
    await delay(20);
    order.push('timer fired');
    gate.release();
    await Promise.all(spinning);
    expect(order[0]).toBe('timer fired');
    expect(order.slice(1).sort()).toEqual(['worker 1 ended', 'worker 2 ended']);
  });

  it('refuses a function that has no source to send', async () => {
    await expect(async () => asyncify.run(Math.max, 1, 2)).rejects.toThrow(
      'AsyncifyService.run: the function "max" is native or bound and has no source to send to a worker; pass a plain function or use runFile()',
    );
  });

  it('refuses a relative module path with a hint', () => {
    expect(() => asyncify.runFile('./cpu-tasks.js', 'hashChain')).toThrow(
      `AsyncifyService.runFile: "./cpu-tasks.js" is relative; pass new URL('./file.js', import.meta.url) or an absolute path`,
    );
  });
});

describe('AsyncifyService limits and lifecycle', () => {
  it('refuses a call beyond maxQueue with a clear error', async () => {
    const { app, asyncify } = await service({ minThreads: 1, maxThreads: 1, maxQueue: 1 });
    const gate = latch();
    const first = asyncify.run(spinUntilReleased, gate.cells);
    await gate.started(); // the only thread is busy
    const queued = asyncify.run(spin, 1);
    const refused = asyncify.run(spin, 1);
    await expect(refused).rejects.toBeInstanceOf(AsyncifyQueueFullError);
    await expect(refused).rejects.toThrow(
      'AsyncifyService.run: 1 calls are already waiting for a worker thread (asyncify.maxQueue); try again later or raise the limit',
    );
    gate.release();
    await expect(Promise.all([first, queued])).resolves.toEqual(['released', 1]);
    await app.close();
  });

  it('rejects running and queued calls with a clear error when the app shuts down', async () => {
    const { app, asyncify } = await service({ minThreads: 1, maxThreads: 1 });
    const gate = latch();
    // Never released: it ends only with the pool.
    const running = asyncify.run(spinUntilReleased, gate.cells).catch((e: Error) => e);
    const queued = asyncify.run(spin, 1).catch((e: Error) => e);
    await gate.started();
    await app.close();
    expect(await running).toBeInstanceOf(AsyncifyClosedError);
    expect(await queued).toHaveProperty(
      'message',
      'AsyncifyService.run: the worker pool is closed (the application is shutting down)',
    );
    await expect(asyncify.run(() => 1)).rejects.toBeInstanceOf(AsyncifyClosedError);
  });

  it('checks its options at bootstrap, naming the wrong one', async () => {
    await expect(service({ minThreads: 0 })).rejects.toThrow(
      'ChatModule: option "asyncify.minThreads" must be an integer >= 1, got 0',
    );
    await expect(service({ minThreads: 3, maxThreads: 2 })).rejects.toThrow(
      'ChatModule: option "asyncify.maxThreads" (2) must be at least asyncify.minThreads (3)',
    );
  });
});

describe('AsyncifyService in a chat', () => {
  let server: TestApp;
  let probe: Probe;

  beforeEach(async () => {
    server = await startApp({ providers: [Probe, AsyncifyBot] }, { asyncify: { maxThreads: 2 } });
    probe = server.app.get(Probe);
  }, 60_000);

  afterEach(async () => {
    await server.close();
  });

  it('streams tokens made on a worker to the socket.io client, in order', async () => {
    const client = await ChatClient.connect(server.url);
    const events = await client.ask('count 300');
    const start = events.find((e) => e.name === 'stream_start')!;
    // What the client appends, event after event, is every token in order.
    const received = [
      start.data.output,
      ...events.filter((e) => e.name === 'stream_token').map((e) => e.data.token),
    ].join('');
    const expected = Array.from({ length: 300 }, (_, i) => `tok${i} `).join('');
    expect(received).toBe(expected);
    expect(events.at(-2)).toMatchObject({
      name: 'update_message',
      data: { output: expected, streaming: false },
    });
    client.close();
  });

  it('ends the worker task when the user presses Stop, and serves the next call', async () => {
    const client = await ChatClient.connect(server.url);
    const from = client.events.length;
    client.send('spin');
    await client.next('task_start', from);
    await waitUntil(() => probe.calls.includes('spin running'), 'the spin to run on a worker');
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    await waitUntil(() => probe.calls.some((c) => c.startsWith('spin ended')), 'the spin to end');
    expect(probe.calls.filter((c) => c.startsWith('spin'))).toEqual([
      'spin running',
      'spin ended: AbortError',
    ]);
    expect(client.events.slice(stopAt).some((e) => e.data?.isError)).toBe(false);
    const next = await client.ask('add 40');
    expect(next[1].data.output).toBe('42');
    client.close();
  });

  it('shows a worker pipeline’s steps, LangChain run and streamed answer in the chat that started it', async () => {
    const client = await ChatClient.connect(server.url);
    const from = client.events.length;
    const root = crypto.randomUUID();
    client.send('pipeline', { id: root });
    const start = await client.next('task_start', from);
    await client.next('task_end', client.events.indexOf(start));
    const events = client.events.slice(from);
    const items = new Map<string, any>();
    for (const e of events) {
      if (['new_message', 'stream_start', 'update_message'].includes(e.name)) {
        items.set(e.data.id, { ...items.get(e.data.id), ...e.data });
      }
    }
    const all = [...items.values()];
    const byName = (name: string) => all.find((s) => s.name === name);
    expect(byName('Tokenize')).toMatchObject({
      type: 'tool',
      parentId: root,
      input: 'how many words here',
      output: '["how","many","words","here"]',
    });
    expect(byName('Answer')).toMatchObject({ type: 'run', parentId: root });
    expect(byName('Shout')).toMatchObject({
      parentId: byName('Answer').id,
      output: 'HOW MANY WORDS HERE',
    });
    const llm = byName('FakeStreamingChatModel');
    expect(llm).toMatchObject({
      type: 'llm',
      parentId: byName('Answer').id,
      input: 'human: HOW MANY WORDS HERE',
      output: 'You asked 4 words.',
      streaming: false,
    });
    // The model's tokens streamed into its step and into the answer while the worker ran.
    const answer = all.find((s) => s.type === 'assistant_message' && s.output.startsWith('You'));
    expect(answer).toMatchObject({ output: 'You asked 4 words.', streaming: false });
    for (const id of [llm.id, answer.id]) {
      expect(
        events.filter((e) => e.name === 'stream_token' && e.data.id === id).length,
      ).toBeGreaterThan(5);
    }
    const done = all.find((s) => s.output === 'done: 4');
    expect(done).toBeDefined();
    // The answer ended before the handler's reply came.
    const answerEnd = events.findIndex(
      (e) => e.name === 'update_message' && e.data.id === answer.id && !e.data.streaming,
    );
    expect(answerEnd).toBeLessThan(events.findIndex((e) => e.data?.id === done.id));
    client.close();
  });

  it('ends a worker pipeline when the user presses Stop: its open stream ends, the next call is served', async () => {
    const client = await ChatClient.connect(server.url);
    const from = client.events.length;
    client.send('busy');
    const started = await client.waitFor(
      (e) => e.name === 'stream_start' && e.data.output === 'working',
      WAIT_MS,
      from,
    );
    await client.waitFor(
      (e) => e.name === 'stream_token' && e.data.token.includes('…'),
      WAIT_MS,
      from,
    );
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    await waitUntil(() => probe.calls.includes('busy ended: AbortError'), 'the pipeline to end');
    await client.waitFor(
      (e) =>
        e.name === 'update_message' &&
        e.data.id === started.data.id &&
        e.data.streaming === false &&
        e.data.output === 'working…',
      WAIT_MS,
      stopAt,
    );
    expect(client.events.slice(stopAt).some((e) => e.data?.isError)).toBe(false);
    const next = await client.ask('add 40');
    expect(next[1].data.output).toBe('42');
    client.close();
  });
});
