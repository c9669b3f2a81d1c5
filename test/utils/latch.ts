/** `Atomics.waitAsync` (Node 20; typed from lib es2024 on, which the project's tsconfig is not). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      cells: Int32Array,
      index: number,
      value: number,
      timeoutMs?: number,
    ): { async: boolean; value: Promise<'ok' | 'timed-out'> | 'not-equal' | 'timed-out' };
  }
).waitAsync;

/**
 * Resolves once `cells[index]` is no longer `value` (at once if it already is not); rejects
 * with `what` after `timeoutMs`. A worker thread changes the cell and calls `Atomics.notify`.
 */
export async function changed(
  cells: Int32Array,
  index: number,
  value: number,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  while (Atomics.load(cells, index) === value) {
    if ((await waitAsync(cells, index, value, timeoutMs).value) === 'timed-out') {
      throw new Error(`Timed out waiting for ${what}`);
    }
  }
}

/**
 * A latch shared with worker threads: a task on a worker says it started (`started`), and spins
 * until the test releases it (`release`), so a test knows where the worker is without timing it.
 */
export function latch() {
  const cells = new Int32Array(new SharedArrayBuffer(8)); // [tasks started, released]
  return {
    cells,
    /** Resolves once `count` tasks have started on workers. */
    async started(count = 1): Promise<void> {
      for (let seen = Atomics.load(cells, 0); seen < count; seen = Atomics.load(cells, 0)) {
        await changed(cells, 0, seen, `${count} tasks to start on workers`);
      }
    },
    release(): void {
      Atomics.store(cells, 1, 1);
    },
  };
}

/** Runs on a worker (self-contained): says it started, then spins until released. */
export const spinUntilReleased = (cells: Int32Array) => {
  Atomics.add(cells, 0, 1);
  Atomics.notify(cells, 0);
  while (Atomics.load(cells, 1) === 0);
  return 'released';
};
