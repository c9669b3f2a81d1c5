import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type AppProcess, startAppProcess } from './fixtures/hardening-process.js';
import { Fuzz } from './utils/fuzz.js';

/**
 * Malformed input, drawn from a seeded PRNG, over real sockets and HTTP, against an app in its
 * own process. `npm run test:soak` (and CI) runs FUZZ_EVENTS=10000 (the default); the full run
 * is FUZZ_EVENTS=100000 npm run test:soak. FUZZ_SEED reproduces a run.
 */
const TOTAL = Number(process.env.FUZZ_EVENTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
const SOCKETS = 4;
const WINDOW = 32;
const HTTP_CONCURRENCY = 8;

interface SocketCase {
  event: string | number;
  args: unknown[];
  /** The start of the `exception` message that must answer it. */
  expect: string;
}

interface HttpCase {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Refused by Express's body parser, before the chat routes (still answered `{ detail }`). */
  parser?: boolean;
}

const UNKNOWN_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'ask',
  'new_message',
  'stream_token',
  'audio_start',
  'exception',
  'clear_session ',
  'CLIENT_MESSAGE',
];

function socketCase(fuzz: Fuzz): SocketCase {
  const kind = fuzz.int(0, 9);
  if (kind <= 2) {
    const event = fuzz.chance(0.1)
      ? fuzz.int(0, 1e6)
      : fuzz.chance(0.5)
        ? fuzz.pick(UNKNOWN_NAMES)
        : fuzz.string() || 'x';
    const args = Array.from({ length: fuzz.int(0, 2) }, () => fuzz.scalar());
    return { event, args, expect: `unknown event ${JSON.stringify(String(event).slice(0, 100))}` };
  }
  if (kind <= 6)
    return { event: 'client_message', args: badMessage(fuzz, false), expect: 'client_message: ' };
  if (kind <= 8)
    return { event: 'edit_message', args: badMessage(fuzz, true), expect: 'edit_message: ' };
  return {
    event: 'chat_settings_change',
    args: [fuzz.chance(0.5) ? fuzz.scalar() : fuzz.poisoned({ [fuzz.string()]: fuzz.scalar() })],
    expect: 'chat_settings_change: ',
  };
}

/** Arguments of a client_message or edit_message that must be refused. */
function badMessage(fuzz: Fuzz, edit: boolean): unknown[] {
  const step = (extra: Record<string, unknown>) => ({
    ...(fuzz.chance(0.3) ? fuzz.poisoned() : {}),
    ...extra,
  });
  switch (fuzz.int(0, 8)) {
    case 0:
      return [];
    case 1:
      return [fuzz.scalar()];
    case 2:
      return [{ message: fuzz.scalar() }];
    case 3:
      return [{ message: step({ output: fuzz.chance(0.5) ? fuzz.nonString() : undefined }) }];
    case 4:
      return [{ message: step({ output: fuzz.string(), id: fuzz.badUuid() }) }];
    case 5:
      return [{ message: fuzz.deep() }];
    case 6:
      return [{ message: step({ output: 'hi', createdAt: fuzz.string(), type: fuzz.string() }) }];
    case 7:
      return [fuzz.poisoned({ message: fuzz.poisoned() })];
    default:
      // Well formed but pointing at nothing: a file or a message this session does not have.
      return edit
        ? [{ message: { id: randomUUID(), output: fuzz.string() } }]
        : [{ message: { output: fuzz.string() }, fileReferences: [{ id: randomUUID() }] }];
  }
}

