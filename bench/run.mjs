// nest-chat's benchmarks, each beside its baseline, measured in one run on this machine.
// `npm run bench` (about 4 minutes) or `npm run bench -- --quick` (under a minute, for CI).
// Servers and clients run in separate processes. Writes bench/results/latest.json and .svg.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClients, startServer, start } from './lib/processes.mjs';
import { chainlitMissing } from './lib/server-chainlit.mjs';
import { machineInfo, percentile, summary } from './lib/stats.mjs';
import { renderChart } from './lib/chart.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 3;
const size = quick
  ? {
      loads: [{ clients: 100, tokens: 500 }],
      sessions: 100,
      gate1: 2,
      gate40: 80,
      idle: 100,
      cycles: 500,
      trips: 200,
    }
  : {
      loads: [
        { clients: 100, tokens: 500 },
        { clients: 1000, tokens: 100 },
      ],
      sessions: 1000,
      gate1: 5,
      gate40: 1000,
      idle: 1000,
      cycles: 10_000,
      trips: 2000,
    };
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const t0 = performance.now();
const log = (...args) =>
  console.error(`· ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s`, ...args);

async function repeat(runs, fn) {
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await fn(i));
  return values;
}

/**
 * 1. Tokens per second to `clients` clients, each streamed `tokens` tokens; every client's text
 * must arrive whole (the characters it got equal those sent).
 */
async function throughput(kind, { clients, tokens }) {
  const server = await startServer(kind);
  const cpu = [];
  const rssAfter = [];
  const rates = await repeat(RUNS, async () => {
    const fleet = await startClients(server.url, clients);
    const cpuBefore = await server.call('cpu');
    const results = await fleet.send(`stream ${tokens}`);
    cpu.push((((await server.call('cpu')) - cpuBefore) * 1000) / (clients * tokens));
    const { rss } = await server.call('memory');
    await fleet.stop();
    const expected = Array.from({ length: tokens }, (_, i) => `t${i} `).join('').length;
    const whole = results.filter((r) => r.chars === expected).length;
    if (whole !== clients) throw new Error(`${kind}: ${clients - whole} clients missed tokens`);
    rssAfter.push(rss);
    return (clients * tokens) / (Math.max(...results.map((r) => r.done)) / 1000);
  });
  await server.stop();
  return { ...summary(rates), cpuUsPerToken: summary(cpu), rss: summary(rssAfter) };
}

/** 2. `sessions` send at once; each handler awaits 1 s, then streams 50 tokens. */
async function concurrency(gate, sessions, runs = RUNS, kind = 'nest', env = {}) {
  const server = await startServer(kind, { BENCH_GATE: String(gate), ...env });
  const samples = await repeat(runs, async () => {
    const fleet = await startClients(server.url, sessions);
    await server.call('lag-start');
    const results = await fleet.send('wait 1000 50');
    const lag = await server.call('lag-stop');
    await fleet.stop();
    const firsts = results.map((r) => r.first);
    return {
      wall: Math.max(...results.map((r) => r.done)),
      ttftP50: percentile(firsts, 50),
      ttftP99: percentile(firsts, 99),
      lagP99: lag.p99,
    };
  });
  await server.stop();
  const pick = (key) => summary(samples.map((s) => s[key]));
  return {
    sessions,
    gate,
    wall: pick('wall'),
    ttftP50: pick('ttftP50'),
    ttftP99: pick('ttftP99'),
    lagP99: pick('lagP99'),
  };
}

/** 3a. Heap and RSS per idle connected session. */
async function idleMemory(kind) {
  const server = await startServer(kind);
  const perSession = await repeat(quick ? 1 : RUNS, async () => {
    const before = await server.call('memory');
    const fleet = await startClients(server.url, size.idle);
    const after = await server.call('memory');
    await fleet.stop();
    return {
      heap: (after.heapUsed - before.heapUsed) / size.idle,
      rss: (after.rss - before.rss) / size.idle,
    };
  });
  await server.stop();
  return {
    heap: summary(perSession.map((s) => s.heap)),
    rss: summary(perSession.map((s) => s.rss)),
  };
}

/** 3b. Heap after GC, before and after many connect/chat/disconnect cycles. */
async function cycles() {
  const server = await startServer('nest');
  const fleet = start('./clients.mjs');
  await fleet.ready;
  await fleet.call('cycles', { url: server.url, count: 200, parallel: 20 }); // warm-up
  const before = await server.call('memory');
  const started = performance.now();
  await fleet.call('cycles', { url: server.url, count: size.cycles, parallel: 50 });
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = await server.call('memory');
  const sessions = await server.call('sessions');
  await fleet.stop();
  await server.stop();
  return {
    cycles: size.cycles,
    seconds,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    growth: after.heapUsed / before.heapUsed - 1,
    sessionsLeft: sessions,
  };
}

