import type { ResourceLimits, TransferListItem } from 'node:worker_threads';
import type { Piscina } from 'piscina';
/** Options of the worker-thread pool behind `AsyncifyService` (`ChatModule.forRoot({ asyncify })`). */
export interface AsyncifyOptions {
    /**
     * Threads kept alive. The pool starts on the first call, not at bootstrap.
     * @default 1
     */
    minThreads?: number;
    /**
     * Most threads at once; calls beyond them wait in the queue.
     * @default the machine's available parallelism (cores)
     */
    maxThreads?: number;
    /**
     * How long a thread above `minThreads` may sit idle before it exits, so threads are not
     * spawned again for every call.
     * @default 30000
     */
    idleTimeoutMs?: number;
    /**
     * Most calls waiting for a thread; one more is refused with `AsyncifyQueueFullError`.
     * @default Infinity
     */
    maxQueue?: number;
    /** Memory limits of each worker thread (Node's `ResourceLimits`). */
    resourceLimits?: ResourceLimits;
    /**
     * Your own piscina pool instead of one the module makes and closes. It must run the worker
     * file `ASYNCIFY_WORKER` (exported by nest-chat); nest-chat does not close it.
     */
    pool?: Piscina;
}
/** Options of one call: `asyncify.with({ signal, transfer }).run(fn, ...args)`. */
export interface AsyncifyCallOptions {
    /** Aborts the call; inside a chat handler the session's signal is the default (Stop ends it). */
    signal?: AbortSignal | null;
    /** Arguments to move to the worker instead of copying them (ArrayBuffers, MessagePorts). */
    transfer?: TransferListItem[];
}
