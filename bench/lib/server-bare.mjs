// Baseline: a bare socket.io server doing the same work and emitting the same events.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { gate, parse, sleep, tokenSource } from './work.mjs';
import { serveControl } from './server-control.mjs';

const limit = gate(Number(process.env.BENCH_GATE ?? 0));
const http = createServer();
const io = new Server(http, { path: '/ws/socket.io' });

io.on('connection', (socket) => {
  const threadId = randomUUID();
  socket.on('client_message', ({ message }) => {
    const { command, args } = parse(message.output);
    const step = (output) => ({
      id: randomUUID(),
      threadId,
      name: 'Assistant',
      type: 'assistant_message',
      output,
      createdAt: new Date().toISOString(),
    });
    const stream = async (count) => {
      const reply = step('');
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
    };
    void limit(async () => {
      if (command === 'echo') socket.emit('new_message', step(args.join(' ')));
      else if (command === 'stream') await stream(Number(args[0]));
      else if (command === 'wait') {
        await sleep(Number(args[0]));
        await stream(Number(args[1]));
      }
    });
  });
});

serveControl({ sessions: () => io.engine.clientsCount });
http.listen(0, '127.0.0.1', () => process.send({ ready: true, port: http.address().port }));
