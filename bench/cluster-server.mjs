// nest-chat on Redis for the cluster benchmark: server-nest.mjs's bot, with the `redis` option
// when BENCH_REDIS_URL is set (BENCH_REDIS_PREFIX: the key prefix the instances share).
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChatModule, ChatSessions, OnMessage } from 'nest-chat';
import { parse, tokenSource } from './lib/work.mjs';
import { serveControl } from './lib/server-control.mjs';

class BenchBot {
  async reply(message, session) {
    const { command, args } = parse(message.content);
    if (command === 'echo') await session.send(args.join(' '));
    else if (command === 'stream') await session.send(tokenSource(Number(args[0])));
  }
}
Injectable()(BenchBot);
OnMessage()(
  BenchBot.prototype,
  'reply',
  Object.getOwnPropertyDescriptor(BenchBot.prototype, 'reply'),
);

const url = process.env.BENCH_REDIS_URL;
const BenchModule = ChatModule.forRoot({
  // Measured like bare socket.io: no per-session rate limit (a latency run sends 200 at once).
  rateLimit: false,
  redis: url ? { url, keyPrefix: process.env.BENCH_REDIS_PREFIX ?? 'nest-chat-bench' } : false,
});
BenchModule.providers = [...(BenchModule.providers ?? []), BenchBot];

process.on('SIGINT', () => process.exit(0));
const app = await NestFactory.create(BenchModule, { logger: ['error'] });
const sessions = app.get(ChatSessions);
serveControl({ sessions: () => sessions.size });
await app.listen(0, '127.0.0.1');
process.send({ ready: true, port: new URL(await app.getUrl()).port });