/** The i-th of `parts` shares of `total`. */
const split = (total: number, parts: number, i: number) =>
  Math.floor(total / parts) + (i < total % parts ? 1 : 0);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function json(body: unknown): Pick<HttpCase, 'headers' | 'body'> {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A malformed request to one of the chat routes. */
function httpCase(fuzz: Fuzz, sessions: string[]): HttpCase {
  const badBody = (): Pick<HttpCase, 'headers' | 'body' | 'parser'> => {
    switch (fuzz.int(0, 6)) {
      case 0:
        return {
          headers: { 'content-type': 'application/json' },
          body: fuzz.pick(['{"a":', '{', '[1,', 'nul', '{"a":1}}', '\u0000']),
          parser: true,
        };
      case 1:
        return { ...json({ pad: 'x'.repeat(150_000) }), parser: true };
      case 2:
        return json(fuzz.deep());
      case 3:
        return json(fuzz.poisoned());
      case 4:
        // Express's JSON parser takes only objects and arrays.
        return { ...json(fuzz.chance(0.5) ? fuzz.string() : fuzz.int(0, 1e9)), parser: true };
      default:
        return json({ [fuzz.string()]: fuzz.scalar(), sessionId: fuzz.badUuid() });
    }
  };
  const session = () => (fuzz.chance(0.5) ? fuzz.pick(sessions) : randomUUID());
  switch (fuzz.int(0, 11)) {
    case 0:
    case 1:
      return { method: 'POST', path: '/project/action', ...badBody() };
    case 2:
      return {
        method: 'POST',
        path: '/project/action',
        ...json({ sessionId: session(), action: { id: randomUUID(), name: fuzz.string() || 'x' } }),
      };
    case 3:
      return { method: 'POST', path: '/set-session-cookie', ...badBody() };
    case 4: {
      const boundary = 'fuzz' + fuzz.int(0, 1e6);
      const part = (name: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fuzz.string() || 'f'}"\r\nContent-Type: text/plain\r\n\r\n${fuzz.string()}\r\n`;
      const body = fuzz.pick([
        `${part('file').slice(0, 30)}`, // cut inside the part's headers
        `${part('other')}--${boundary}--\r\n`,
        `${part('file')}${part('file')}--${boundary}--\r\n`,
        `--${boundary}--\r\n`,
        fuzz.string(),
      ]);
      const type = fuzz.pick([
        `multipart/form-data; boundary=${boundary}`,
        'multipart/form-data',
        'application/json',
        'text/plain',
      ]);
      const query = fuzz.pick([
        `?session_id=${fuzz.pick(sessions)}`,
        `?session_id=${encodeURIComponent(fuzz.badUuid())}`,
        '',
        `?session_id=${randomUUID()}&session_id=${randomUUID()}`,
        `?session_id=${fuzz.pick(sessions)}&ask_parent_id=${encodeURIComponent(fuzz.string())}`,
      ]);
      return {
        method: 'POST',
        path: `/project/file${query}`,
        headers: { 'content-type': type },
        body,
      };
    }
    case 5: {
      const id = fuzz.pick([
        encodeURIComponent(fuzz.badUuid()) || 'x',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e%2f%2e%2e%2f',
        '..%5C..%5Cwindows',
        randomUUID(),
      ]);
      return {
        method: 'GET',
        path: `/project/file/${id}?session_id=${encodeURIComponent(session())}`,
      };
    }
    case 6:
      return {
        method: 'POST',
        path: fuzz.pick(['/login', '/auth/jwt', '/auth/header']),
        ...badBody(),
      };
    case 7:
      return { method: 'POST', path: '/project/threads', ...badBody() };
    case 8:
      return {
        method: 'GET',
        path: `/project/thread/${fuzz.pick([encodeURIComponent(fuzz.string()) || 'x', randomUUID(), '..%2F..%2Fetc'])}`,
      };
    case 9:
      return { method: fuzz.pick(['PUT', 'DELETE']), path: '/project/thread', ...badBody() };
    default:
      return { method: fuzz.pick(['PUT', 'DELETE']), path: '/feedback', ...badBody() };
  }
}

/** Handshake `auth` that must be refused. */
function badAuth(fuzz: Fuzz): Record<string, unknown> {
  const good = {
    clientType: 'webapp',
    sessionId: randomUUID(),
    threadId: '',
    userEnv: '{}',
    chatProfile: '',
  };
  const field = fuzz.pick([
    'clientType',
    'sessionId',
    'threadId',
    'userEnv',
    'chatProfile',
    'deep',
  ]);
  const values: Record<string, unknown[]> = {
    clientType: [undefined, fuzz.int(0, 9), null, [], { a: 1 }],
    sessionId: [undefined, fuzz.badUuid() || 'x', fuzz.int(0, 9), null],
    threadId: [fuzz.badUuid() || 'x', fuzz.int(0, 9), {}],
    userEnv: ['{nope', '[]', '5', '{"a":{"b":1}}', '{"a":1}', fuzz.int(0, 9), {}],
    chatProfile: ['%E0%A4%A', fuzz.int(0, 9), []],
    deep: [fuzz.deep()],
  };
  return {
    ...(fuzz.chance(0.3) ? fuzz.poisoned() : {}),
    ...good,
    [field]: fuzz.pick(values[field]),
  };
}

function connect(url: string, auth: Record<string, unknown>): Socket {
  return io(url, {
    path: '/ws/socket.io',
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

describe('fuzz: malformed events and requests', () => {
  let app: AppProcess;

  beforeAll(async () => {
    app = await startAppProcess({
      OPTIONS: { rateLimit: false, sessionTimeoutMs: 0, maxConnectionsPerIp: 0 },
      STORAGE_DIR: 'memory://',
    });
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
  });

  it(`answers each of ${TOTAL} malformed events and requests with a clear error, crashes never, keeps another session streaming and its memory bounded`, async () => {
    const fuzz = new Fuzz(SEED);
    const counts = {
      tried: 0,
      answered: 0,
      parserAnswered: 0,
      headerLimit: 0,
      crashes: 0,
      wrong: [] as string[],
    };
    const wrong = (what: string) => counts.wrong.length < 20 && counts.wrong.push(what);

    // A session that streams all along: every token, in order, in every answer.
    const streamer = connect(app.url, {
      clientType: 'webapp',
      sessionId: randomUUID(),
      threadId: '',
      userEnv: '{}',
      chatProfile: '',
    });
    await new Promise<void>((resolve) => streamer.once('connect', () => resolve()));
    streamer.emit('connection_successful');
    const run = { streaming: true };
    let streams = 0;
    const streamFailures: string[] = [];
    const expected = Array.from({ length: 50 }, (_, i) => `t${i} `).join('');
    const streamLoop = (async () => {
      while (run.streaming) {
        const text = await new Promise<string>((resolve) => {
          let output = '';
          let id: string | undefined;
          const onStart = (step: { id: string; output: string }) => (
            (id = step.id),
            (output = step.output)
          );
          const onToken = (t: { id: string; token: string }) => t.id === id && (output += t.token);
          const onUpdate = (step: { id: string; streaming?: boolean; output: string }) => {
            if (step.id !== id || step.streaming) return;
            streamer
              .off('stream_start', onStart)
              .off('stream_token', onToken)
              .off('update_message', onUpdate);
            resolve(output === step.output ? output : `${output} != ${step.output}`);
          };
          streamer
            .on('stream_start', onStart)
            .on('stream_token', onToken)
            .on('update_message', onUpdate);
          streamer.emit('client_message', { message: { output: 'stream 50 2' } });
        });
        streams++;
        if (text !== expected && streamFailures.length < 5) streamFailures.push(text);
      }
    })();

    // Warm up, then the baseline.
    const sessions: string[] = [];

    const handshakes = Math.min(500, Math.floor(TOTAL * 0.03));
    const socketEvents = Math.floor(TOTAL * 0.72);
    const requests = TOTAL - socketEvents - handshakes;

    // Sockets: each fuzz socket sends windows of events and checks the exception of each, in order.
    const fuzzSocket = async (count: number) => {
      const sessionId = randomUUID();
      const socket = connect(app.url, {
        clientType: 'webapp',
        sessionId,
        threadId: '',
        userEnv: '{}',
        chatProfile: '',
      });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.emit('connection_successful');
      sessions.push(sessionId);
      const answers: string[] = [];
      let wake: (() => void) | undefined;
      socket.on('exception', (e: { message: string }) => {
        answers.push(e.message);
        wake?.();
      });
      const link = { closed: false };
      socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return;
        link.closed = true;
        wrong(`a fuzz socket was disconnected: ${reason}`);
        wake?.();
      });
      for (let sent = 0; sent < count && !link.closed;) {
        const batch = Array.from({ length: Math.min(WINDOW, count - sent) }, () =>
          socketCase(fuzz),
        );
        const from = answers.length;
        for (const c of batch) socket.emit(c.event as string, ...c.args);
        sent += batch.length;
        counts.tried += batch.length;
        // Answers are awaited; the bound is for one that never comes.
        const deadline = Date.now() + 60_000;
        while (answers.length < from + batch.length && !link.closed && Date.now() < deadline) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 200);
          });
        }
        if (process.env.FUZZ_DEBUG && answers.length < from + batch.length) {
          console.log(
            batch.map((c) => [c.event, JSON.stringify(c.args)?.slice(0, 80)]),
            answers.slice(from),
          );
        }
        // Answers come in order; matched as a set so that one missing answer names its event.
        const left = answers.slice(from, from + batch.length);
        for (const c of batch) {
          const at = left.findIndex((answer) => answer.startsWith(c.expect));
          if (at >= 0) {
            left.splice(at, 1);
            counts.answered++;
          } else {
            const args = JSON.stringify(c.args)?.slice(0, 100);
            wrong(
              `${String(c.event).slice(0, 40)} ${args} got no "${c.expect.slice(0, 60)}" answer`,
            );
          }
        }
      }
      return socket;
    };

    const httpWorker = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const c = httpCase(fuzz, sessions.length ? sessions : [randomUUID()]);
        counts.tried++;
        const res = await fetch(app.url + c.path, {
          method: c.method,
          headers: c.headers,
          body: c.body,
        });
        // Refused before any route: a body Express's parsers do not take (not JSON, over their
        // 100 KB), or a URL over Node's header limit (431, no body).
        const size = c.body?.length ?? 0;
        if (size > 100_000 || c.headers?.['content-type'] === 'application/json') {
          try {
            if (size > 100_000 || typeof JSON.parse(String(c.body)) !== 'object') c.parser = true;
          } catch {
            c.parser = true;
          }
        }
        if (res.status === 431 && c.path.length > 16_000) {
          counts.answered++;
          counts.headerLimit++;
          await res.arrayBuffer();
          continue;
        }
        const text = await res.text();
        let detail: unknown;
        try {
          const body = JSON.parse(text) as { detail?: unknown; message?: unknown };
          detail = body.detail;
        } catch {
          detail = undefined;
        }
        if (res.status >= 400 && res.status < 500 && typeof detail === 'string' && detail !== '') {
          counts.answered++;
          if (c.parser) counts.parserAnswered++;
        } else
          wrong(
            `${c.method} ${c.path.slice(0, 80)} answered ${res.status} ${text.slice(0, 120)}` +
              (process.env.FUZZ_DEBUG ? ` to ${JSON.stringify(c)}`.slice(0, 600) : ''),
          );
      }
    };

    const handshakeWorker = async (count: number) => {
      for (let i = 0; i < count; i++) {
        counts.tried++;
        const socket = connect(app.url, badAuth(fuzz));
        const outcome = await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error) => resolve(error.message));
        });
        socket.close();
        if (outcome.startsWith('connection refused')) counts.answered++;
        else wrong(`handshake answered ${outcome.slice(0, 120)}`);
      }
    };

    /** One round: a share of each kind of input; the fuzz sockets close at its end. */
    const round = async (share: number) => {
      const socketCount = Math.round(socketEvents * share);
      const requestCount = Math.round(requests * share);
      const sockets = await Promise.all(
        Array.from({ length: SOCKETS }, (_, i) => fuzzSocket(split(socketCount, SOCKETS, i))),
      );
      await Promise.all([
        ...Array.from({ length: HTTP_CONCURRENCY }, (_, i) =>
          httpWorker(split(requestCount, HTTP_CONCURRENCY, i)),
        ),
        handshakeWorker(Math.round(handshakes * share)),
      ]);
      sockets.forEach((socket) => socket.close());
    };

    // A tenth first, to warm up (code compiled, caches filled): the baseline is taken after it.
    const started = Date.now();
    await round(0.1);
    const before = await app.stats();
    await round(0.9);
    const seconds = (Date.now() - started) / 1000;
    run.streaming = false;
    await streamLoop;
    streamer.close();

    // The fuzz sessions are gone (sessionTimeoutMs: 0): the heap is back near its baseline.
    let after = await app.stats();
    for (let i = 0; i < 20 && after.sessions > 0; i++) after = await app.stats();
    counts.crashes = app.child.exitCode === null && app.child.signalCode === null ? 0 : 1;

    console.log(
      `fuzz (seed ${SEED}): ${counts.tried} tried (${socketEvents} socket events, ${requests} requests, ${handshakes} handshakes) in ${seconds.toFixed(1)} s; ` +
        `${counts.answered} answered with a clear error (${counts.parserAnswered} bodies refused by the parsers, with { detail }; ${counts.headerLimit} URLs over Node's header limit, 431 with no body), ${counts.crashes} crashes; ` +
        `${streams} streams of 50 tokens meanwhile; heap ${mb(before.heapUsed)} MB after the first tenth, ${mb(after.heapUsed)} MB at the end`,
    );
    expect(counts.wrong).toEqual([]);
    expect(counts.tried).toBe(socketEvents + requests + handshakes);
    expect(counts.answered).toBe(counts.tried);
    expect(counts.crashes).toBe(0);
    expect(streamFailures).toEqual([]);
    expect(streams).toBeGreaterThan(0);
    expect(after.sessions).toBe(0);
    expect(after.objectPrototype).toEqual(before.objectPrototype);
    expect(after.heapUsed).toBeLessThan(before.heapUsed * 1.1);
    expect(app.stderr()).not.toMatch(/ERROR/);
  }, 900_000);
});
