// What a benchmark server process answers on its IPC channel: memory after GC, event-loop delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function serveControl(extra = {}) {
  let histogram;
  process.on('message', async (message) => {
    const reply = (value) => process.send({ id: message.id, value });
    // A server may answer any of these itself (the python stand-in measures its child).
    if (extra[message.cmd]) return reply(await extra[message.cmd](message));
    switch (message.cmd) {
      case 'memory':
        for (let i = 0; i < 4; i++) {
          globalThis.gc?.();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return reply(process.memoryUsage());
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        return reply((user + system) / 1000);
      }
      case 'lag-start':
        histogram = monitorEventLoopDelay({ resolution: 1 });
        histogram.enable();
        return reply(true);
      case 'lag-stop':
        histogram.disable();
        return reply({ p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6 });
      default:
        return reply(null);
    }
  });
}
