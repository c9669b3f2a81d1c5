import { jest } from '@jest/globals';
import type { Socket as NetSocket } from 'node:net';
import { ChatClient, clientTracker, type ReceivedEvent } from './utils/chat-client.js';
import { type AppProcess, startAppProcess } from './fixtures/hardening-process.js';

// Attacks on an app process (test/fixtures/hardening-app.mjs, on the library's build): each shows
// the process alive, another session served meanwhile, and the memory it took.

jest.setTimeout(180_000);

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** The TCP socket under a websocket client: pausing it stops the client reading. */
function tcpOf(client: ChatClient): NetSocket {
  const { ws } = (client.socket.io.engine as unknown as { transport: { ws: object } }).transport;
  // ws keeps its TCP socket in `_socket`; no public way reaches it.
  return (ws as Record<string, NetSocket>)['_socket'];
}

const errorOutputs = (events: ReceivedEvent[]) =>
  events.filter((e) => e.name === 'new_message' && e.data.isError).map((e) => e.data.output);

/** The final update of the message a `stream`/`tokens` command streamed. */
const finalUpdate = (client: ChatClient, from = 0, timeoutMs = 120_000) =>
  client.waitFor(
    (e) => e.name === 'update_message' && e.data.streaming === false && e.data.output !== '',
    timeoutMs,
    from,
  );

