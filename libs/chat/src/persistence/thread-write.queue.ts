import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { ChatStoreUnavailableError } from '../errors/chat-store-unavailable.error.js';
import { ChatWritesDroppedError } from '../errors/chat-writes-dropped.error.js';
import { errorMessage } from '../errors/error-message.js';
import { DEFAULT_MAX_PENDING_WRITES } from '../options/chat-options.defaults.js';
import type { ChatStorageOptions } from '../options/chat-storage-options.interface.js';
import { CHAT_STORAGE } from './chat-persistence.constants.js';
import { isConnectionError } from './connection-error.js';

/** The first wait before a held write is tried again; it doubles on each failure, up to the cap. */
export const STORE_RETRY_MIN_MS = 200;
/** The longest wait between two tries while the store is unreachable. */
export const STORE_RETRY_MAX_MS = 5000;

/** What the queue tells, thread by thread, of writes the store could not take at once. */
export type ThreadWriteNotice =
  /** The store is unreachable: the thread's writes wait (the first time in this outage). */
  | { type: 'held'; threadId: string }
  /** The thread's held writes are stored. */
  | { type: 'saved'; threadId: string }
  /** The thread's waiting writes were given up (`storage.maxPendingWrites`, or shutdown). */
  | { type: 'dropped'; threadId: string; count: number };

/** The store is unreachable: since when, why, and how many writes wait for it. */
export interface StoreOutage {
  since: Date;
  cause: string;
  pendingWrites: number;
}

interface Entry {
  /** What is written, for the log; `undefined` for `run()`, whose caller gets the error. */
  what: string | undefined;
  write: () => Promise<unknown>;
  /** Held through an outage and tried again (`push`); `false`: refused at once (`run`). */
  hold: boolean;
  settle(error: unknown, value?: unknown): void;
  /** Resolves once the write is done, stored or not. */
  done: Promise<void>;
}

interface Line {
  waiting: Entry[];
  running?: Entry;
  /** Its writes were held in an outage: the thread is told `saved` once they are stored. */
  held: boolean;
  /** Set while its running write is to be given up (dropped). */
  dropped?: ChatWritesDroppedError;
}

interface Outage {
  since: number;
  cause: string;
  /** Tries made so far: the next wait is longer. */
  attempts: number;
  /** One held write at a time tries the store; the others wait for the outage to end. */
  probing: boolean;
  over: Promise<void>;
  end(): void;
  dropped: number;
}

const SUCCESS = Symbol('success');

/**
 * Writes in order, one queue per thread: each write starts when the ones queued before it for
 * the same thread are done; threads do not wait for each other. A write that fails for its own
 * reason (a constraint) is logged (or handed to its caller) and the queue goes on.
 *
 * When the store cannot be reached (the database is down, restarting, the network dropped),
 * nothing is lost: the writes are held, in order, and one of them tries the store again after
 * a wait that doubles up to {@link STORE_RETRY_MAX_MS}; once it gets through, the others follow.
 * The outage is logged once when it starts and once when it ends. At most
 * `storage.maxPendingWrites` writes wait at once; past it, the writes of the thread that has
 * waited longest are dropped, with an error naming the thread. Writes whose caller waits for
 * them (`run()`, the thread routes) are refused at once with `ChatStoreUnavailableError`.
 */
@Injectable()
export class ThreadWriteQueue {
  private readonly logger = new Logger('ChatPersistence');
  private readonly lines = new Map<string, Line>();
  private readonly entries = new Set<Entry>();
  private readonly notices = new Subject<ThreadWriteNotice>();
  private readonly maxPending: number;
  private current: Outage | undefined;
  private change = signal();

  /** What the queue tells of held, stored again and dropped writes, thread by thread. */
  readonly notices$: Observable<ThreadWriteNotice> = this.notices.asObservable();

  constructor(@Optional() @Inject(CHAT_STORAGE) storage?: false | ChatStorageOptions) {
    this.maxPending = (storage && storage.maxPendingWrites) || DEFAULT_MAX_PENDING_WRITES;
  }

  /** Threads with writes queued or running. */
  get size(): number {
    return this.lines.size;
  }

  /** Writes queued or running, all threads together. */
  get pending(): number {
    return this.entries.size;
  }

