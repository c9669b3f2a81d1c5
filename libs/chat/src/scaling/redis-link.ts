import type { Logger } from '@nestjs/common';

/** What `RedisLink` watches: a `redis` client's state and events. */
export interface WatchedClient {
  readonly isReady: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * @internal Whether Redis answers this instance. `up` while the client that publishes is
 * connected and what it publishes is answered: the cluster adapter asks at each broadcast, and
 * while Redis is away the events reach this instance's sockets only, nothing waits for Redis and
 * nothing queues for it.
 *
 * One log line when Redis goes away (a connection lost, or publishes unanswered), one when it is
 * back (every connection ready again: the adapter's stream reader and subscriber too), however
 * many events meanwhile.
 */
export class RedisLink {
  /** Publishes went unanswered: Redis is connected, but does not answer. */
  private stalled = false;
  /** Connections that were ready and are not now. */
  private readonly lost = new Set<WatchedClient>();
  private reported = true;

  constructor(
    private readonly client: WatchedClient,
    private readonly where: string,
    private readonly logger: Logger,
  ) {
    this.watch(client);
  }

  /** Whether a broadcast can be published (and answered) now. */
  get up(): boolean {
    return this.client.isReady && !this.stalled;
  }

  /** Another connection to Redis that the instance needs (one made after this one was ready). */
  watch(client: WatchedClient): void {
    // node-redis marks the connection lost (isReady false), then tries again: each failed
    // attempt is another 'error'.
    client.on('error', (error) => {
      if (client.isReady) return;
      this.lost.add(client);
      this.report(error.message);
    });
    client.on('ready', () => {
      this.lost.delete(client);
      if (client === this.client) this.stalled = false;
      this.report();
    });
  }

  /** Publishes have waited `ms` without an answer. */
  stall(ms: number): void {
    if (this.stalled) return;
    this.stalled = true;
    this.report(`no answer in ${ms} ms`);
  }

  /** A publish was answered. */
  answered(): void {
    if (!this.stalled) return;
    this.stalled = false;
    this.report();
  }

  /** Logs a change, once: away (with why), or back. */
  private report(reason?: string): void {
    const whole = this.up && this.lost.size === 0;
    if (whole === this.reported) return;
    this.reported = whole;
    if (whole) {
      this.logger.log(`Redis at ${this.where} is back: events reach every instance again`);
    } else {
      this.logger.error(
        `Redis at ${this.where} is unavailable (${reason ?? 'connection lost'}): events reach ` +
          `this instance's clients only, and dropped sockets are not recovered, until it is back`,
      );
    }
  }
}
