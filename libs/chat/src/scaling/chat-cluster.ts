import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { MessageOptions } from '../protocol/step.interface.js';
import { ChatSessions, type ChatSessionsRelay } from '../session/chat-sessions.js';
import { clusterAdapter, type TrackedAdapter } from './cluster-adapter.js';
import { isInMemoryAdapter } from './in-memory-adapter.js';
import { RedisLink } from './redis-link.js';
import { redact } from './redis-options.js';
import { errorMessage } from '../errors/error-message.js';

type RedisClient = ReturnType<typeof createClient>;

/** Server-side events between instances (socket.io `serverSideEmit`). */
const SEND_TO_SESSION = 'nest-chat:send-to-session';
const SEND_TO_THREAD = 'nest-chat:send-to-thread';

/** How long `sendTo` waits for the other instances' answers (socket.io's own bound is 5 s). */
const ASK_WAIT_MS = 6000;

/** Commands sent to Redis and not yet answered, at most (the `redis.client` option may say). */
const MAX_QUEUED_COMMANDS = 10_000;

/**
 * @internal The module on several instances, with the `redis` option: the Redis clients, the
 * socket.io Redis Streams adapter and connection state recovery, and `ChatSessions` reaching
 * sessions that live on other instances. Without the option it does nothing.
 */