  /** The outage going on, or `undefined` while the store takes writes. */
  get outage(): StoreOutage | undefined {
    const outage = this.current;
    if (!outage) return undefined;
    return { since: new Date(outage.since), cause: outage.cause, pendingWrites: this.pending };
  }

  /**
   * Runs `write` after the thread's queued writes; resolves or rejects with its outcome. While
   * the store is unreachable it is refused at once (`ChatStoreUnavailableError`): its caller
   * waits for it.
   */
  run<T>(threadId: string, write: () => Promise<T>): Promise<T> {
    return this.enqueue(threadId, undefined, write, false) as Promise<T>;
  }

  /**
   * Queues `write`. If the store is unreachable it is held and tried again until it is stored;
   * if it fails otherwise, the error is logged as "Could not store {what} ...".
   */
  push(threadId: string, what: string, write: () => Promise<unknown>): void {
    this.enqueue(threadId, what, write, true).catch((error: unknown) => {
      if (error instanceof ChatWritesDroppedError) return; // logged once for the thread
      this.logger.error(
        `Could not store ${what} of thread ${threadId}: ${errorMessage(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    });
  }

  /**
   * Resolves when the writes queued so far are done (later ones are not waited for). While the
   * store is unreachable, rejects with `ChatStoreUnavailableError` instead of waiting.
   */
  async flush(): Promise<void> {
    const done = Promise.all([...this.entries].map((entry) => entry.done)).then(() => true);
    for (;;) {
      if (this.current) throw new ChatStoreUnavailableError(this.current.cause);
      if (await Promise.race([done, this.change.promise.then(() => false)])) return;
    }
  }

  /** Resolves when no write is left, including writes queued meanwhile, through outages. */
  async drain(): Promise<void> {
    while (this.entries.size > 0) {
      await Promise.all([...this.entries].map((entry) => entry.done));
    }
  }

  /**
   * For shutdown: drains, for `timeoutMs` at most; the writes still waiting then (the store is
   * unreachable) are dropped, each thread's with an error in the log.
   */
  async close(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      this.drain().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (drained) return;
    for (const [threadId, line] of this.lines) {
      const reason = `the application shut down while the store was unreachable (${this.current?.cause ?? 'no answer'})`;
      this.drop(threadId, line, new ChatWritesDroppedError(threadId, reason));
    }
  }

  private enqueue(
    threadId: string,
    what: string | undefined,
    write: () => Promise<unknown>,
    hold: boolean,
  ): Promise<unknown> {
    if (!hold && this.current) {
      return Promise.reject(new ChatStoreUnavailableError(this.current.cause));
    }
    let settle!: Entry['settle'];
    const result = new Promise<unknown>((resolve, reject) => {
      settle = (error, value) => {
        if (!this.entries.delete(entry)) return; // settled already (dropped)
        if (error === SUCCESS) resolve(value);
        else reject(error);
      };
    });
    const entry: Entry = { what, write, hold, settle, done: result.then(noop, noop) };
    this.entries.add(entry);
    let line = this.lines.get(threadId);
    if (!line) {
      const started: Line = { waiting: [entry], held: false };
      this.lines.set(threadId, started);
      line = started;
      queueMicrotask(() => void this.work(threadId, started));
    } else {
      line.waiting.push(entry);
    }
    if (this.entries.size > this.maxPending) this.dropOldest();
    return result;
  }

  /** Runs a thread's writes one after the other until none is left; then forgets the thread. */
  private async work(threadId: string, line: Line): Promise<void> {
    for (let entry = line.waiting.shift(); entry; entry = line.waiting.shift()) {
      line.running = entry;
      try {
        entry.settle(SUCCESS, await this.attempt(threadId, line, entry));
      } catch (error) {
        entry.settle(error);
      }
      line.running = undefined;
      line.dropped = undefined;
    }
    this.lines.delete(threadId);
    if (line.held) this.notices.next({ type: 'saved', threadId });
  }

  /** Writes `entry`; through an outage, waits its turn and tries again until it gets through. */
  private async attempt(threadId: string, line: Line, entry: Entry): Promise<unknown> {
    for (;;) {
      let probe: Outage | undefined;
      if (this.current) {
        if (!entry.hold) throw new ChatStoreUnavailableError(this.current.cause);
        if (!line.held) {
          line.held = true;
          this.notices.next({ type: 'held', threadId });
        }
        probe = await this.turn(line);
      }
      try {
        const value = await entry.write();
        this.reachable();
        return value;
      } catch (error) {
        // Given up meanwhile (shutdown): what the closed store says is not news.
        if (line.dropped) throw line.dropped;
        if (!isConnectionError(error)) {
          this.reachable(); // the store answered: it is there, the write is what failed
          throw error;
        }
        this.unreachable(error);
        if (!entry.hold) throw new ChatStoreUnavailableError(errorMessage(error));
      } finally {
        if (probe) {
          probe.probing = false;
          this.changed();
        }
      }
    }
  }

  /**
   * Waits, in an outage, until this write may try the store (it is the one that probes, after
   * the backoff: gives the outage) or the outage is over (gives `undefined`).
   */
  private async turn(line: Line): Promise<Outage | undefined> {
    for (;;) {
      if (line.dropped) throw line.dropped;
      const outage = this.current;
      if (!outage) return undefined;
      if (!outage.probing) {
        outage.probing = true;
        const wait = Math.min(STORE_RETRY_MIN_MS * 2 ** outage.attempts++, STORE_RETRY_MAX_MS);
        await Promise.race([sleep(wait), outage.over]);
        if (line.dropped) {
          outage.probing = false;
          this.changed();
          throw line.dropped;
        }
        return outage;
      }
      await this.change.promise;
    }
  }

  /** A write failed to reach the store: the outage starts (logged once). */
  private unreachable(error: unknown): void {
    if (this.current) return;
    const cause = errorMessage(error) || String((error as { code?: unknown }).code);
    let end!: () => void;
    const over = new Promise<void>((resolve) => (end = resolve));
    this.current = { since: Date.now(), cause, attempts: 0, probing: false, over, end, dropped: 0 };
    this.logger.error(
      `The chat store is unreachable (${cause}): history is held, at most ${this.maxPending} ` +
        'writes (option "storage.maxPendingWrites"), and stored when it is back',
    );
    // Writes someone waits for are refused now rather than when the store is back.
    for (const queued of this.lines.values()) {
      queued.waiting = queued.waiting.filter((entry) => {
        if (!entry.hold) entry.settle(new ChatStoreUnavailableError(cause));
        return entry.hold;
      });
    }
    this.changed();
  }

  /** A write got an answer from the store: an outage going on ends (logged once). */
  private reachable(): void {
    const outage = this.current;
    if (!outage) return;
    this.current = undefined;
    const seconds = ((Date.now() - outage.since) / 1000).toFixed(1);
    const dropped = outage.dropped ? `; ${outage.dropped} were dropped` : '';
    this.logger.log(
      `The chat store is reachable again after ${seconds} s: storing the ${this.pending} ` +
        `writes held meanwhile${dropped}`,
    );
    outage.end();
    this.changed();
  }

  /** Too many writes wait: the writes of the thread that has waited longest go. */
  private dropOldest(): void {
    const reason =
      `more than ${this.maxPending} writes waited for the store ` +
      '(option "storage.maxPendingWrites"); the oldest thread\'s are dropped first';
    for (const [threadId, line] of this.lines) {
      if (this.drop(threadId, line, new ChatWritesDroppedError(threadId, reason)) > 0) return;
    }
  }

  /** Gives up a thread's waiting writes (and its running one, if it waits for the store). */
  private drop(threadId: string, line: Line, error: ChatWritesDroppedError): number {
    const waiting = line.waiting.splice(0);
    for (const entry of waiting) entry.settle(error);
    let count = waiting.length;
    if (line.running && this.current && !line.dropped) {
      line.dropped = error;
      count++;
    }
    if (count === 0) return 0;
    line.held = false;
    if (this.current) this.current.dropped += count;
    this.logger.error(`Dropped ${count} writes of thread ${threadId}: ${error.message}`);
    this.notices.next({ type: 'dropped', threadId, count });
    this.changed();
    return count;
  }

  /** Wakes the writes that wait for a change of the outage (its end, a free turn, a drop). */
  private changed(): void {
    const fired = this.change;
    this.change = signal();
    fired.fire();
  }
}

const noop = () => undefined;

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Resolves after `ms`; its timer does not keep the process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
