import { Injectable } from '@nestjs/common';
import {
  ChatSession,
  ChatSessions,
  OnChatEnd,
  OnMessage,
  type ChatModuleOptions,
  type UserMessage,
} from 'nest-chat';
import { ChatClient, clientTracker } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** Echoes messages and tells the test which sessions ended. */
@Injectable()
class CapsBot {
  readonly ended: string[] = [];
  private waiters: { id: string; resolve: () => void }[] = [];

  @OnMessage()
  reply(message: UserMessage): string {
    return `echo ${message.content}`;
  }

  @OnChatEnd()
  end(session: ChatSession): void {
    this.ended.push(session.id);
    this.waiters = this.waiters.filter((w) => (w.id === session.id ? (w.resolve(), false) : true));
  }

  /** Resolves once the session with this id has ended. */
  endOf(id: string): Promise<void> {
    if (this.ended.includes(id)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ id, resolve }));
  }
}

/** Connect options of a client behind a proxy that forwards `address`. */
const viaProxy = (address: string) => ({ extraHeaders: { 'X-Forwarded-For': address } });

/** The message of the connect_error a handshake gets, or 'connected'. */
async function handshake(url: string, options: Parameters<typeof ChatClient.connect>[1] = {}) {
  try {
    const client = await ChatClient.connect(url, options);
    client.close();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('caps on what clients may hold', () => {
  let server: TestApp;
  const { connect, closeAll } = clientTracker();

  const start = (options: ChatModuleOptions) =>
    startApp({ providers: [CapsBot] }, options).then((app) => (server = app));

  afterEach(async () => {
    closeAll();
    await server?.close();
  });

  it('refuses a socket past maxConnectionsPerIp, naming the option, and takes one again once a socket closes', async () => {
    await start({ maxConnectionsPerIp: 2 });
    const first = await connect(server.url);
    await connect(server.url);
    expect(await handshake(server.url)).toBe(
      'connection refused: this address has 2 connections open, its limit (the maxConnectionsPerIp option)',
    );
    const closed = new Promise((resolve) => first.socket.once('disconnect', resolve));
    first.close();
    await closed;
    await expect(waitForHandshake(server.url)).resolves.toBe('connected');
  });

  it('counts the forwarded address only when trustProxy says so', async () => {
    await start({ maxConnectionsPerIp: 1, trustProxy: 'loopback' });
    await connect(server.url, viaProxy('203.0.113.7'));
    expect(await handshake(server.url, viaProxy('203.0.113.8'))).toBe('connected');
    expect(await handshake(server.url, viaProxy('203.0.113.7'))).toMatch(/maxConnectionsPerIp/);

    closeAll();
    await server.close();
    await start({ maxConnectionsPerIp: 1 }); // no trusted proxy: the header is anyone's to write
    await connect(server.url, viaProxy('203.0.113.7'));
    expect(await handshake(server.url, viaProxy('203.0.113.8'))).toMatch(/maxConnectionsPerIp/);
  });

  it('refuses a new session past maxSessions, naming the option; a known session still comes back', async () => {
    await start({ maxSessions: 2 });
    const a = await connect(server.url);
    await connect(server.url);
    expect(await handshake(server.url)).toBe(
      'connection refused: the server holds 2 sessions, its limit (the maxSessions option)',
    );
    const again = await connect(server.url, { sessionId: a.sessionId });
    const answer = (await again.ask('still here')).find((e) => e.name === 'new_message');
    expect(answer?.data.output).toBe('echo still here');
  });

  it('ends a session that never chatted after unusedSessionTimeoutMs, and one that chatted only after sessionTimeoutMs', async () => {
    await start({ unusedSessionTimeoutMs: 50, sessionTimeoutMs: 600_000 });
    const bot = server.app.get(CapsBot);
    const sessions = server.app.get(ChatSessions);
    const chatted = await connect(server.url);
    await chatted.ask('hello');
    const silent = await connect(server.url);
    chatted.close();
    silent.close();
    await bot.endOf(silent.sessionId);
    expect(sessions.get(silent.sessionId)).toBeUndefined();
    expect(sessions.get(chatted.sessionId)).toBeDefined();
    expect(bot.ended).toEqual([silent.sessionId]);
  });

  it('counts the rate limit per address too: new session ids get no new budget', async () => {
    await start({ rateLimit: { points: 3, perSeconds: 600, perAddress: 4 } });
    const a = await connect(server.url); // connection_successful: one event of each budget
    const b = await connect(server.url);
    await a.ask('one');
    b.send('two'); // the address's fourth event
    await b.next('task_end');
    b.send('three');
    const refused = await b.next('exception');
    expect(refused.data.message).toBe(
      'rate limit: at most 4 events from one address per 600 s; "client_message" refused, and the events after it are refused without an answer: wait 600 s',
    );
  });

  it('answers a flood once per window, then closes the socket of a client that keeps on', async () => {
    await start({ rateLimit: { points: 2, perSeconds: 600 } });
    const client = await connect(server.url); // connection_successful: the first point
    const gone = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    for (let i = 0; i < 100; i++) client.socket.emit('stop');
    expect(await gone).toBe('io server disconnect');
    const answers = client.events.filter((e) => e.name === 'exception');
    expect(answers).toHaveLength(1);
    expect(answers[0].data.message).toMatch(/^rate limit: at most 2 events per 600 s; "stop"/);
    // The session stays: its client may come back.
    expect(server.app.get(ChatSessions).get(client.sessionId)).toBeDefined();
  });
});

/** Tries the handshake until the server has seen the last socket close (its count goes down). */
async function waitForHandshake(url: string): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const result = await handshake(url);
    if (result === 'connected') return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return handshake(url);
}
