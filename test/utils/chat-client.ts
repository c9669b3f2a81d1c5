import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export interface ReceivedEvent {
  name: string;
  data: any;
}

export interface ConnectOptions {
  sessionId?: string;
  /**
   * The identity cookie (with login off, sessions belong to the browser's identity): a
   * `Cookie` value to send, or `false` to keep none (a plain socket.io client: a new visitor
   * each time). Default: the cookie of the client that opened `sessionId` in this process, if
   * one did; else the one the server gives with the handshake, kept as a browser keeps it.
   */
  cookie?: string | false;
  threadId?: string;
  auth?: Record<string, unknown>;
  path?: string;
  transports?: ('polling' | 'websocket')[];
  extraHeaders?: Record<string, string>;
  /** Emit `connection_successful` on connect, as the Chainlit client does. Default true. */
  handshake?: boolean;
}

/**
 * How long a wait for an event may take before the test fails with what was received: long
 * enough for a machine busy with other work; a passing test never waits that long.
 */
export const WAIT_MS = 20_000;

/** The identity cookie each session id was opened with in this process, as its browser keeps it. */
const identities = new Map<string, string>();

/**
 * The headers that carry the identity a session was opened with (`{ cookie }`), for the HTTP
 * routes of that session (files, actions, feedback); `{}` when it had none.
 */
export function identityHeaders(sessionId: string): Record<string, string> {
  const cookie = identities.get(sessionId);
  return cookie ? { cookie } : {};
}

/**
 * A new anonymous identity from the server (`chat_identity=...`), as a browser gets it with
 * its first request to the chat; `undefined` when the server gives none (login on).
 */
export async function newIdentity(url: string, httpRoot = ''): Promise<string | undefined> {
  const res = await fetch(`${new URL(url).origin}${httpRoot}/auth/config`);
  await res.body?.cancel();
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('chat_identity='))
    ?.split(';')[0];
  return cookie;
}

/** A real socket.io client that records every event it receives, in order. */
export class ChatClient {
  readonly events: ReceivedEvent[] = [];
  /** The identity cookie it connected with, if any. */
  cookie?: string;
  private waiters: {
    test: (e: ReceivedEvent, index: number) => boolean;
    resolve: (e: ReceivedEvent) => void;
  }[] = [];

  private constructor(
    readonly socket: Socket,
    readonly sessionId: string,
  ) {
    socket.onAny((name: string, data: unknown) => {
      const event = { name, data };
      const index = this.events.push(event) - 1;
      this.waiters = this.waiters.filter((w) =>
        w.test(event, index) ? (w.resolve(event), false) : true,
      );
    });
  }

