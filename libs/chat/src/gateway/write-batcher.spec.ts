import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { TCP_SOCKET, WriteBatcher } from './write-batcher.js';

/** The TCP socket under a websocket connection (ws's), its writes counted. */
function countWrites(socket: Socket): { writes: number } {
  const ws = (socket.conn.transport as unknown as { socket: Record<string, TcpWrites> }).socket;
  const tcp = ws[TCP_SOCKET];
  const count = { writes: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = tcp[method].bind(tcp);
    tcp[method] = (...args: unknown[]) => {
      count.writes++;
      return original(...args);
    };
  }
  return count;
}

interface TcpWrites {
  _write: (...args: unknown[]) => unknown;
  _writev: (...args: unknown[]) => unknown;
}

/** Sends four events: two at once, one a microtask later, one in a promise chain after that. */
function sendFour(socket: Socket): void {
  socket.emit('first', 1);
  socket.emit('second', { n: 2 });
  queueMicrotask(() => socket.emit('third', 'three'));
  void Promise.resolve()
    .then(() => undefined)
    .then(() => socket.emit('fourth', [4]));
}

const FOUR = [
  ['first', 1],
  ['second', { n: 2 }],
  ['third', 'three'],
  ['fourth', [4]],
];

describe('WriteBatcher', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket | undefined;
  let batcher: WriteBatcher;

  beforeEach(async () => {
    batcher = new WriteBatcher();
    http = createServer();
    io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await io.close();
  });

  /** A client on `transports`, and its socket on the server. */
  async function connected(transports: string[]): Promise<Socket> {
    const serverSide = new Promise<Socket>((resolve) => io.once('connection', resolve));
    client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports,
      forceNew: true,
    });
    return serverSide;
  }

  /** The next `count` events the client receives, with their payloads. */
  function received(count: number): Promise<[string, unknown][]> {
    const events: [string, unknown][] = [];
    return new Promise((resolve) => {
      client!.onAny((event: string, payload: unknown) => {
        events.push([event, payload]);
        if (events.length === count) resolve(events);
      });
    });
  }

  it('writes what a websocket connection is sent within one turn in one TCP write, in order', async () => {
    const socket = await connected(['websocket']);
    expect(batcher.attach(socket.conn)).toBe(true);
    const tcp = countWrites(socket);
    const events = received(4);
    batcher.hold(socket.conn);
    sendFour(socket);
    expect(await events).toEqual(FOUR);
    expect(tcp.writes).toBe(1);
  });

  it('writes the packets as they come when nothing holds the connection', async () => {
    const socket = await connected(['websocket']);
    batcher.attach(socket.conn);
    const tcp = countWrites(socket);
    const events = received(4);
    sendFour(socket);
    expect(await events).toEqual(FOUR);
    expect(tcp.writes).toBeGreaterThan(1);
  });

  it('still delivers every event, in order, when the TCP socket cannot be reached', async () => {
    const socket = await connected(['websocket']);
    batcher.attach(socket.conn);
    const tcp = countWrites(socket);
    // The websocket library's internals changed shape: no TCP socket to cork.
    const ws = (socket.conn.transport as unknown as { socket: Record<string, unknown> }).socket;
    const original = ws[TCP_SOCKET];
    ws[TCP_SOCKET] = {};
    const events = received(4);
    batcher.hold(socket.conn);
    sendFour(socket);
    expect(await events).toEqual(FOUR);
    ws[TCP_SOCKET] = original;
    // One batch, each packet its own write.
    expect(tcp.writes).toBeGreaterThan(1);
  });

  it('leaves a connection of another transport alone (HTTP long-polling)', async () => {
    const socket = await connected(['polling']);
    batcher.attach(socket.conn);
    const events = received(4);
    const writable = socket.conn.transport.writable;
    batcher.hold(socket.conn);
    expect(socket.conn.transport.writable).toBe(writable);
    sendFour(socket);
    expect(await events).toEqual(FOUR);
  });

  it('declines a connection without the engine.io internals it relies on', async () => {
    const socket = await connected(['websocket']);
    const shapeless = Object.create(socket.conn, { flush: { value: undefined } }) as Socket['conn'];
    expect(batcher.attach(shapeless)).toBe(false);
  });

  it('lets a held connection close: its queued packets go out first', async () => {
    const socket = await connected(['websocket']);
    batcher.attach(socket.conn);
    const events = received(1);
    const closed = new Promise((resolve) => client!.once('disconnect', resolve));
    batcher.hold(socket.conn);
    socket.emit('last', 'words');
    socket.disconnect(true);
    expect(await events).toEqual([['last', 'words']]);
    expect(await closed).toBe('io server disconnect');
  });
});
