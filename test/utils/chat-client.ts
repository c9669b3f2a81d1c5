import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export interface ReceivedEvent {
  name: string;
  data: any;
}

export interface ConnectOptions {
  sessionId?: string;
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

/** A real socket.io client that records every event it receives, in order. */
export class ChatClient {
  readonly events: ReceivedEvent[] = [];
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

  static connect(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
    const sessionId = options.sessionId ?? randomUUID();
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
      extraHeaders: options.extraHeaders,
      reconnection: false,
      forceNew: true,
      autoUnref: true, // a test client's timers must not keep the process alive
    } as Partial<ManagerOptions & SocketOptions>);
    const client = new ChatClient(socket, sessionId);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
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