  /** Headers carrying its identity (`{ cookie }`), for the HTTP routes of its session. */
  get headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }

  static connect(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
    const sessionId = options.sessionId ?? randomUUID();
    const cookie =
      options.cookie === false ? undefined : (options.cookie ?? identities.get(sessionId));
    // One object the client's requests all read: the identity is added to it once given.
    const extraHeaders: Record<string, string> = { ...options.extraHeaders };
    const addCookie = (value: string) => {
      const given = extraHeaders.cookie ?? extraHeaders.Cookie;
      delete extraHeaders.Cookie;
      extraHeaders.cookie = given ? `${given}; ${value}` : value;
    };
    if (cookie) addCookie(cookie);
    const auth = options.auth ?? {
      clientType: 'webapp',
      sessionId,
      threadId: options.threadId ?? '',
      userEnv: '{}',
      chatProfile: '',
    };
    const socket = io(url, {
      path: options.path ?? '/ws/socket.io',
      auth,
      transports: options.transports,
      extraHeaders,
      reconnection: false,
      forceNew: true,
      autoUnref: true, // a test client's timers must not keep the process alive
    } as Partial<ManagerOptions & SocketOptions>);
    const client = new ChatClient(socket, sessionId);
    const received = options.cookie === false ? () => undefined : identityCookie(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        client.cookie = cookie ?? received();
        // Kept for the rest of the connection and its reconnections, as a browser keeps it.
        if (client.cookie && !cookie) addCookie(client.cookie);
        if (client.cookie && !identities.has(sessionId)) identities.set(sessionId, client.cookie);
        if (options.handshake !== false) socket.emit('connection_successful');
        resolve(client);
      });
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  /** Resolves with the first event (already received or coming) that passes `test`. */
  waitFor(
    test: (e: ReceivedEvent) => boolean,
    timeoutMs = WAIT_MS,
    from = 0,
  ): Promise<ReceivedEvent> {
    const seen = this.events.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`Timed out waiting for an event; received: ${this.names().join(', ')}`));
      }, timeoutMs);
      const done = (e: ReceivedEvent) => (clearTimeout(timer), resolve(e));
      this.waiters.push({ test: (e, index) => index >= from && test(e), resolve: done });
    });
  }

  /** The next event named `name` received from now on (or since index `from`). */
  next(name: string, from = this.events.length, timeoutMs = WAIT_MS): Promise<ReceivedEvent> {
    return this.waitFor((e) => e.name === name, timeoutMs, from);
  }

  send(text: string, extra: Record<string, unknown> = {}): void {
    this.socket.emit('client_message', {
      message: {
        id: randomUUID(),
        name: 'User',
        type: 'user_message',
        output: text,
        createdAt: new Date().toISOString(),
        ...extra,
      },
      fileReferences: [],
    });
  }

  /** Sends `text` and resolves with the events of that task, `task_start` to `task_end`. */
  async ask(text: string, timeoutMs = WAIT_MS): Promise<ReceivedEvent[]> {
    const from = this.events.length;
    this.send(text);
    const start = await this.waitFor((e) => e.name === 'task_start', timeoutMs, from);
    const startIndex = this.events.indexOf(start);
    const end = await this.waitFor((e) => e.name === 'task_end', timeoutMs, startIndex);
    return this.events.slice(startIndex, this.events.indexOf(end) + 1);
  }

  names(from = 0): string[] {
    return this.events.slice(from).map((e) => e.name);
  }

  close(): void {
    this.socket.close();
  }
}

/** What engine.io-client holds in Node (no public way reaches a response's headers). */
interface EngineInternals {
  transport?: {
    /** The polling transport's request under way: the handshake's, at first. */
    pollXhr?: Record<string, { cookieJar?: unknown }>;
    /** The websocket transport's `ws` socket. */
    ws?: { once?: (event: 'upgrade', listener: (res: IncomingMessage) => void) => void };
  };
}

/**
 * The identity cookie a socket's handshake (its first request) is given: read from the polling
 * response by a cookie jar that only looks (it adds no cookie: the client's own headers stay
 * as they are), or from the websocket upgrade's response. Call it once connected.
 */
function identityCookie(socket: Socket): () => string | undefined {
  let found: string | undefined;
  const look = (values: string[] | null | undefined) => {
    const cookie = values?.find((value) => value.startsWith('chat_identity='));
    if (cookie) found = cookie.split(';')[0];
  };
  const transport = (socket.io.engine as unknown as EngineInternals).transport;
  if (transport?.pollXhr) {
    // engine.io-client keeps a request's options in `_opts`.
    transport.pollXhr['_opts'].cookieJar = {
      parseCookies: look,
      addCookies: () => undefined,
      appendCookies: () => undefined,
      cookies: new Map().entries(),
    };
  }
  transport?.ws?.once?.('upgrade', (res) => look(res.headers['set-cookie']));
  return () => found;
}

/** Resolves after `ms`. For pacing a load, never for waiting on something to happen. */
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `test()` is true, checking every 10 ms; for a state that no event announces.
 * Rejects with `what` after `timeoutMs`.
 */
export async function waitUntil(
  test: () => boolean,
  what = 'a condition',
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await delay(10);
  }
}

/** Connects clients and remembers them, so a test's afterEach can close them all. */
export function clientTracker() {
  const clients: ChatClient[] = [];
  return {
    async connect(...args: Parameters<typeof ChatClient.connect>): Promise<ChatClient> {
      const client = await ChatClient.connect(...args);
      clients.push(client);
      return client;
    },
    closeAll(): void {
      clients.splice(0).forEach((client) => client.close());
    },
  };
}
