// The work both benchmark servers do for a message, so nest-chat and bare socket.io are compared
// on the same source: one token per event-loop turn, as tokens arriving from a network would.

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` tokens, one per event-loop turn. */
export async function* tokenSource(count) {
  for (let i = 0; i < count; i++) {
    await nextTurn();
    yield `t${i} `;
  }
}

/** At most `limit` bodies at once (0: no limit): a thread pool's concurrency, simulated. */
export function gate(limit) {
  if (!limit) return (body) => body();
  let active = 0;
  const waiting = [];
  return async (body) => {
    if (active >= limit) await new Promise((resolve) => waiting.push(resolve));
    active++;
    try {
      return await body();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Parses a benchmark command: `stream N`, `wait MS N`, `echo TEXT`. */
export function parse(output) {
  const [command, ...args] = output.split(' ');
  return { command, args };
}
