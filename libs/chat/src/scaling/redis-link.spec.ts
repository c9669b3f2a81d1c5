import type { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { RedisLink } from './redis-link.js';

/** A stand-in for a `redis` client: its readiness, and the events node-redis emits. */
class Client extends EventEmitter {
  isReady = true;
  lose(message: string): void {
    this.isReady = false;
    this.emit('error', new Error(message));
  }
  failAgain(message: string): void {
    this.emit('error', new Error(message));
  }
  reconnect(): void {
    this.isReady = true;
    this.emit('ready');
  }
}

function linked() {
  const lines: string[] = [];
  const logger = {
    log: (line: string) => lines.push(`log: ${line}`),
    error: (line: string) => lines.push(`error: ${line}`),
  } as unknown as Logger;
  const client = new Client();
  const link = new RedisLink(client, 'redis://h:6379', logger);
  return { client, link, lines };
}

const AWAY =
  "error: Redis at redis://h:6379 is unavailable (Socket closed unexpectedly): events reach this instance's clients only, and dropped sockets are not recovered, until it is back";
const BACK = 'log: Redis at redis://h:6379 is back: events reach every instance again';

describe('RedisLink', () => {
  it('logs one line when Redis goes away and one when it is back, however many errors meanwhile', () => {
    const { client, link, lines } = linked();
    expect(link.up).toBe(true);
    client.lose('Socket closed unexpectedly');
    expect(link.up).toBe(false);
    for (let i = 0; i < 100; i++) client.failAgain('connect ECONNREFUSED 127.0.0.1:6379');
    client.reconnect();
    expect(link.up).toBe(true);
    expect(lines).toEqual([AWAY, BACK]);
  });

  it('is down from the moment the client is not ready, before any error is emitted', () => {
    const { client, link } = linked();
    client.isReady = false;
    expect(link.up).toBe(false);
  });

  it('ignores an error of a client that is still ready (a failed command, not the connection)', () => {
    const { client, link, lines } = linked();
    client.failAgain('WRONGTYPE');
    expect(link.up).toBe(true);
    expect(lines).toEqual([]);
  });

  it('is down while publishes go unanswered, and back at the first answer', () => {
    const { link, lines } = linked();
    link.stall(2000);
    link.stall(2000);
    expect(link.up).toBe(false);
    link.answered();
    link.answered();
    expect(link.up).toBe(true);
    expect(lines).toEqual([
      "error: Redis at redis://h:6379 is unavailable (no answer in 2000 ms): events reach this instance's clients only, and dropped sockets are not recovered, until it is back",
      BACK,
    ]);
  });

  it('is back only once every connection it watches is ready again', () => {
    const { client, link, lines } = linked();
    const reader = new Client();
    reader.isReady = false; // connecting: not lost
    link.watch(reader);
    reader.reconnect();
    expect(lines).toEqual([]);

    client.lose('Socket closed unexpectedly');
    reader.lose('Socket closed unexpectedly');
    client.reconnect();
    // Broadcasts can be published again; events from other instances are not read yet.
    expect(link.up).toBe(true);
    expect(lines).toEqual([AWAY]);
    reader.reconnect();
    expect(lines).toEqual([AWAY, BACK]);
  });
});
