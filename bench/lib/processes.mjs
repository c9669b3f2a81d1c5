// Child processes of the benchmark: servers and client fleets, driven over IPC.
import { fork } from 'node:child_process';

export function start(file, { env = {}, execArgv = [] } = {}) {
  const child = fork(new URL(file, import.meta.url), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map();
  let onReady;
  const ready = new Promise((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
  child.on('message', (message) => {
    if (message.ready) return onReady(message);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.value);
  });
  return {
    ready,
    call(cmd, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...args });
      });
    },
    stop() {
      child.kill();
      return new Promise((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', resolve),
      );
    },
  };
}

export async function startServer(kind, env = {}) {
  const server = start(`./server-${kind}.mjs`, { env, execArgv: ['--expose-gc'] });
  const { port } = await server.ready;
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** `count` clients spread over `processes` client processes. */
export async function startClients(url, count, processes = count >= 200 ? 2 : 1) {
  const fleets = Array.from({ length: processes }, () => start('./clients.mjs'));
  await Promise.all(fleets.map((fleet) => fleet.ready));
  const share = (i) => Math.floor(count / processes) + (i < count % processes ? 1 : 0);
  await Promise.all(fleets.map((fleet, i) => fleet.call('connect', { url, count: share(i) })));
  return {
    /** Every client sends `output` at once; the results of all of them. */
    async send(output) {
      const results = await Promise.all(fleets.map((fleet) => fleet.call('send', { output })));
      return results.flat();
    },
    async stop() {
      await Promise.all(fleets.map((fleet) => fleet.call('close')));
      await Promise.all(fleets.map((fleet) => fleet.stop()));
    },
    fleets,
  };
}
