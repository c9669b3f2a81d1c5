// Token throughput of nest-chat on Redis, 1 and 2 instances, beside one instance without Redis
// (and bare socket.io), all measured in this run. `npm run bench:cluster` (about 2 minutes),
// `-- --quick` for a CI-sized run. Needs Redis at REDIS_URL (default redis://127.0.0.1:6379).
// Servers, client fleets and Redis are separate processes sharing this machine's cores.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { startClients, startServer } from './lib/processes.mjs';
import { machineInfo, summary } from './lib/stats.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const CLIENTS = 100;
const TOKENS = quick ? 200 : 500;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const t0 = performance.now();
const log = (...args) =>
  console.error(`· ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s`, ...args);

const redis = createClient({ url: REDIS_URL });
await redis.connect().catch((error) => {
  console.error(`bench:cluster needs Redis at ${REDIS_URL} (REDIS_URL): ${error.message}`);
  process.exit(1);
});

/** Redis's own CPU time so far, in ms. */
async function redisCpu() {
  const info = await redis.info('cpu');
  const field = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

/** `instances` servers (with Redis or not), CLIENTS clients spread over them, each streamed TOKENS. */
async function throughput(label, instances, { kind = 'nest', withRedis = true } = {}) {
  log(`${label}: ${instances} instance(s), ${CLIENTS} clients × ${TOKENS} tokens`);
  const prefix = `nest-chat-bench-${randomUUID().slice(0, 8)}`;
  const env = withRedis ? { BENCH_REDIS_URL: REDIS_URL, BENCH_REDIS_PREFIX: prefix } : {};
  const servers = await Promise.all(
    Array.from({ length: instances }, () => startServer(kind, env)),
  );
  const expected = Array.from({ length: TOKENS }, (_, i) => `t${i} `).join('').length;
  const rates = [];
  const cpu = [];
  const redisCpuPerToken = [];
  for (let run = 0; run < RUNS; run++) {
    const share = (i) => Math.floor(CLIENTS / instances) + (i < CLIENTS % instances ? 1 : 0);
    const fleets = await Promise.all(servers.map((s, i) => startClients(s.url, share(i))));
    const cpuBefore = await Promise.all(servers.map((s) => s.call('cpu')));
    const redisBefore = await redisCpu();
    const results = (await Promise.all(fleets.map((f) => f.send(`stream ${TOKENS}`)))).flat();
    const cpuAfter = await Promise.all(servers.map((s) => s.call('cpu')));
    const redisAfter = await redisCpu();
    await Promise.all(fleets.map((f) => f.stop()));
    const whole = results.filter((r) => r.chars === expected).length;
    if (whole !== CLIENTS) throw new Error(`${label}: ${CLIENTS - whole} clients missed tokens`);
    const tokens = CLIENTS * TOKENS;
    rates.push(tokens / (Math.max(...results.map((r) => r.done)) / 1000));
    const serverMs = cpuAfter.reduce((sum, ms, i) => sum + ms - cpuBefore[i], 0);
    cpu.push((serverMs * 1000) / tokens);
    redisCpuPerToken.push(((redisAfter - redisBefore) * 1000) / tokens);
  }
  await Promise.all(servers.map((s) => s.stop()));
  if (withRedis) await redis.del(prefix);
  return {
    instances,
    tokensPerSecond: summary(rates),
    serverCpuUsPerToken: summary(cpu),
    redisCpuUsPerToken: summary(redisCpuPerToken),
  };
}

const machine = machineInfo();
log(`machine: ${machine.cpu} × ${machine.cores}, Node ${machine.node}${quick ? ' (quick)' : ''}`);
const results = {
  machine,
  quick,
  runs: RUNS,
  clients: CLIENTS,
  tokens: TOKENS,
  bare: await throughput('bare socket.io', 1, { kind: 'bare', withRedis: false }),
  local: await throughput('nest-chat, no Redis', 1, { withRedis: false }),
  redis1: await throughput('nest-chat on Redis', 1),
  redis2: await throughput('nest-chat on Redis', 2),
};
await redis.quit();

const f = (s, digits = 0) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const base = results.local.tokensPerSecond.median;
const rows = [
  ['bare socket.io, 1 instance', results.bare],
  ['nest-chat, 1 instance, no Redis (baseline)', results.local],
  ['nest-chat on Redis, 1 instance', results.redis1],
  ['nest-chat on Redis, 2 instances', results.redis2],
].map(([setup, r]) => ({
  setup,
  tokens: f(r.tokensPerSecond),
  ratio: `×${(r.tokensPerSecond.median / base).toFixed(2)}`,
  cpu: f(r.serverCpuUsPerToken, 1),
  redis: r === results.bare || r === results.local ? '' : f(r.redisCpuUsPerToken, 1),
}));
results.table = rows;
const head = {
  setup: 'setup',
  tokens: 'tokens/s',
  ratio: 'vs baseline',
  cpu: 'server CPU µs/token (all instances)',
  redis: 'Redis CPU µs/token',
};
const keys = Object.keys(head);
const widths = keys.map((k) => Math.max(head[k].length, ...rows.map((r) => r[k].length)));
const line = (r) => keys.map((k, i) => r[k].padEnd(widths[i])).join(' | ');
console.log(
  `\nnest-chat on several instances — ${machine.cpu} × ${machine.cores}, Node ${machine.node}; ` +
    `${CLIENTS} clients × ${TOKENS} tokens; median (min–max) of ${RUNS} run(s)\n`,
);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
mkdirSync(RESULTS, { recursive: true });
const name = quick ? 'cluster-quick.json' : 'cluster.json';
writeFileSync(new URL(name, `file://${RESULTS}`), JSON.stringify(results, null, 2) + '\n');
log(`wrote bench/results/${name}`);
