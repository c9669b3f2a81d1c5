/**
 * Writes in order, one queue per thread: each write starts when the ones queued before it for
 * the same thread are done; threads do not wait for each other. A failed write is logged (or
 * handed to its caller) and the queue goes on.
 */
export declare class ThreadWriteQueue {
    private readonly logger;
    private readonly tails;
    /** Threads with writes queued or running. */
    get size(): number;
    /** Runs `write` after the thread's queued writes; resolves or rejects with its outcome. */
    run<T>(threadId: string, write: () => Promise<T>): Promise<T>;
    /** Queues `write`; if it fails, the error is logged as "Could not store {what} ...". */
    push(threadId: string, what: string, write: () => Promise<unknown>): void;
    /** Resolves when the writes queued so far are done (later ones are not waited for). */
    flush(): Promise<void>;
    /** Resolves when no write is left, including writes queued meanwhile (for shutdown). */
    drain(): Promise<void>;
}
