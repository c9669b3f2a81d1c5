import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { Logger } from '@nestjs/common';
import { clusterAdapter } from '../libs/chat/src/scaling/cluster-adapter.js';
import { RedisLink } from '../libs/chat/src/scaling/redis-link.js';
import { dropFor, dropRedisKeys, REDIS_URL, servicesUp } from './fixtures/cluster-instances.js';

const up = await servicesUp({ Redis: REDIS_URL });
const suite = up ? describe : describe.skip;
jest.setTimeout(90_000); // hooks start app processes

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two socket.io servers on one Redis stream, with the adapter nest-chat installs and connection
 * state recovery, and a middleware that takes `handshakeMs` (the chat gateway's handshake is
 * asynchronous: it reads the login cookie, or the thread to resume).
 */
async function startServers(prefix: string, handshakeMs: number) {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  // The adapters' stream readers block on connections of their own: closed at the end.
  const readers: { destroy(): void }[] = [];
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = ((...args: Parameters<typeof duplicate>) => {
    const reader = duplicate(...args);
    readers.push(reader);
    return reader;
  }) as typeof redis.duplicate;
  const link = new RedisLink(redis, REDIS_URL, new Logger('RedisLink'));
  const servers: { io: Server; http: HttpServer; url: string }[] = [];
  for (let i = 0; i < 2; i++) {
    const http = createServer();
    const io = new Server(http, {
      adapter: clusterAdapter(createAdapter(redis, { streamName: prefix }), link),
      connectionStateRecovery: { maxDisconnectionDuration: 10_000, skipMiddlewares: false },
    });
    io.use((_socket, next) => void delay(handshakeMs).then(() => next()));
    io.on('connection', (socket) => {
      if (!socket.recovered) void socket.join('numbers');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    servers.push({ io, http, url: `http://127.0.0.1:${port}` });
  }
  return {
    servers,
    async close() {
      for (const { io } of servers) await io.close();
      for (const reader of readers) reader.destroy();
      await redis.close();
    },
  };
}

/** Numbers 0..count-1 broadcast to the room, one every `everyMs`. */
async function broadcast(io: Server, count: number, everyMs: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    io.to('numbers').emit('number', n);
    await delay(everyMs);
  }
}

/** Cuts the client's connection `times` times (as a network cut would), each for `ms`. */
async function dropRepeatedly(socket: ClientSocket, times: number, ms: number): Promise<number> {
  let recovered = 0;
  for (let i = 0; i < times; i++) {
    await delay(30 + Math.random() * 40);
    if (await dropFor(socket, ms)) recovered++;
  }
  return recovered;
}

suite('connection state recovery on Redis', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await dropRedisKeys(prefix);
  });

  it.each([
    { handshakeMs: 40, emitter: 'its own server', everyMs: 4, count: 250 },
    { handshakeMs: 40, emitter: 'the other server', everyMs: 4, count: 250 },
    { handshakeMs: 0, emitter: 'its own server', everyMs: 1, count: 1000 },
  ])(
    'a socket dropped again and again gets every packet once, in order ($handshakeMs ms handshake, sent by $emitter)',
    async ({ handshakeMs, emitter, everyMs, count }) => {
      const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
      prefixes.push(prefix);
      const { servers, close } = await startServers(prefix, handshakeMs);
      const client = connect(servers[0].url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      try {
        const received: number[] = [];
        client.on('number', (n: number) => received.push(n));
        await new Promise<void>((resolve) => client.once('connect', () => resolve()));
        await delay(100); // the socket is in the room on both servers
        const from = emitter === 'its own server' ? servers[0] : servers[1];
        const sending = broadcast(from.io, count, everyMs);
        await delay(50); // the client has an offset before its first drop
        const recovered = await dropRepeatedly(client, 6, 20);
        await sending;
        await delay(300);

        expect(recovered).toBe(6);
        const missing = Array.from({ length: count }, (_, n) => n).filter(
          (n) => !received.includes(n),
        );
        expect({ missing, duplicated: received.length - new Set(received).size }).toEqual({
          missing: [],
          duplicated: 0,
        });
        expect(received).toEqual([...received].sort((a, b) => a - b));
      } finally {
        client.close();
        await close();
      }
    },
  );
});
