// The CPU-bound work the asyncify benchmark runs, as module exports (for runFile and raw piscina).

/** Adds two numbers: a call that costs nothing, to measure per-call overhead. */
export function add(a, b) {
  return a + b;
}

/** Counts the primes below `limit` by trial division: sync, CPU-bound, self-contained. */
export function countPrimes(limit) {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** The raw piscina baseline's handler: `{ op, args }` → the export named `op`. */
export default function rawTask({ op, args }) {
  return op === 'add' ? add(...args) : countPrimes(...args);
}
