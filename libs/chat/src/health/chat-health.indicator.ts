import { Injectable, Optional } from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ThreadWriteQueue } from '../persistence/thread-write.queue.js';
import { ChatCluster } from '../scaling/chat-cluster.js';

/** What `ChatHealthIndicator.isHealthy` checks. */
export interface ChatHealthCheckOptions {
  /** Check the history store (with the `storage` option). @default true */
  storage?: boolean;
  /** Check Redis (with the `redis` option). @default true */
  redis?: boolean;
  /** How long each check may take before it counts as down, in ms. @default 3000 */
  timeoutMs?: number;
}

/** One dependency's state. */
export interface ChatDependencyHealth {
  status: 'up' | 'down';
  /** Why it is down. */
  message?: string;
  /** The store: history writes waiting for it (held while it is unreachable). */
  pendingWrites?: number;
}

/**
 * What `isHealthy` gives, in the shape of `@nestjs/terminus`'s `HealthIndicatorResult`:
 * `{ [key]: { status, storage?, redis? } }`, `down` when one of them is.
 */
export type ChatHealthResult<Key extends string = 'chat'> = Record<
  Key,
  { status: 'up' | 'down'; storage?: ChatDependencyHealth; redis?: ChatDependencyHealth }
>;

/** A thread id no thread has: reading it is a round trip to the store that changes nothing. */
const PROBE_THREAD_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A health indicator for `@nestjs/terminus` (an optional peer dependency; the indicator does not
 * need it): whether the history store and Redis are reachable.
 *
 * ```ts
 * @Get('health/ready') @HealthCheck()
 * ready() { return this.health.check([() => this.chat.isHealthy('chat')]); }
 * ```
 * A dependency the module does not use (no `storage`, no `redis`) is not reported.
 */
@Injectable()
export class ChatHealthIndicator {
  constructor(
    private readonly cluster: ChatCluster,
    @Optional() private readonly persistence?: ChatPersistence,
    @Optional() private readonly queue?: ThreadWriteQueue,
  ) {}

  /** Checks the store and Redis; never throws (a check that fails is `down`, with why). */
  async isHealthy<const Key extends string = 'chat'>(
    key: Key = 'chat' as Key,
    options: ChatHealthCheckOptions = {},
  ): Promise<ChatHealthResult<Key>> {
    const timeoutMs = options.timeoutMs ?? 3000;
    const [storage, redis] = await Promise.all([
      options.storage === false ? undefined : this.storage(timeoutMs),
      options.redis === false ? undefined : this.redis(timeoutMs),
    ]);
    const parts: { storage?: ChatDependencyHealth; redis?: ChatDependencyHealth } = {};
    if (storage) parts.storage = storage;
    if (redis) parts.redis = redis;
    const down = Object.values(parts).some((part) => part.status === 'down');
    return { [key]: { status: down ? 'down' : 'up', ...parts } } as ChatHealthResult<Key>;
  }

  private async storage(timeoutMs: number): Promise<ChatDependencyHealth | undefined> {
    const persistence = this.persistence;
    if (!persistence?.enabled) return undefined;
    const pendingWrites = this.queue?.pending ?? 0;
    // Writes are failing now: no need to ask again.
    const outage = this.queue?.outage;
    if (outage) {
      return {
        status: 'down',
        message: `unreachable since ${outage.since.toISOString()}: ${outage.cause}`,
        pendingWrites,
      };
    }
    const answered = await within(
      persistence.store.getThreadSummary(PROBE_THREAD_ID).then(() => true as const),
      timeoutMs,
      `no answer within ${timeoutMs} ms`,
    );
    return answered === true
      ? { status: 'up', pendingWrites }
      : { status: 'down', message: answered, pendingWrites };
  }

  private async redis(timeoutMs: number): Promise<ChatDependencyHealth | undefined> {
    const answered = await this.cluster.ping(timeoutMs);
    if (answered === undefined) return undefined;
    return answered === true ? { status: 'up' } : { status: 'down', message: answered };
  }
}

/** `promise`'s value, or its error's message, or `late` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, late: string): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.catch((error: unknown) => errorMessage(error)),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(late), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