/** 4. Round-trip latency of a one-line answer, one client. */
async function latency(kind) {
  const server = await startServer(kind);
  const fleet = start('./clients.mjs');
  await fleet.ready;
  const runs = await repeat(RUNS, () =>
    fleet.call('latency', { url: server.url, count: size.trips }),
  );
  await fleet.stop();
  await server.stop();
  return {
    p50: summary(runs.map((times) => percentile(times, 50))),
    p99: summary(runs.map((times) => percentile(times, 99))),
  };
}

/** 5. The asyncify benchmark, in its own process. */
function asyncify() {
  const file = join(tmpdir(), `asyncify-${process.pid}.json`);
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('./asyncify/run.mjs', import.meta.url)), ...(quick ? ['--quick'] : [])],
    {
      env: { ...process.env, BENCH_JSON: file },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const result = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  return result;
}

const started = performance.now();
const machine = machineInfo();
log(`machine: ${machine.cpu} × ${machine.cores}, Node ${machine.node}${quick ? ' (quick)' : ''}`);
const results = {
  machine,
  quick,
  runs: RUNS,
  sizes: size,
  throughput: {},
  concurrency: {},
  memory: {},
  latency: {},
};
const noChainlit = chainlitMissing();
if (noChainlit) log(`Chainlit-transport stand-in skipped: ${noChainlit}`);
results.chainlit = noChainlit ? { skipped: noChainlit } : { python: 'python-socketio on uvicorn' };
for (const load of size.loads) {
  log(`throughput: ${load.clients} clients × ${load.tokens} tokens`);
  results.throughput[load.clients] = {
    tokens: load.tokens,
    nest: await throughput('nest', load),
    bare: await throughput('bare', load),
    ...(noChainlit ? {} : { chainlit: await throughput('chainlit', load) }),
  };
}
log(`concurrency: ${size.sessions} sessions, 1 s wait then 50 tokens`);
results.concurrency.nest = await concurrency(0, size.sessions);
results.concurrency.bare = await concurrency(0, size.sessions, quick ? 1 : RUNS, 'bare');
if (!noChainlit) {
  results.concurrency.chainlit = await concurrency(0, size.sessions, quick ? 1 : RUNS, 'chainlit');
}
log(
  `concurrency baselines: one at a time (${size.gate1} sessions), 40 at a time (${size.gate40} sessions)`,
);
results.concurrency.pool40 = await concurrency(40, size.gate40, 1);
results.concurrency.serial = await concurrency(1, size.gate1, 1);
log(`memory: ${size.idle} idle sessions; ${size.cycles} connect/chat/disconnect cycles`);
results.memory.idle = { nest: await idleMemory('nest'), bare: await idleMemory('bare') };
results.memory.cycles = await cycles();
log(`latency: ${size.trips} round trips`);
results.latency = { nest: await latency('nest'), bare: await latency('bare') };
log('asyncify');
results.asyncify = asyncify();
results.seconds = (performance.now() - started) / 1000;

// The table.
const f = (s, digits = 0) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const rows = [];
const row = (metric, nest, baseline, ratio, goal) =>
  rows.push({ metric, nest, baseline, ratio, goal });
