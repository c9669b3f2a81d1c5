import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ThreadWriteQueue } from './thread-write.queue.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ThreadWriteQueue', () => {
  let queue: ThreadWriteQueue;
  let errors: unknown[][];

  beforeEach(() => {
    queue = new ThreadWriteQueue();
    errors = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args);
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
});
