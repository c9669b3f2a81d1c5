// Benchmark: AsyncifyService beside its baselines, measured in one run on this machine.
//   inline sync   the function called on the main thread (what blocks every other user)
//   raw piscina   a piscina pool calling a worker module's export directly (the floor)
//   run           AsyncifyService.run(fn, ...args): the function's source, compiled once per thread
//   runFile       AsyncifyService.runFile(url, export, ...args)
// Run with `npm run bench:asyncify` (add `-- --quick` for a CI-sized run).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { availableParallelism, cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AsyncifyService, ChatModule } from 'nest-chat';
import { add, countPrimes } from './cpu.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const SERIAL_CALLS = quick ? 500 : 3000;
const BURSTS = quick ? 5 : 30;
const BURST_SIZE = 100;
const CPU_TASKS = quick ? 8 : 16;
const PRIME_LIMIT = 300_000; // about 25 ms of work per task on this class of machine
const THREADS = Math.min(2, availableParallelism());
const CPU_URL = new URL('./cpu.mjs', import.meta.url);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const stats = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
const now = () => performance.now();

/** `median (min–max)` of a figure. */
const fmt = (s, digits = 1) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** µs per call, one call after the other. */
async function serialOnce(call) {
  const start = now();
  for (let i = 0; i < SERIAL_CALLS; i++) await call();
  return ((now() - start) * 1000) / SERIAL_CALLS;
}

/** µs per call, BURST_SIZE calls at once. */
async function burstOnce(call) {
  const start = now();
  for (let b = 0; b < BURSTS; b++) await Promise.all(Array.from({ length: BURST_SIZE }, call));
  return ((now() - start) * 1000) / (BURSTS * BURST_SIZE);
}

/** Runs `measure` for every contender, round after round (so no one always goes first). */
async function interleaved(contenders, measure) {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const [name, subject] of Object.entries(contenders)) {
      samples[name].push(await measure(subject));
    }
  }
  return samples;
}

/** Wall time (ms) of CPU_TASKS prime counts, and the event loop's delay (ms) meanwhile. */
async function cpuOnce(runAll) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = now();
  await runAll();
  const wall = now() - start;
  histogram.disable();
  return { wall, lagP50: histogram.percentile(50) / 1e6, lagP99: histogram.percentile(99) / 1e6 };
}

/** Inline work yields between tasks (setImmediate), as well-behaved sync code on the loop would. */
async function inlineAll() {
  for (let i = 0; i < CPU_TASKS; i++) {
    countPrimes(PRIME_LIMIT);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main() {
  const app = await NestFactory.createApplicationContext(
    ChatModule.forRoot({ asyncify: { minThreads: THREADS, maxThreads: THREADS } }),
    { logger: false },
  );
  const asyncify = app.get(AsyncifyService);
  const raw = new Piscina({
    filename: fileURLToPath(CPU_URL),
    minThreads: THREADS,
    maxThreads: THREADS,
    idleTimeout: 30_000,
  });
  // Start every pool's threads before measuring.
  await Promise.all(
    Array.from({ length: THREADS * 2 }, () => raw.run({ op: 'add', args: [1, 2] })),
  );
  await Promise.all(Array.from({ length: THREADS * 2 }, () => asyncify.run(add, 1, 2)));

  const calls = {
    'inline sync': () => Promise.resolve(add(1, 2)),
    'raw piscina': () => raw.run({ op: 'add', args: [1, 2] }),
    'AsyncifyService.run': () => asyncify.run(add, 1, 2),
    'AsyncifyService.runFile': () => asyncify.runFile(CPU_URL, 'add', 1, 2),
  };
  for (const call of Object.values(calls)) for (let i = 0; i < 50; i++) await call(); // warm-up
  const serialSamples = await interleaved(calls, serialOnce);
  const burstSamples = await interleaved(calls, burstOnce);
  const overhead = Object.fromEntries(
    Object.keys(calls).map((name) => [
      name,
      { serialUs: stats(serialSamples[name]), burstUs: stats(burstSamples[name]) },
    ]),
  );
  const work = {
    'inline sync': inlineAll,
    'raw piscina': () =>
      Promise.all(
        Array.from({ length: CPU_TASKS }, () => raw.run({ op: 'primes', args: [PRIME_LIMIT] })),
      ),
    'AsyncifyService.run': () =>
      Promise.all(Array.from({ length: CPU_TASKS }, () => asyncify.run(countPrimes, PRIME_LIMIT))),
    'AsyncifyService.runFile': () =>
      Promise.all(
        Array.from({ length: CPU_TASKS }, () =>
          asyncify.runFile(CPU_URL, 'countPrimes', PRIME_LIMIT),
        ),
      ),
  };
  const cpuSamples = await interleaved(work, cpuOnce);
  const cpu = Object.fromEntries(
    Object.entries(cpuSamples).map(([name, samples]) => [
      name,
      {
        wall: stats(samples.map((s) => s.wall)),
        lagP50: stats(samples.map((s) => s.lagP50)),
        lagP99: stats(samples.map((s) => s.lagP99)),
      },
    ]),
  );
  await raw.destroy();
  await app.close();

  const rawSerial = overhead['raw piscina'].serialUs.median;
  const rawBurst = overhead['raw piscina'].burstUs.median;
  const inlineWall = cpu['inline sync'].wall.median;
  console.log(
    `\nasyncify benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, Node ${process.version}, ` +
      `${THREADS} worker threads, ${RUNS} runs each (median (min–max))${quick ? ', quick' : ''}\n`,
  );
  console.log('per-call overhead (µs/call; ratio to raw piscina)');
  for (const [name, o] of Object.entries(overhead)) {
    console.log(
      `  ${name.padEnd(24)} serial ${fmt(o.serialUs)} ×${(o.serialUs.median / rawSerial).toFixed(2)}` +
        `   burst ${fmt(o.burstUs)} ×${(o.burstUs.median / rawBurst).toFixed(2)}`,
    );
  }
  console.log(
    `\nCPU-bound: ${CPU_TASKS} prime counts below ${PRIME_LIMIT} (wall ms; speedup vs inline; event-loop delay ms)`,
  );
  for (const [name, c] of Object.entries(cpu)) {
    console.log(
      `  ${name.padEnd(24)} wall ${fmt(c.wall, 0)} speedup ×${(inlineWall / c.wall.median).toFixed(2)}` +
        `   loop delay p50 ${fmt(c.lagP50)} p99 ${fmt(c.lagP99)}`,
    );
  }
  const result = {
    machine: { cpu: cpus()[0]?.model, cores: availableParallelism(), node: process.version },
    threads: THREADS,
    runs: RUNS,
    quick,
    overhead,
    cpu,
    goals: {
      runOverheadVsRaw: overhead['AsyncifyService.run'].serialUs.median / rawSerial,
      runFileOverheadVsRaw: overhead['AsyncifyService.runFile'].serialUs.median / rawSerial,
      speedupVsInline: inlineWall / cpu['AsyncifyService.run'].wall.median,
      loopLagP99Ms: cpu['AsyncifyService.run'].lagP99.median,
    },
  };
  console.log(
    '\ngoals: overhead ≤ 1.2× raw piscina, speedup ≥ 1.8× inline, loop delay p99 ≤ 10 ms',
  );
  console.log(JSON.stringify(result.goals, null, 2));
  return result;
}

const result = await main();
if (process.env.BENCH_JSON) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(process.env.BENCH_JSON, JSON.stringify(result, null, 2));
}
