import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { TerminusModule } from '@nestjs/terminus';
import { freePort } from './fixtures/cluster-instances.js';
import { HealthController } from './fixtures/health.controller.js';
import { delay, WAIT_MS } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** Whether redis-server is installed; under CI=true its absence fails the run. */
function redisServerInstalled(): boolean {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('Services tests need redis-server under CI');
    console.warn('Skipping: redis-server is not installed');
    return false;
  }
}

const suite = redisServerInstalled() ? describe : describe.skip;

suite('ChatHealthIndicator: Redis stopped and started again', () => {
  let redis: ChildProcess | undefined;
  let server: TestApp | undefined;
  let port: number;

  /** A Redis of the test's own (the shared one is left alone), on `port`; resolves once it listens. */
  async function startRedis(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    redis = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/Ready to accept connections/.test(out)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  }

  async function stopRedis(): Promise<void> {
    const child = redis;
    redis = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  afterAll(async () => {
    if (!redis) await startRedis(); // the app closes its Redis clients cleanly
    await server?.close();
    await stopRedis();
  }, 60_000);

  async function ready() {
    const response = await fetch(`${server!.url}/health/ready`);
    return [response.status, ((await response.json()) as any).details.chat] as const;
  }

  /** The probe's answer once its status is `status` (asked every 50 ms). */
  async function readyWhen(status: number) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const answer = await ready();
      if (answer[0] === status) return answer;
      if (Date.now() > deadline) {
        throw new Error(`the probe still answers ${answer[0]}: ${JSON.stringify(answer[1])}`);
      }
      await delay(50);
    }
  }

  it('reports Redis down (503, saying why) while it is gone, and up once the client is connected again', async () => {
    port = await freePort();
    await startRedis();
    server = await startApp(
      { imports: [TerminusModule], controllers: [HealthController] },
      { redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: `health-${port}` } },
    );
    expect(await ready()).toEqual([200, { status: 'up', redis: { status: 'up' } }]);

    await stopRedis();
    // The client notices the lost connection on its own time: polled, as no event says so.
    expect(await readyWhen(503)).toEqual([
      503,
      { status: 'down', redis: { status: 'down', message: expect.any(String) } },
    ]);

    await startRedis();
    expect(await readyWhen(200)).toEqual([200, { status: 'up', redis: { status: 'up' } }]);
  }, 60_000);
});