@Injectable()
export class ChatCluster implements OnModuleInit, OnApplicationShutdown, ChatSessionsRelay {
  private readonly logger = new Logger('ChatCluster');
  private readonly clients: RedisClient[] = [];
  private client?: RedisClient;
  private link?: RedisLink;
  private io?: Server;
  /** Whether the socket uses the Redis Streams adapter (the app's WebSocket adapter set none). */
  private streams = false;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly sessions: ChatSessions,
  ) {}

  /** Connects to Redis; bootstrap fails, naming the URL, if it cannot. */
  async onModuleInit(): Promise<void> {
    const redis = this.options.redis;
    if (!redis) return;
    let ready = false;
    const client = createClient({
      commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
      ...redis.client,
      // No timeout per command unless asked for: the client's default makes an AbortSignal
      // timer for each one, a real cost at thousands of tokens a second.
      commandOptions: { timeout: 0, ...redis.client?.commandOptions },
      // While Redis is away a command fails at once, instead of queueing until it is back: the
      // events go out on this instance meanwhile (see clusterAdapter), and nothing piles up.
      disableOfflineQueue: true,
      url: redis.url,
      socket: {
        // Give up at bootstrap (so it fails and says why); once connected, keep trying.
        reconnectStrategy: (retries: number, cause: Error) =>
          ready ? Math.min(100 * 2 ** retries, 3000) : cause,
        ...redis.client?.socket,
      } as NonNullable<Parameters<typeof createClient>[0]>['socket'],
    });
    // The adapter makes its own connections (a blocking stream reader, a subscriber): they are
    // kept here, to be closed on shutdown. Without a command timeout: the reader blocks for 5 s.
    // With the offline queue: the reader, which reads again as soon as a read fails, waits for
    // Redis to be back (one read at a time) instead of failing in a loop.
    const duplicate = client.duplicate.bind(client);
    client.duplicate = ((overrides?: Parameters<typeof duplicate>[0]) => {
      const copy = duplicate({
        ...overrides,
        disableOfflineQueue: false,
        commandOptions: { ...overrides?.commandOptions, timeout: 0 },
      } as Parameters<typeof duplicate>[0]);
      this.clients.push(copy as RedisClient);
      this.link?.watch(copy);
      return copy;
    }) as typeof client.duplicate;
    // At bootstrap connect() fails with the error; after, the link reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      client.destroy();
      throw new Error(
        `ChatModule: cannot connect to Redis at ${redact(redis.url)} (option "redis.url"): ` +
          `${(error as Error).message || String(error)}`,
        { cause: error },
      );
    }
    ready = true;
    this.client = client;
    this.clients.push(client);
    this.link = new RedisLink(client, redact(redis.url), this.logger);
    this.logger.log(`On Redis at ${redact(redis.url)}, stream "${redis.keyPrefix}"`);
  }

  /** @internal The Redis client (with the `redis` option, once connected). */
  get redis(): RedisClient | undefined {
    return this.client;
  }

  /**
   * What the socket.io server is made with: connection state recovery (its adapter is set once
   * the server is made, see `attach`).
   */
  serverOptions(): Partial<ServerOptions> {
    const redis = this.options.redis;
    if (!redis || !this.client || redis.maxDisconnectionDuration === 0) return {};
    return {
      connectionStateRecovery: {
        maxDisconnectionDuration: redis.maxDisconnectionDuration,
        // The handshake middleware runs again: it finds the session and sets socket.data.
        skipMiddlewares: false,
      },
    };
  }

  /**
   * The socket.io server is up: it gets the Redis Streams adapter, unless the app's WebSocket
   * adapter gave it one of its own (that one is kept, with a warning); it answers the other
   * instances, and `ChatSessions` may ask them.
   */
  attach(io: Server): void {
    const redis = this.options.redis;
    const client = this.client;
    if (!redis || !client || !this.link) return;
    const own = io.of('/').adapter;
    if (isInMemoryAdapter(own.constructor)) {
      // Made here, as its stream reader starts with it: only for a server that uses it.
      io.adapter(
        clusterAdapter(
          createAdapter(quiet(client), {
            streamName: redis.keyPrefix,
            channelPrefix: redis.keyPrefix,
            sessionKeyPrefix: `${redis.keyPrefix}:session:`,
            maxLen: redis.maxLen,
          }),
          this.link,
        ),
      );
      void own.close();
      this.streams = true;
    } else {
      this.logger.warn(
        `The app's WebSocket adapter gave the chat socket its own socket.io adapter ` +
          `(${own.constructor.name}): it is kept, and the "redis" option's Redis Streams ` +
          `adapter is not used for the socket`,
      );
    }
    this.io = io;
    io.on(SEND_TO_SESSION, (sessionId: unknown, content: unknown, options: unknown, ack) => {
      const session = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
      if (!session || typeof content !== 'string') return void ack?.(false);
      session.send(content, toOptions(options)).then(
        () => ack?.(true),
        (error: unknown) => {
          this.logger.error(
            `sendTo("${sessionId}") from another instance failed: ${errorMessage(error)}`,
          );
          ack?.(false);
        },
      );
    });
    io.on(SEND_TO_THREAD, (threadId: unknown, content: unknown, options: unknown, ack) => {
      const sessions = typeof threadId === 'string' ? this.sessions.findByThread(threadId) : [];
      if (typeof content !== 'string') return void ack?.(0);
      void Promise.allSettled(sessions.map((s) => s.send(content, toOptions(options)))).then(
        (results) => ack?.(results.filter((r) => r.status === 'fulfilled').length),
      );
    });
    this.sessions.relay = this;
  }

  /**
   * Runs `emit` after the broadcasts already started have gone out on this instance: a packet
   * sent straight to a socket keeps its place among the session's events. At once without Redis.
   */
  afterBroadcasts(emit: () => void): void {
    const adapter = this.io?.of('/').adapter as TrackedAdapter | undefined;
    if (!adapter?.broadcasted) return emit();
    void adapter.broadcasted().then(emit);
  }

  /**
   * Whether Redis answers a PING within `timeoutMs`: `true`, or why not; `undefined` without
   * the `redis` option. For health checks.
   */
  async ping(timeoutMs: number): Promise<true | string | undefined> {
    if (!this.options.redis) return undefined;
    const client = this.client;
    if (!client?.isReady) return 'not connected';
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer to PING within ${timeoutMs} ms`), timeoutMs);
    });
    try {
      return await Promise.race([client.ping().then(() => true as const), late]);
    } catch (error) {
      return errorMessage(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** @internal see `ChatSessions.sendTo` */
  async sendTo(sessionId: string, content: string, options: MessageOptions): Promise<boolean> {
    const answers = await this.ask<boolean>(SEND_TO_SESSION, sessionId, content, options);
    return answers.some((answer) => answer === true);
  }

  /** @internal see `ChatSessions.sendToThread` */
  async sendToThread(threadId: string, content: string, options: MessageOptions): Promise<number> {
    const answers = await this.ask<number>(SEND_TO_THREAD, threadId, content, options);
    return answers.reduce((sum, count) => sum + (typeof count === 'number' ? count : 0), 0);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sessions.relay === this) this.sessions.relay = undefined;
    // Stops the adapter's stream reader (unless the socket server closed it), then the
    // connections go.
    if (this.streams) this.io?.of('/').adapter.close();
    this.io = undefined;
    const client = this.client;
    this.client = undefined;
    const others = this.clients.splice(0).filter((c) => c !== client);
    for (const other of others) other.destroy();
    if (client?.isOpen) {
      const closed = client.close().catch(() => undefined);
      const timer = setTimeout(() => client.destroy(), 2000);
      await closed;
      clearTimeout(timer);
    }
  }

  /**
   * The other instances' answers to a server-side event (those that came in time); none while
   * Redis is away.
   */
  private ask<T>(event: string, ...args: unknown[]): Promise<T[]> {
    const io = this.io;
    if (!io || !this.link?.up) return Promise.resolve([]);
    return new Promise((resolve) => {
      // socket.io bounds the wait once Redis has said how many instances there are; a Redis
      // that does not answer that is bounded here.
      const timer = setTimeout(() => {
        this.logger.warn(`${event}: no answer from the other instances in ${ASK_WAIT_MS} ms`);
        resolve([]);
      }, ASK_WAIT_MS);
      io.serverSideEmit(event, ...args, (error: Error | null, answers: T[]) => {
        clearTimeout(timer);
        if (error) this.logger.warn(`${event}: ${errorMessage(error)}`);
        resolve(answers ?? []);
      });
    });
  }
}

/**
 * The adapter drops the promise of two commands (PUBLISH of a server-side event, SET of a dropped
 * socket's session): while Redis is away, their failure would be an unhandled rejection. Here it
 * is handled (the link has said that Redis is away); the promise is the same.
 */
function quiet(client: RedisClient): RedisClient {
  for (const name of ['publish', 'set'] as const) {
    const command = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    Object.defineProperty(client, name, {
      value: (...args: unknown[]) => {
        const reply = command(...args);
        reply.catch(() => undefined);
        return reply;
      },
    });
  }
  return client;
}

function toOptions(value: unknown): MessageOptions {
  return value !== null && typeof value === 'object' ? (value as MessageOptions) : {};
}
