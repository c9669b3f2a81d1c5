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
import { redact } from './redis-options.js';
import { errorMessage } from '../errors/error-message.js';

type RedisClient = ReturnType<typeof createClient>;

/** Server-side events between instances (socket.io `serverSideEmit`). */
const SEND_TO_SESSION = 'nest-chat:send-to-session';
const SEND_TO_THREAD = 'nest-chat:send-to-thread';

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
  private adapter?: ReturnType<typeof clusterAdapter>;
  private io?: Server;

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
      ...redis.client,
      // No timeout per command unless asked for: the client's default makes an AbortSignal
      // timer for each one, a real cost at thousands of tokens a second.
      commandOptions: { timeout: 0, ...redis.client?.commandOptions },
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
    const duplicate = client.duplicate.bind(client);
    client.duplicate = ((overrides?: Parameters<typeof duplicate>[0]) => {
      const copy = duplicate({
        ...overrides,
        commandOptions: { ...overrides?.commandOptions, timeout: 0 },
      } as Parameters<typeof duplicate>[0]);
      this.clients.push(copy as RedisClient);
      return copy;
    }) as typeof client.duplicate;
    let lastError = '';
    client.on('error', (error: Error) => {
      if (!ready || error.message === lastError) return;
      lastError = error.message;
      this.logger.error(`Redis at ${redact(redis.url)}: ${error.message}`);
    });
    client.on('ready', () => (lastError = ''));
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
    this.adapter = clusterAdapter(
      createAdapter(client, {
        streamName: redis.keyPrefix,
        channelPrefix: redis.keyPrefix,
        sessionKeyPrefix: `${redis.keyPrefix}:session:`,
        maxLen: redis.maxLen,
      }),
    );
    this.logger.log(`On Redis at ${redact(redis.url)}, stream "${redis.keyPrefix}"`);
  }

  /** @internal The Redis client (with the `redis` option, once connected). */
  get redis(): RedisClient | undefined {
    return this.client;
  }

  /** What the socket.io server needs: the adapter, and connection state recovery. */
  serverOptions(): Partial<ServerOptions> {
    const redis = this.options.redis;
    if (!redis || !this.adapter) return {};
    if (redis.maxDisconnectionDuration === 0) return { adapter: this.adapter };
    return {
      adapter: this.adapter,
      connectionStateRecovery: {
        maxDisconnectionDuration: redis.maxDisconnectionDuration,
        // The handshake middleware runs again: it finds the session and sets socket.data.
        skipMiddlewares: false,
      },
    };
  }

  /** The socket.io server is up: answer the other instances, and let `ChatSessions` ask them. */
  attach(io: Server): void {
    if (!this.adapter) return;
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
    // Stops the adapter's stream reader, then the connections go.
    this.io?.of('/').adapter.close();
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

  /** The other instances' answers to a server-side event (those that came in time). */
  private ask<T>(event: string, ...args: unknown[]): Promise<T[]> {
    const io = this.io;
    if (!io) return Promise.resolve([]);
    return new Promise((resolve) => {
      io.serverSideEmit(event, ...args, (error: Error | null, answers: T[]) => {
        if (error) this.logger.warn(`${event}: ${error.message}`);
        resolve(answers ?? []);
      });
    });
  }
}

function toOptions(value: unknown): MessageOptions {
  return value !== null && typeof value === 'object' ? (value as MessageOptions) : {};
}
