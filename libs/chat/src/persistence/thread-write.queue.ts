import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';

const settle = () => undefined;

/**
 * Writes in order, one queue per thread: each write starts when the ones queued before it for
 * the same thread are done; threads do not wait for each other. A failed write is logged (or
 * handed to its caller) and the queue goes on.
 */
@Injectable()
export class ThreadWriteQueue {
  private readonly logger = new Logger('ChatPersistence');
  private readonly tails = new Map<string, Promise<void>>();

  /** Threads with writes queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Runs `write` after the thread's queued writes; resolves or rejects with its outcome. */
  run<T>(threadId: string, write: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(threadId) ?? Promise.resolve()).then(() => write());
    const tail = result.then(settle, settle);
    this.tails.set(threadId, tail);
    void tail.then(() => {
      if (this.tails.get(threadId) === tail) this.tails.delete(threadId);
    });
    return result;
  }

  /** Queues `write`; if it fails, the error is logged as "Could not store {what} ...". */
  push(threadId: string, what: string, write: () => Promise<unknown>): void {
    this.run(threadId, write).catch((error: unknown) => {
      this.logger.error(
        `Could not store ${what} of thread ${threadId}: ${errorMessage(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    });
  }

  /** Resolves when the writes queued so far are done (later ones are not waited for). */
  async flush(): Promise<void> {
    await Promise.all(this.tails.values());
  }

  /** Resolves when no write is left, including writes queued meanwhile (for shutdown). */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await this.flush();
  }
}
