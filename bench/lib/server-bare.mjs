// Baseline: a bare socket.io server doing the same work and emitting the same events.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { gate, parse, sleep, tokenSource } from './work.mjs';
import { serveControl } from './server-control.mjs';

const limit = gate(Number(process.env.BENCH_GATE ?? 0));
const http = createServer();
const io = new Server(http, { path: '/ws/socket.io' });

/** An assistant message as the Chainlit client expects it. */
const step = (threadId, output) => ({
  id: randomUUID(),
  threadId,
  name: 'Assistant',
  type: 'assistant_message',
  output,
  createdAt: new Date().toISOString(),
});

/** Streams `count` tokens as one message, event by event, as a hand-written server would. */
async function streamTo(socket, threadId, count) {
  const reply = step(threadId, '');
  let started = false;
  for await (const token of tokenSource(count)) {
    reply.output += token;
    if (!started) {
      started = true;
      socket.emit('stream_start', { ...reply, streaming: true });
    } else {
      socket.emit('stream_token', { id: reply.id, token, isSequence: false, isInput: false });
    }
  }
  socket.emit('update_message', { ...reply, streaming: false });
}

io.on('connection', (socket) => {
  const threadId = randomUUID();
  socket.on('client_message', ({ message }) => {
    const { command, args } = parse(message.output);
    void limit(async () => {
      if (command === 'echo') socket.emit('new_message', step(threadId, args.join(' ')));
      else if (command === 'stream') await streamTo(socket, threadId, Number(args[0]));
      else if (command === 'wait') {
        await sleep(Number(args[0]));
        await streamTo(socket, threadId, Number(args[1]));
      }
    });
  });
});

serveControl({ sessions: () => io.engine.clientsCount });
http.listen(0, '127.0.0.1', () => process.send({ ready: true, port: http.address().port }));
