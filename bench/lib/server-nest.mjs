// nest-chat under test: a Nest app with ChatModule and one message handler doing the bench work.
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChatModule, ChatSessions, OnMessage } from 'nest-chat';
import { gate, parse, sleep, tokenSource } from './work.mjs';
import { serveControl } from './server-control.mjs';

const limit = gate(Number(process.env.BENCH_GATE ?? 0));

class BenchBot {
  reply(message, session) {
    const { command, args } = parse(message.content);
    // Inside the gate until the answer is out, as a thread of a pool would be.
    return limit(async () => {
      if (command === 'echo') await session.send(args.join(' '));
      else if (command === 'stream') await session.send(tokenSource(Number(args[0])));
      else if (command === 'wait') {
        await sleep(Number(args[0]));
        await session.send(tokenSource(Number(args[1])));
      }
    });
  }
}
Injectable()(BenchBot);
OnMessage()(
  BenchBot.prototype,
  'reply',
  Object.getOwnPropertyDescriptor(BenchBot.prototype, 'reply'),
);

// On Redis when BENCH_REDIS_URL is set (the cluster benchmark; BENCH_REDIS_PREFIX: the key
// prefix its instances share).
const redisUrl = process.env.BENCH_REDIS_URL;
const BenchModule = ChatModule.forRoot({
  // Measured like bare socket.io: no rate limit (the latency run sends 200 at once), and no cap
  // on sockets from one address (every benchmark client connects from loopback).
  rateLimit: false,
  maxConnectionsPerIp: 0,
  // The defaults, unless set (BENCH_COALESCE=false, BENCH_FLUSH_MS=ms, BENCH_FLUSH_MAX_MS=ms).
  ...(process.env.BENCH_COALESCE ? { coalesceTokens: process.env.BENCH_COALESCE !== 'false' } : {}),
  ...(process.env.BENCH_FLUSH_MS ? { tokenFlushMs: Number(process.env.BENCH_FLUSH_MS) } : {}),
  ...(process.env.BENCH_FLUSH_MAX_MS
    ? { tokenFlushMaxMs: Number(process.env.BENCH_FLUSH_MAX_MS) }
    : {}),
  redis: redisUrl
    ? { url: redisUrl, keyPrefix: process.env.BENCH_REDIS_PREFIX ?? 'nest-chat-bench' }
    : false,
});
BenchModule.providers = [...(BenchModule.providers ?? []), BenchBot];

process.on('SIGINT', () => process.exit(0));
const app = await NestFactory.create(BenchModule, { logger: ['error'] });
const sessions = app.get(ChatSessions);
serveControl({ sessions: () => sessions.size });
await app.listen(0, '127.0.0.1');
process.send({ ready: true, port: new URL(await app.getUrl()).port });
