import { jest } from '@jest/globals';
import { HttpStatus, Logger } from '@nestjs/common';
import { ChatStoreUnavailableError } from '../errors/chat-store-unavailable.error.js';
import type { ChatStorageOptions } from '../options/chat-storage-options.interface.js';
import { type ThreadWriteNotice, ThreadWriteQueue } from './thread-write.queue.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `test()` is true, checking every 5 ms. */
async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await later(5);
  }
}

/** A database that can be down: its writes then fail as pg's do (ECONNREFUSED). */
class Database {
  down = false;
  readonly rows: string[] = [];
  attempts = 0;
  inFlight = 0;
  /** The most writes tried at once while the queue knew the store was down. */
  mostAtOnceInOutage = 0;

  constructor(private readonly queue: () => ThreadWriteQueue) {}

  write(row: string) {
    return async () => {
      this.attempts++;
      this.inFlight++;
      if (this.queue().outage) {
        this.mostAtOnceInOutage = Math.max(this.mostAtOnceInOutage, this.inFlight);
      }
      try {
        await later(1);
        if (this.down) {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
            code: 'ECONNREFUSED',
          });
        }
        this.rows.push(row);
      } finally {
        this.inFlight--;
      }
    };
  }
}

describe('ThreadWriteQueue', () => {
  let queue: ThreadWriteQueue;
  let errors: unknown[][];
  let logs: unknown[][];
  let notices: ThreadWriteNotice[];
  let db: Database;

  const start = (storage?: ChatStorageOptions) => {
    queue = new ThreadWriteQueue(storage);
    notices = [];
    queue.notices$.subscribe((notice) => notices.push(notice));
  };

  beforeEach(() => {
    start();
    db = new Database(() => queue);
    errors = [];
    logs = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args);
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation((...args: unknown[]) => {
      logs.push(args);
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("runs a thread's writes one at a time, in the order they were queued, whatever each one takes", async () => {
    const log: string[] = [];
    for (const [name, ms] of [
      ['a', 30],
      ['b', 0],
      ['c', 10],
    ] as const) {
      queue.push('t1', name, async () => {
        log.push(`${name}:start`);
        await later(ms);
        log.push(`${name}:end`);
      });
    }
    await queue.drain();
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('does not make one thread wait for another', async () => {
    const log: string[] = [];
    queue.push('slow', 'slow', async () => {
      await later(50);
      log.push('slow');
    });
    await queue.run('fast', async () => log.push('fast'));
    expect(log).toEqual(['fast']);
    await queue.drain();
    expect(log).toEqual(['fast', 'slow']);
  });

  it('logs a failed write with what and which thread, and goes on with the next one', async () => {
    const log: string[] = [];
    queue.push('t1', 'step s1', async () => {
      throw new Error('disk full');
    });
    queue.push('t1', 'step s2', async () => void log.push('s2'));
    await queue.drain();
    expect(log).toEqual(['s2']);
    expect(errors).toEqual([
      ['Could not store step s1 of thread t1: disk full', expect.any(String)],
    ]);
  });

  it('gives run() callers the outcome of their write, and the queue goes on after a failure', async () => {
    await expect(queue.run('t1', async () => 42)).resolves.toBe(42);
    await expect(
      queue.run('t1', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(queue.run('t1', async () => 'next')).resolves.toBe('next');
    expect(errors).toEqual([]);
  });

  it('drains writes queued while draining; flush waits only for those queued before it', async () => {
    const log: string[] = [];
    queue.push('t1', 'first', async () => {
      await later(10);
      log.push('first');
      queue.push('t2', 'queued meanwhile', async () => {
        await later(10);
        log.push('meanwhile');
      });
    });
    await queue.flush();
    expect(log).toEqual(['first']);
    await queue.drain();
    expect(log).toEqual(['first', 'meanwhile']);
    expect(queue.size).toBe(0);
  });

  it('forgets a thread once its writes are done', async () => {
    queue.push('t1', 'a', async () => undefined);
    queue.push('t2', 'b', async () => undefined);
    expect(queue.size).toBe(2);
    await queue.drain();
    expect(queue.size).toBe(0);
  });

  describe('while the store is unreachable', () => {
    it('holds the writes and stores them all, in order per thread, once it is back; the log has one line for each', async () => {
      db.down = true;
      for (const row of ['a1', 'a2', 'a3']) queue.push('a', row, db.write(row));
      for (const row of ['b1', 'b2']) queue.push('b', row, db.write(row));
      await until(() => notices.length === 2, 'both threads to be held');
      expect(notices).toEqual([
        { type: 'held', threadId: 'a' },
        { type: 'held', threadId: 'b' },
      ]);
      expect(queue.outage).toEqual({
        since: expect.any(Date),
        cause: 'connect ECONNREFUSED 127.0.0.1:5432',
        pendingWrites: 5,
      });
      const tries = db.attempts;
      await until(() => db.attempts >= tries + 2, 'the store to be tried again');
      expect(db.rows).toEqual([]);

      db.down = false;
      await queue.drain();
      expect(db.rows.filter((row) => row.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
      expect(db.rows.filter((row) => row.startsWith('b'))).toEqual(['b1', 'b2']);
      expect(notices.slice(2)).toEqual(
        expect.arrayContaining([
          { type: 'saved', threadId: 'a' },
          { type: 'saved', threadId: 'b' },
        ]),
      );
      expect(queue.outage).toBeUndefined();
      expect(errors).toEqual([
        [
          'The chat store is unreachable (connect ECONNREFUSED 127.0.0.1:5432): history is held, at most 10000 writes (option "storage.maxPendingWrites"), and stored when it is back',
        ],
      ]);
      expect(logs).toEqual([
        [
          expect.stringMatching(
            /^The chat store is reachable again after \d+\.\d s: storing the 5 writes held meanwhile$/,
          ),
        ],
      ]);
    });

    it('tries the store with one write at a time, whatever the number of threads held', async () => {
      db.down = true;
      for (const thread of ['a', 'b', 'c', 'd', 'e']) queue.push(thread, thread, db.write(thread));
      await until(() => notices.length === 5, 'every thread to be held');
      const tries = db.attempts;
      await until(() => db.attempts >= tries + 3, 'three more tries');
      expect(db.mostAtOnceInOutage).toBe(1);
      db.down = false;
      await queue.drain();
      expect([...db.rows].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('refuses at once the writes someone waits for (run), and flush() does not wait for held writes', async () => {
      db.down = true;
      queue.push('a', 'a1', db.write('a1'));
      await until(() => notices.length === 1, 'the thread to be held');
      const refused = await queue.run('a', async () => 'renamed').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ChatStoreUnavailableError);
      expect((refused as ChatStoreUnavailableError).getStatus()).toBe(
        HttpStatus.SERVICE_UNAVAILABLE,
      );
      expect((refused as Error).message).toBe(
        'The chat history store is unreachable (connect ECONNREFUSED 127.0.0.1:5432); try again when it is back',
      );
      await expect(queue.flush()).rejects.toBeInstanceOf(ChatStoreUnavailableError);
      db.down = false;
      await queue.drain();
      await queue.flush();
      await expect(queue.run('a', async () => 'renamed')).resolves.toBe('renamed');
      expect(db.rows).toEqual(['a1']);
    });

    it('does not retry a write that fails for its own reason: the store answered', async () => {
      let tries = 0;
      queue.push('a', 'step s1', async () => {
        tries++;
        throw Object.assign(new Error('duplicate key value violates unique constraint'), {
          code: '23505',
        });
      });
      queue.push('a', 'step s2', db.write('s2'));
      await queue.drain();
      expect(tries).toBe(1);
      expect(db.rows).toEqual(['s2']);
      expect(errors).toEqual([
        [
          'Could not store step s1 of thread a: duplicate key value violates unique constraint',
          expect.any(String),
        ],
      ]);
      expect(notices).toEqual([]);
    });

    it('drops the writes of the thread that waited longest past storage.maxPendingWrites, with one error naming it', async () => {
      start({ driver: 'pglite', maxPendingWrites: 3 });
      db.down = true;
      queue.push('old', 'o1', db.write('o1'));
      queue.push('old', 'o2', db.write('o2'));
      await until(() => notices.length === 1, 'the old thread to be held');
      queue.push('new', 'n1', db.write('n1'));
      expect(errors).toHaveLength(1); // the outage
      queue.push('new', 'n2', db.write('n2'));
      expect(notices.slice(1)).toEqual([{ type: 'dropped', threadId: 'old', count: 2 }]);
      expect(errors[1]).toEqual([
        'Dropped 2 writes of thread old: The writes of thread old waiting for the store were dropped: more than 3 writes waited for the store (option "storage.maxPendingWrites"); the oldest thread\'s are dropped first',
      ]);
      db.down = false;
      await queue.drain();
      expect(db.rows).toEqual(['n1', 'n2']);
      expect(logs).toEqual([[expect.stringMatching(/held meanwhile; 2 were dropped$/)]]);
      expect(errors).toHaveLength(2);
    });

    it('gives up the held writes at shutdown once its time is up, naming each thread', async () => {
      db.down = true;
      queue.push('a', 'a1', db.write('a1'));
      queue.push('b', 'b1', db.write('b1'));
      queue.push('b', 'b2', db.write('b2'));
      await until(() => notices.length === 2, 'both threads to be held');
      await queue.close(50);
      expect(errors.slice(1).map(([message]) => message)).toEqual([
        expect.stringMatching(
          /^Dropped 1 writes of thread a: .* the application shut down while the store was unreachable \(connect ECONNREFUSED/,
        ),
        expect.stringMatching(/^Dropped 2 writes of thread b: /),
      ]);
      await until(() => queue.pending === 0, 'the running writes to give up');
      expect(db.rows).toEqual([]);
    });
  });
});
