// One nest-chat instance on a Redis that goes away for 30 s, under steady traffic: the events its
// own clients receive in 4 s before the outage, in the first 4 s of it and in 4 s after it, and
// the server's memory (after GC) through it. `npm run bench:redis-outage` (about 45 s). Starts a
// redis-server of its own on a free port (never the one at REDIS_URL), and kills it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { io } from 'socket.io-client';
import { startServer } from './lib/processes.mjs';

const CLIENTS = 5;
/** Each client asks for this every PACE_MS: a 50-token answer. */
const ASK = 'stream 50';
const PACE_MS = 200;
const OUTAGE_MS = 30_000;
const WINDOW_MS = 4000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const t0 = performance.now();
const log = (...args) =>
  console.error(`· ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s`, ...args);

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const free = probe.address().port;
    probe.close(() => resolve(free));
  });
});
let redis;
async function startRedis() {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    redis.once('error', reject);
    redis.stdout.on('data', (chunk) => {
      if (String(chunk).includes('Ready to accept connections')) resolve();
    });
  });
}
async function killRedis() {
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  redis.kill('SIGKILL');
  await exited;
}

await startRedis();
const server = await startServer('nest', {
  BENCH_REDIS_URL: `redis://127.0.0.1:${port}`,
  BENCH_REDIS_PREFIX: `nest-chat-outage-${randomUUID().slice(0, 8)}`,
});
const mb = async () => {
  const { rss, heapUsed } = await server.call('memory');
  return `rss ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB`;
};

let received = 0;
const clients = await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const socket = io(server.url, {
      path: '/ws/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { clientType: 'webapp', sessionId: randomUUID(), threadId: '', userEnv: '{}' },
    });
    socket.onAny(() => received++);
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.emit('connection_successful');
    return socket;
  }),
);
const timer = setInterval(() => {
  for (const socket of clients) {
    socket.emit('client_message', {
      message: {
        id: randomUUID(),
        name: 'User',
        type: 'user_message',
        output: ASK,
        createdAt: new Date().toISOString(),
      },
      fileReferences: [],
    });
  }
}, PACE_MS);

/** The events the clients receive in the next WINDOW_MS. */
async function window() {
  const from = received;
  await sleep(WINDOW_MS);
  return received - from;
}

const rows = [];
log(`${CLIENTS} clients, each sending "${ASK}" every ${PACE_MS} ms`);
await sleep(1000);
rows.push(['Redis up', await window(), await mb()]);
log('Redis killed');
await killRedis();
const outageStart = performance.now();
rows.push(['first 4 s of the outage', await window(), await mb()]);
while (performance.now() - outageStart < OUTAGE_MS - 5000) {
  await sleep(5000);
  const second = ((performance.now() - outageStart) / 1000).toFixed(0);
  rows.push([`outage, ${second} s in`, '', await mb()]);
}
await sleep(Math.max(0, OUTAGE_MS - (performance.now() - outageStart)));
log('Redis started again');
await startRedis();
await sleep(4000); // it reconnects (back-off up to 3 s)
rows.push(['Redis back (4 s after it restarted)', await window(), await mb()]);

clearInterval(timer);
for (const socket of clients) socket.close();
await server.stop();
await killRedis();

console.log(`\n| moment | events received in ${WINDOW_MS / 1000} s | server memory (after GC) |`);
console.log('| --- | --: | --- |');
for (const [label, events, memory] of rows) console.log(`| ${label} | ${events} | ${memory} |`);
