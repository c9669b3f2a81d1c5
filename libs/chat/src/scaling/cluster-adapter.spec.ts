import { createServer, type Server as HttpServer } from 'node:http';
import { ClusterAdapter, type ClusterMessage, type ClusterResponse } from 'socket.io-adapter';
import { type Namespace, Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { clusterAdapter, PUBLISH_WAIT_MS, type RedisState } from './cluster-adapter.js';

/** A publish handed to "Redis", answered (or failed) when the test says. */
interface Publish {
  message: ClusterMessage;
  answer(offset: string): void;
  fail(error?: Error): void;
}

/** A cluster adapter whose Redis is the test: each publish waits for the test to answer it. */
class TestAdapter extends ClusterAdapter {
  static publishes: Publish[] = [];
  static create(nsp: Namespace): TestAdapter {
    return new TestAdapter(nsp);
  }
  protected doPublish(message: ClusterMessage): Promise<string> {
    return new Promise((resolve, reject) =>
      TestAdapter.publishes.push({
        message,
        answer: resolve,
        fail: (error = new Error('The client is offline')) => reject(error),
      }),
    );
  }
  protected doPublishResponse(_uid: string, _response: ClusterResponse): Promise<void> {
    return Promise.resolve();
  }
}

/** What the adapter is told of Redis, set by the test. */
class State implements RedisState {
  up = true;
  stalls = 0;
  answers = 0;
  stall(): void {
    this.stalls++;
    this.up = false;
  }
  answered(): void {
    this.answers++;
    this.up = true;
  }
}

describe('clusterAdapter', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket;
  let state: State;
  /** What the client received: each number, with the offset it came with (if any). */
  let received: { n: number; offset?: string }[];
  let onReceived: (() => void) | undefined;

  async function start(recovery = true) {
    TestAdapter.publishes = [];
    state = new State();
    http = createServer();
    io = new Server(http, {
      adapter: clusterAdapter(TestAdapter.create, state),
      connectionStateRecovery: recovery ? { maxDisconnectionDuration: 10_000 } : undefined,
    });
    io.on('connection', (socket) => void socket.join('numbers'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    received = [];
    client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
    client.on('n', (n: number, offset?: string) => {
      received.push({ n, offset });
      onReceived?.();
    });
    // The server joins it to the room before its CONNECT packet goes out.
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  }

  afterEach(async () => {
    client?.close();
    await io?.close();
  });

  const emit = (n: number) => io.to('numbers').emit('n', n);
  /** Resolves once the client has received `count` numbers. */
  const receivedCount = (count: number) =>
    new Promise<void>((resolve) => {
      onReceived = () => void (received.length >= count && resolve());
      onReceived();
    });
  const numbers = () => received.map(({ n }) => n);

  it('sends a broadcast once Redis gives it its offset, with the offset, in the order made', async () => {
    await start();
    emit(1);
    emit(2);
    expect(TestAdapter.publishes).toHaveLength(2);
    TestAdapter.publishes[0].answer('1-0');
    TestAdapter.publishes[1].answer('1-1');
    await receivedCount(2);
    expect(received).toEqual([
      { n: 1, offset: '1-0' },
      { n: 2, offset: '1-1' },
    ]);
  });

  it('sends at once, without writing to Redis, while Redis is away', async () => {
    await start();
    state.up = false;
    emit(1);
    emit(2);
    await receivedCount(2);
    expect(received).toEqual([{ n: 1 }, { n: 2 }]);
    expect(TestAdapter.publishes).toHaveLength(0);
  });

  it('keeps the order when Redis goes away with broadcasts waiting for it', async () => {
    await start();
    emit(1);
    emit(2);
    emit(3);
    state.up = false;
    emit(4); // made while Redis is away: after those still waiting
    TestAdapter.publishes[1].fail(new Error('The queue is full')); // fails first, goes second
    TestAdapter.publishes[0].fail();
    TestAdapter.publishes[2].fail();
    await receivedCount(4);
    expect(numbers()).toEqual([1, 2, 3, 4]);
    expect(received.every(({ offset }) => offset === undefined)).toBe(true);
  });

  it(`sends what waited ${PUBLISH_WAIT_MS} ms for Redis, and says Redis does not answer`, async () => {
    await start();
    emit(1);
    emit(2);
    TestAdapter.publishes[1].answer('1-1'); // answered, but behind one that is not
    await receivedCount(2);
    expect(received).toEqual([{ n: 1 }, { n: 2, offset: '1-1' }]);
    expect(state.stalls).toBe(1);
    // Sent meanwhile: at once.
    emit(3);
    await receivedCount(3);
    // The late answer sends nothing again, and says Redis answers.
    TestAdapter.publishes[0].answer('1-0');
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.up).toBe(true);
    emit(4);
    TestAdapter.publishes[2].answer('1-2');
    await receivedCount(4);
    expect(numbers()).toEqual([1, 2, 3, 4]);
  });

  it('waits its turn behind a Redis that answers slowly, but answers', async () => {
    await start();
    emit(1);
    emit(2);
    emit(3);
    // Each answer comes well within PUBLISH_WAIT_MS of the one before, the last well after the
    // broadcast was made.
    const step = PUBLISH_WAIT_MS * 0.4;
    for (const [i, publish] of TestAdapter.publishes.entries()) {
      await new Promise((resolve) => setTimeout(resolve, step));
      publish.answer(`1-${i}`);
    }
    await receivedCount(3);
    expect(received).toEqual([
      { n: 1, offset: '1-0' },
      { n: 2, offset: '1-1' },
      { n: 3, offset: '1-2' },
    ]);
    expect(state.stalls).toBe(0);
  });

  it('sends at once, then writes to Redis, without connection state recovery', async () => {
    await start(false);
    emit(1);
    await receivedCount(1);
    expect(received).toEqual([{ n: 1 }]);
    expect(TestAdapter.publishes).toHaveLength(1);
    state.up = false;
    emit(2);
    await receivedCount(2);
    expect(TestAdapter.publishes).toHaveLength(1);
  });

  it('recovers no socket from before a broadcast that is not in the stream', async () => {
    await start();
    const adapter = io.of('/').adapter;
    const restore = (offset: string) =>
      adapter.restoreSession('a-pid', offset).then(
        () => 'asked Redis',
        (error: Error) => error.message,
      );
    expect(await restore('1-0')).toBe('asked Redis');

    state.up = false;
    expect(await restore('1-0')).toBe('packets went out that are not in the stream');
    emit(1); // goes out without an offset: not in the stream
    await receivedCount(1);
    state.up = true;
    expect(await restore('1-0')).toBe('packets went out that are not in the stream');

    emit(2);
    TestAdapter.publishes.at(-1)!.answer('5-0');
    await receivedCount(2);
    // Those that received it (or later) may be recovered again; those from before may not.
    expect(await restore('4-9')).toBe('packets went out that are not in the stream');
    expect(await restore('5-0')).toBe('asked Redis');
    expect(await restore('5-1')).toBe('asked Redis');
  });
});
