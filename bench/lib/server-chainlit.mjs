// Baseline: a stand-in for Chainlit's transport (python-socketio on uvicorn, see
// chainlit_standin.py), run by Debian's /usr/bin/python3. This process only starts it and answers
// the benchmark's IPC for it: CPU and memory are the python process's, from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serveControl } from './server-control.mjs';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./chainlit_standin.py', import.meta.url));

/** Why the stand-in cannot run here, or undefined when it can. */
export function chainlitMissing() {
  try {
    execFileSync(PYTHON, ['-c', 'import socketio, uvicorn, wsproto'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `${PYTHON} cannot import socketio, uvicorn and wsproto (apt-get install python3-socketio python3-uvicorn)`;
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const listening = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

if (process.send) {
  const port = await freePort();
  const child = spawn(PYTHON, [SCRIPT, String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => process.exit(code ?? 1));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => child.kill('SIGTERM'));
  process.on('disconnect', () => child.kill('SIGTERM'));
  while (!(await listening(port))) await new Promise((resolve) => setTimeout(resolve, 50));

  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const status = (field) => {
    const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  };
  serveControl({
    // utime + stime (fields 14 and 15; the name in parentheses may hold spaces), in ms.
    cpu: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    memory: () => ({ rss: status('VmRSS'), heapUsed: 0, python: true }),
    // The python event loop's delay is not measured.
    'lag-start': () => true,
    'lag-stop': () => ({ p50: NaN, p99: NaN }),
    sessions: () => null,
  });
  process.send({ ready: true, port });
}
