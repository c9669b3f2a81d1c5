import { jest } from '@jest/globals';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
import { TokenCoalescer } from './token-coalescer.js';

const token = (sessionId: string, id: string, text: string, isSequence = false): ChatEvent => ({
  sessionId,
  threadId: 't',
  name: 'stream_token',
  data: { id, token: text, isSequence, isInput: false },
});
const taskEnd = (sessionId: string): ChatEvent => ({
  sessionId,
  threadId: 't',
  name: 'task_end',
  data: {},
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const summary = (events: ChatEvent[]) =>
  events.map((e) =>
    e.name === 'stream_token'
      ? `${e.sessionId}:${e.data.id}:${e.data.token}`
      : `${e.sessionId}:${e.name}`,
  );

describe('TokenCoalescer', () => {
  it('merges the tokens of a message within one event-loop turn into one event', async () => {
    const out: ChatEvent[] = [];
    const coalescer = new TokenCoalescer((e) => out.push(e));
    coalescer.push(token('s', 'm', 'a'));
    coalescer.push(token('s', 'm', 'b'));
    expect(out).toEqual([]);
    await nextTurn();
    expect(summary(out)).toEqual(['s:m:ab']);
    coalescer.push(token('s', 'm', 'c'));
    await nextTurn();
    expect(summary(out)).toEqual(['s:m:ab', 's:m:c']);
  });

  it('sends a session’s pending tokens before any other event of that session', () => {
    const out: ChatEvent[] = [];
    const coalescer = new TokenCoalescer((e) => out.push(e));
    coalescer.push(token('s', 'm', 'a'));
    coalescer.push(token('other', 'x', 'z'));
    coalescer.push(token('s', 'm', 'b'));
    coalescer.push(taskEnd('s'));
    expect(summary(out)).toEqual(['s:m:ab', 's:task_end']);
    coalescer.flush();
    expect(summary(out)).toEqual(['s:m:ab', 's:task_end', 'other:x:z']);
  });

  it('keeps messages apart and lets sequence tokens through as they are', () => {
    const out: ChatEvent[] = [];
    const coalescer = new TokenCoalescer((e) => out.push(e));
    coalescer.push(token('s', 'm1', 'a'));
    coalescer.push(token('s', 'm2', 'b'));
    coalescer.push(token('s', 'm2', 'whole', true));
    expect(summary(out)).toEqual(['s:m1:a', 's:m2:b', 's:m2:whole']);
  });
});

describe('TokenCoalescer with a flush delay', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('merges the tokens of several turns within flushMs', async () => {
    const out: ChatEvent[] = [];
    const coalescer = new TokenCoalescer((e) => out.push(e), 30);
    coalescer.push(token('s', 'm', 'a'));
    await nextTurn();
    coalescer.push(token('s', 'm', 'b'));
    await nextTurn();
    jest.advanceTimersByTime(29);
    expect(out).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(summary(out)).toEqual(['s:m:ab']);
  });
});
