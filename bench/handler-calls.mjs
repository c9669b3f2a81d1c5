// What a chat handler call costs with and without Nest enhancers: 100,000 calls of one
// `@OnMessage` handler through ChatExplorer (its result delivered to a no-op), median of 5 runs.
// `npm run build && node bench/handler-calls.mjs`. Not a test: figures for the README.
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';

const dist = new URL('../libs/chat/dist/', import.meta.url);
const { ChatExplorer } = await import(new URL('discovery/chat.explorer.js', dist).href);
const { ChatMetadataAccessor } = await import(
  new URL('discovery/chat-metadata.accessor.js', dist).href
);
const { ChatSession } = await import(new URL('session/chat-session.js', dist).href);
const { OnMessage } = await import(new URL('decorators/on-message.decorator.js', dist).href);

class Bot {
  reply(message) {
    return message.content;
  }
}
const descriptor = Object.getOwnPropertyDescriptor(Bot.prototype, 'reply');
OnMessage()(Bot.prototype, 'reply', descriptor);
Injectable()(Bot);

class Pass {
  canActivate() {
    return true;
  }
}
class Through {
  intercept(_context, next) {
    return next.handle();
  }
}
class Same {
  transform(value) {
    return value;
  }
}
class Never {
  catch() {}
}

const SETUPS = {
  'no enhancers': [],
  'a global guard': [{ provide: APP_GUARD, useClass: Pass }],
  'a global guard and interceptor': [
    { provide: APP_GUARD, useClass: Pass },
    { provide: APP_INTERCEPTOR, useClass: Through },
  ],
  'guard, interceptor, pipe and filter': [
    { provide: APP_GUARD, useClass: Pass },
    { provide: APP_INTERCEPTOR, useClass: Through },
    { provide: APP_PIPE, useClass: Same },
    { provide: APP_FILTER, useClass: Never },
  ],
};

const N = 100_000;
const session = new ChatSession(
  { id: 's', threadId: 't', clientType: 'webapp', env: {} },
  { publish() {}, reportError() {}, assistantName: 'Assistant', taskOf: () => undefined },
);
const message = { id: 'm', content: 'hi', threadId: 't', createdAt: '', files: [] };
const deliver = async () => {};

for (const [name, providers] of Object.entries(SETUPS)) {
  const app = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ChatExplorer, ChatMetadataAccessor, Bot, ...providers],
  })
    .setLogger(false)
    .compile();
  await app.init();
  const [handler] = app.get(ChatExplorer).get('message');
  const call = () => handler.invoke(session, [message, session], deliver);
  for (let i = 0; i < N / 5; i++) await call();
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await call();
    runs.push(Number(process.hrtime.bigint() - t0) / N / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(36)} ${runs[2].toFixed(2)} µs per call (min ${runs[0].toFixed(2)}, max ${runs[4].toFixed(2)})`,
  );
  await app.close();
}