const chainlitNote = (value) => (value ? `; ${value} Chainlit transport` : '');
for (const [clients, t] of Object.entries(results.throughput)) {
  row(
    `tokens/s, ${clients} clients × ${t.tokens} tokens (text whole)`,
    f(t.nest),
    `${f(t.bare)} bare socket.io${chainlitNote(t.chainlit && f(t.chainlit))}`,
    `×${(t.nest.median / t.bare.median).toFixed(2)}`,
    '≥ 1.0×',
  );
}
for (const [clients, t] of Object.entries(results.throughput)) {
  row(
    `server CPU µs per token, ${clients} clients`,
    f(t.nest.cpuUsPerToken, 1),
    `${f(t.bare.cpuUsPerToken, 1)} bare socket.io${chainlitNote(t.chainlit && f(t.chainlit.cpuUsPerToken, 1))}`,
    `×${(t.nest.cpuUsPerToken.median / t.bare.cpuUsPerToken.median).toFixed(2)}`,
    '',
  );
}
for (const [clients, t] of Object.entries(results.throughput)) {
  const mib = (s) => f({ median: s.median / 1048576, min: s.min / 1048576, max: s.max / 1048576 });
  row(
    `server RSS MiB after ${clients} clients streamed`,
    mib(t.nest.rss),
    `${mib(t.bare.rss)} bare socket.io${chainlitNote(t.chainlit && mib(t.chainlit.rss))}`,
    '',
    '',
  );
}
const c = results.concurrency;
const serialFor = (c.serial.wall.median / c.serial.sessions) * c.nest.sessions;
row(
  `wall ms, ${c.nest.sessions} sessions (1 s + 50 tokens)`,
  f(c.nest.wall),
  `${f(c.pool40.wall)} 40 at a time (${c.pool40.sessions}); ${(serialFor / 1000).toFixed(0)} s one at a time (from ${c.serial.sessions})`,
  `×${(c.pool40.wall.median / c.nest.wall.median).toFixed(1)} faster than 40`,
  '≤ 1300 ms',
);
row(
  `wall ms, same ${c.bare.sessions} sessions: bare socket.io, Chainlit transport`,
  f(c.nest.wall),
  `${f(c.bare.wall)} bare socket.io${chainlitNote(c.chainlit && f(c.chainlit.wall))}`,
  `×${(c.nest.wall.median / c.bare.wall.median).toFixed(2)} bare`,
  '≤ 1.0× bare',
);
row(
  'time to first token p50 / p99, ms',
  `${f(c.nest.ttftP50)} / ${f(c.nest.ttftP99)}`,
  `${f(c.bare.ttftP50)} / ${f(c.bare.ttftP99)} bare${chainlitNote(c.chainlit && `${f(c.chainlit.ttftP50)} / ${f(c.chainlit.ttftP99)}`)}; ${f(c.pool40.ttftP50)} / ${f(c.pool40.ttftP99)} 40 at a time`,
  '',
  '',
);
row(
  'event-loop delay p99 under that load, ms',
  f(c.nest.lagP99, 1),
  `${f(c.bare.lagP99, 1)} bare socket.io; ${f(c.pool40.lagP99, 1)} 40 at a time`,
  '',
  '≤ 20 ms',
);
const m = results.memory;
const kib = (x) => ({ median: x.median / 1024, min: x.min / 1024, max: x.max / 1024 });
for (const [label, key, goal] of [
  ['heap', 'heap', '≤ +8 KiB'],
  ['RSS', 'rss', ''],
]) {
  const nest = m.idle.nest[key];
  const bare = m.idle.bare[key];
  row(
    `${label} per idle session, KiB`,
    f(kib(nest), 1),
    `${f(kib(bare), 1)} bare`,
    `${nest.median >= bare.median ? '+' : ''}${((nest.median - bare.median) / 1024).toFixed(1)} KiB`,
    goal,
  );
}
row(
  `heap after ${m.cycles.cycles} cycles vs before (GC)`,
  `${(m.cycles.heapAfter / 1048576).toFixed(1)} MiB`,
  `${(m.cycles.heapBefore / 1048576).toFixed(1)} MiB before; ${m.cycles.sessionsLeft} sessions left`,
  `${(m.cycles.growth * 100).toFixed(1)}%`,
  '≤ 5%',
);
const l = results.latency;
row(
  'round trip p50 / p99, ms',
  `${f(l.nest.p50, 2)} / ${f(l.nest.p99, 2)}`,
  `${f(l.bare.p50, 2)} / ${f(l.bare.p99, 2)} bare`,
  `+${(l.nest.p50.median - l.bare.p50.median).toFixed(2)} / +${(l.nest.p99.median - l.bare.p99.median).toFixed(2)} ms`,
  '',
);
const a = results.asyncify;
row(
  'asyncify: per-call overhead vs raw piscina',
  `${a.overhead['AsyncifyService.run'].serialUs.median.toFixed(0)} µs`,
  `${a.overhead['raw piscina'].serialUs.median.toFixed(0)} µs raw piscina`,
  `×${a.goals.runOverheadVsRaw.toFixed(2)}`,
  '≤ 1.2×',
);
row(
  'asyncify: CPU-bound speedup vs inline',
  `${a.cpu['AsyncifyService.run'].wall.median.toFixed(0)} ms`,
  `${a.cpu['inline sync'].wall.median.toFixed(0)} ms inline`,
  `×${a.goals.speedupVsInline.toFixed(2)}`,
  '≥ 1.8×',
);
row(
  'asyncify: event-loop delay p99 during CPU work, ms',
  a.cpu['AsyncifyService.run'].lagP99.median.toFixed(1),
  `${a.cpu['inline sync'].lagP99.median.toFixed(1)} inline`,
  '',
  '≤ 10 ms',
);
results.table = rows;

const widths = ['metric', 'nest', 'baseline', 'ratio', 'goal'].map((k) =>
  Math.max(k.length, ...rows.map((r) => String(r[k]).length)),
);
const line = (r) =>
  ['metric', 'nest', 'baseline', 'ratio', 'goal']
    .map((k, i) => String(r[k]).padEnd(widths[i]))
    .join(' | ');
console.log(
  `\nnest-chat benchmarks — ${machine.cpu} × ${machine.cores}, Node ${machine.node}; median (min–max) of ${RUNS} runs${quick ? '; quick' : ''}\n`,
);
console.log(
  line({ metric: 'metric', nest: 'nest-chat', baseline: 'baseline', ratio: 'ratio', goal: 'goal' }),
);
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(`\n(${results.seconds.toFixed(0)} s)`);

mkdirSync(RESULTS, { recursive: true });
const name = quick ? 'quick' : 'latest';
writeFileSync(join(RESULTS, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
writeFileSync(join(RESULTS, `${name}.svg`), renderChart(results));
log(`wrote bench/results/${name}.json and ${name}.svg`);
