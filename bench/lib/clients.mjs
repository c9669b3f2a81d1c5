// A benchmark client process: many socket.io clients, driven by the parent over IPC.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

const now = () => performance.now();
let sockets = [];

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/ws/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: {
        clientType: 'webapp',
        sessionId: randomUUID(),
        threadId: '',
        userEnv: '{}',
        chatProfile: '',
      },
    });
    socket.once('connect', () => {
      socket.emit('connection_successful');
      resolve(socket);
    });
    socket.once('connect_error', reject);
  });
}

function send(socket, output) {
  socket.emit('client_message', {
    message: {
      id: randomUUID(),
      name: 'User',
      type: 'user_message',
      output,
      createdAt: new Date().toISOString(),
    },
  });
}

/** Sends `output` and resolves when its reply is whole: first-token and done times, characters. */
function exchange(socket, output, start) {
  return new Promise((resolve) => {
    let first;
    let chars = 0;
    const done = (message) => {
      socket.off('stream_start', onStart).off('stream_token', onToken);
      socket.off('update_message', onUpdate).off('new_message', onNew);
      resolve({
        first: (first ?? now()) - start,
        done: now() - start,
        chars: chars || message.output.length,
      });
    };
    const onStart = (message) => {
      first ??= now();
      chars += message.output.length;
    };
    const onToken = ({ token }) => (chars += token.length);
    const onUpdate = (message) => message.streaming === false && done(message);
    const onNew = (message) =>
      message.type === 'assistant_message' && message.output && done(message);
    socket.on('stream_start', onStart).on('stream_token', onToken);
    socket.on('update_message', onUpdate).on('new_message', onNew);
    send(socket, output);
  });
}

async function connectAll(url, count, parallel = 100) {
  const made = [];
  for (let i = 0; i < count; i += parallel) {
    made.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(parallel, count - i) }, () => connect(url)),
      )),
    );
  }
  return made;
}

const handlers = {
  async connect({ url, count }) {
    sockets = await connectAll(url, count);
    await new Promise((resolve) => setTimeout(resolve, 200)); // chat start events settle
    return sockets.length;
  },
  async send({ output }) {
    const start = now();
    const results = await Promise.all(sockets.map((socket) => exchange(socket, output, start)));
    return results;
  },
  async close() {
    for (const socket of sockets) socket.close();
    sockets = [];
    return true;
  },
  async cycles({ url, count, parallel }) {
    let left = count;
    const worker = async () => {
      while (left-- > 0) {
        const socket = await connect(url);
        await exchange(socket, 'echo hi', now());
        socket.emit('clear_session');
        socket.close();
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return count;
  },
  async latency({ url, count }) {
    const socket = await connect(url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = now();
      times.push((await exchange(socket, `echo ${i}`, start)).done);
    }
    socket.close();
    return times;
  },
};

process.on('message', async (message) => {
  try {
    process.send({ id: message.id, value: await handlers[message.cmd](message) });
  } catch (error) {
    process.send({ id: message.id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