/** Polls the app's stats until `test` holds (no event tells a paused client what happened). */
async function statsWhen(
  app: AppProcess,
  test: (stats: Awaited<ReturnType<AppProcess['stats']>>) => boolean,
) {
  for (;;) {
    const stats = await app.stats();
    if (test(stats)) return stats;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('attacks on an app process', () => {
  let app: AppProcess | undefined;
  const clients = clientTracker();

  afterEach(async () => {
    clients.closeAll();
    await app?.stop();
    app = undefined;
  });

  it('survives a window_message 20,000 levels deep, cyclic data the app sends, and errors its handlers leave behind', async () => {
    app = await startAppProcess({ OPTIONS: { rateLimit: false } });
    const streaming = await clients.connect(app.url);
    const attacker = await clients.connect(app.url);
    streaming.send('stream 300 2');

    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    attacker.socket.io.engine.send(`2["window_message",${deep}]`);
    expect((await attacker.next('exception', 0, 30_000)).data.message).toBe(
      'window_message: the payload nests more than 64 levels of objects and arrays',
    );

    expect(errorOutputs(await attacker.ask('cycle', 30_000))).toEqual([
      'window_message: the data nests more than 64 levels of objects and arrays, or refers to itself; it was not sent',
    ]);

    const from = attacker.events.length;
    attacker.send('throw in timer');
    attacker.send('reject unawaited');
    await attacker.waitFor(
      (e) => e.data?.output === 'rejected, and nobody awaited it',
      30_000,
      from,
    );
    expect(errorOutputs(attacker.events.slice(from))).toEqual([
      'thrown in a timer',
      'rejected, and nobody awaited it',
    ]);

    const whole = Array.from({ length: 300 }, (_, i) => `t${i} `).join('');
    expect((await finalUpdate(streaming)).data.output).toBe(whole);
    expect(app.child.exitCode).toBeNull();
    expect(app.stderr()).toContain(
      'Code a chat handler left running (a timer, a promise nobody awaited) failed in session',
    );
    expect(await attacker.ask('still there?', 30_000)).toContainEqual(
      expect.objectContaining({
        name: 'new_message',
        data: expect.objectContaining({ output: 'echo: still there?' }),
      }),
    );
  });

  it('bounds what a client that stops reading costs: it misses tokens, then gets the answer whole', async () => {
    app = await startAppProcess({
      OPTIONS: { rateLimit: false, slowSocketBytes: 256 * 1024, maxSocketBufferBytes: 64 * MB },
    });
    const before = await app.stats();
    const slow = await clients.connect(app.url, { transports: ['websocket'] });
    const other = await clients.connect(app.url);
    const count = 200_000;
    slow.send(`tokens ${count} 16`);
    await slow.next('stream_start', 0, 30_000);
    tcpOf(slow).pause();

    // Another session streams meanwhile, whole, while the slow client still reads nothing.
    other.send('stream 200 2');
    const otherFinal = await finalUpdate(other);
    expect(otherFinal.data.output).toBe(Array.from({ length: 200 }, (_, i) => `t${i} `).join(''));

    // The whole answer has been produced while the slow client read nothing.
    const during = await statsWhen(app, (stats) => stats.streams === 0);
    tcpOf(slow).resume();
    const final = await finalUpdate(slow, 0, 170_000);
    const after = await app.stats();
    const streamed = slow.events
      .filter((e) => e.name === 'stream_token')
      .reduce((n, e) => n + e.data.token.length, 0);
    console.log(
      `slow reader of ${count} tokens: ${streamed / 16} tokens reached it, the final update whole; ` +
        `RSS ${mb(before.rss)} before, ${mb(during.rss)} while it read nothing, peak ${mb(after.maxRss)}, ${mb(after.rss)} after`,
    );
    expect(final.data.output).toHaveLength(count * 16);
    expect(streamed).toBeLessThan(count * 16);
    expect(after.maxRss - before.rss).toBeLessThan(400 * MB);
    expect(app.child.exitCode).toBeNull();
  });

  it('closes a socket whose unwritten bytes pass maxSocketBufferBytes; its session stays for it to come back', async () => {
    app = await startAppProcess({
      OPTIONS: { rateLimit: false, slowSocketBytes: 64 * 1024, maxSocketBufferBytes: MB },
    });
    const before = await app.stats();
    const slow = await clients.connect(app.url, { transports: ['websocket'] });
    await slow.ask('hello', 30_000);
    const other = await clients.connect(app.url);
    tcpOf(slow).pause();
    slow.send('messages 400 65536');
    const closed = await statsWhen(app, (stats) => stats.disconnects === 1);
    expect(closed.sessions).toBe(2);

    expect((await other.ask('are you there?', 30_000)).map((e) => e.data?.output)).toContain(
      'echo: are you there?',
    );
    const gone = new Promise((resolve) => slow.socket.once('disconnect', resolve));
    tcpOf(slow).resume();
    await gone;
    const back = await clients.connect(app.url, { sessionId: slow.sessionId });
    expect((await back.ask('back', 30_000)).map((e) => e.data?.output)).toContain('echo: back');
    const after = await app.stats();
    console.log(
      `a reader that stopped while 400 messages of 64 KiB went out: closed past 1 MiB unwritten; ` +
        `RSS ${mb(before.rss)} before, peak ${mb(after.maxRss)}, ${mb(after.rss)} after`,
    );
    expect(after.maxRss - before.rss).toBeLessThan(200 * MB);
  });

  it('answers a flood of 20,000 events from one client once, closes its socket, and keeps serving the others', async () => {
    // A slow refill, so that what one address may send is spent before it comes back.
    const rateLimit = { points: 100, perSeconds: 600, perAddress: 300 };
    app = await startAppProcess({ OPTIONS: { rateLimit } });
    const before = await app.stats();
    const streaming = await clients.connect(app.url);
    const flooder = await clients.connect(app.url, { transports: ['websocket'] });
    streaming.send('stream 300 2');
    const gone = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    for (let i = 0; i < 20_000; i++) flooder.socket.emit('stop');
    expect(await gone).toBe('io server disconnect');
    const answers = flooder.events.filter((e) => e.name === 'exception');
    expect(answers.map((e) => e.data.message)).toEqual([
      'rate limit: at most 100 events per 600 s; "stop" refused, and the events after it are refused without an answer: wait 600 s',
    ]);
    const whole = Array.from({ length: 300 }, (_, i) => `t${i} `).join('');
    expect((await finalUpdate(streaming)).data.output).toBe(whole);

    // New session ids from the same address get no new budget: its 300 events run out.
    const refusals: string[] = [];
    while (!refusals.at(-1)?.includes('from one address') && refusals.length < 5) {
      const next = await clients.connect(app.url);
      for (let i = 0; i < 100; i++) next.socket.emit('stop'); // one more than its own burst
      refusals.push((await next.next('exception', 0, 30_000)).data.message);
    }
    expect(refusals).toEqual([
      expect.stringMatching(/^rate limit: at most 100 events per 600 s/),
      expect.stringMatching(/^rate limit: at most 300 events from one address per 600 s/),
    ]);
    const after = await app.stats();
    console.log(
      `a flood of 20,000 events: ${answers.length} answer, socket closed; ` +
        `RSS ${mb(before.rss)} before, peak ${mb(after.maxRss)}, ${mb(after.rss)} after`,
    );
    expect(after.maxRss - before.rss).toBeLessThan(100 * MB);
  });

  it('takes 100 sockets from one address and refuses the other 1,900; the unused sessions go soon after', async () => {
    app = await startAppProcess({ OPTIONS: { unusedSessionTimeoutMs: 200 } });
    const before = await app.stats();
    const tries = await Promise.allSettled(
      Array.from({ length: 2000 }, () =>
        ChatClient.connect(app!.url, { transports: ['websocket'] }),
      ),
    );
    const accepted = tries.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
    const refused = tries.flatMap((t) =>
      t.status === 'rejected' ? [String(t.reason.message)] : [],
    );
    expect(accepted).toHaveLength(100);
    expect(new Set(refused)).toEqual(
      new Set([
        'connection refused: this address has 100 connections open, its limit (the maxConnectionsPerIp option)',
      ]),
    );
    const peak = await app.stats();
    expect(peak.sessions).toBe(100);
    accepted.forEach((client) => client.close());
    const after = await statsWhen(app, (stats) => stats.sessions === 0);
    console.log(
      `2,000 sockets from one address: 100 taken, 1,900 refused; their sessions ended when unused; ` +
        `RSS ${mb(before.rss)} before, peak ${mb(after.maxRss)}, ${mb(after.rss)} after`,
    );
    expect(after.maxRss - before.rss).toBeLessThan(150 * MB);
  });
});
