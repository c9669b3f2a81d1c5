import { jest } from '@jest/globals';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
import { TokenCoalescer } from './token-coalescer.js';

const token = (
  sessionId: string,
  id: string,
  text: string,
  options: { isSequence?: boolean; isInput?: boolean } = {},
): ChatEvent => ({
  sessionId,
  threadId: 't',
  name: 'stream_token',
  data: {
    id,
    token: text,
    isSequence: options.isSequence ?? false,
    isInput: options.isInput ?? false,
  },
});
const other = (sessionId: string, name: 'task_end' | 'update_message' = 'task_end'): ChatEvent =>
  ({ sessionId, threadId: 't', name, data: {} }) as ChatEvent;
const summary = (events: ChatEvent[]) =>
  events.map((e) =>
    e.name === 'stream_token'
      ? `${e.sessionId}:${e.data.id}:${e.data.isInput ? 'in:' : ''}${e.data.token}`
      : `${e.sessionId}:${e.name}`,
  );

describe('TokenCoalescer', () => {
  let out: ChatEvent[];
  let coalescer: TokenCoalescer;

  beforeEach(() => {
    jest.useFakeTimers();
    out = [];
    coalescer = new TokenCoalescer((e) => out.push(e), 16);
  });

  afterEach(() => {
    coalescer.stop();
    jest.useRealTimers();
  });

  it('sends a session’s first token at once and merges the next ones of the window', () => {
    coalescer.push(token('s', 'm', 'a'));
    expect(summary(out)).toEqual(['s:m:a']);
    coalescer.push(token('s', 'm', 'b'));
    coalescer.push(token('s', 'm', 'c'));
    jest.advanceTimersByTime(15);
    expect(summary(out)).toEqual(['s:m:a']);
    jest.advanceTimersByTime(1);
    expect(summary(out)).toEqual(['s:m:a', 's:m:bc']);
    coalescer.push(token('s', 'm', 'd'));
    jest.advanceTimersByTime(16);
    expect(summary(out)).toEqual(['s:m:a', 's:m:bc', 's:m:d']);
  });

  it('merges the tokens right after a stream_start, which holds the message’s first token', () => {
    const start = { sessionId: 's', threadId: 't', name: 'stream_start', data: {} } as ChatEvent;
    coalescer.push(start);
    coalescer.push(token('s', 'm', 'b'));
    coalescer.push(token('s', 'm', 'c'));
    expect(summary(out)).toEqual(['s:stream_start']);
    jest.advanceTimersByTime(16);
    expect(summary(out)).toEqual(['s:stream_start', 's:m:bc']);
  });

  it('sends each token at once to a session that streams slower than the window', () => {
    for (const text of ['a', 'b', 'c']) {
      coalescer.push(token('s', 'm', text));
      jest.advanceTimersByTime(40);
    }
    expect(summary(out)).toEqual(['s:m:a', 's:m:b', 's:m:c']);
  });

  it('keeps sessions apart: one streaming fast delays no other', () => {
    coalescer.push(token('fast', 'm', 'a'));
    coalescer.push(token('fast', 'm', 'b'));
    coalescer.push(token('slow', 'x', 'z'));
    expect(summary(out)).toEqual(['fast:m:a', 'slow:x:z']);
    jest.advanceTimersByTime(16);
    expect(summary(out)).toEqual(['fast:m:a', 'slow:x:z', 'fast:m:b']);
  });

  it('sends what a session holds before any other event of that session', () => {
    coalescer.push(token('s', 'm', 'a'));
    coalescer.push(token('s', 'm', 'b'));
    coalescer.push(token('other', 'x', 'y'));
    coalescer.push(token('other', 'x', 'z'));
    coalescer.push(token('s', 'm', 'c'));
    coalescer.push(other('s', 'update_message'));
    expect(summary(out)).toEqual(['s:m:a', 'other:x:y', 's:m:bc', 's:update_message']);
    jest.advanceTimersByTime(16);
    expect(summary(out)).toEqual(['s:m:a', 'other:x:y', 's:m:bc', 's:update_message', 'other:x:z']);
  });

  it('never merges tokens of different messages, of input and output, or sequence tokens', () => {
    coalescer.push(token('s', 'm1', 'a'));
    coalescer.push(token('s', 'm1', 'b'));
    coalescer.push(token('s', 'm2', 'c'));
    coalescer.push(token('s', 'm2', 'i', { isInput: true }));
    coalescer.push(token('s', 'm2', 'd'));
    coalescer.push(token('s', 'm2', 'e'));
    coalescer.push(token('s', 'm2', 'whole', { isSequence: true }));
    coalescer.push(token('s', 'm2', 'f'));
    jest.advanceTimersByTime(16);
    expect(summary(out)).toEqual([
      's:m1:a',
      's:m1:b',
      's:m2:c',
      's:m2:in:i',
      's:m2:de',
      's:m2:whole',
      's:m2:f',
    ]);
  });

  it('sends what is held now on flush: of one session, or of all', () => {
    coalescer.push(token('s', 'm', 'a'));
    coalescer.push(token('s', 'm', 'b'));
    coalescer.push(token('t', 'n', 'x'));
    coalescer.push(token('t', 'n', 'y'));
    coalescer.flush('s');
    expect(summary(out)).toEqual(['s:m:a', 't:n:x', 's:m:b']);
    coalescer.push(token('s', 'm', 'c'));
    coalescer.flush();
    expect(summary(out)).toEqual(['s:m:a', 't:n:x', 's:m:b', 's:m:c', 't:n:y']);
    jest.advanceTimersByTime(100);
    expect(out).toHaveLength(5);
  });

  describe('while the event loop runs late', () => {
    /** How late the window's timers fire, in ms: added to the clock the coalescer reads. */
    let lag: number;

    beforeEach(() => {
      coalescer.stop();
      lag = 0;
      coalescer = new TokenCoalescer(
        (e) => out.push(e),
        16,
        100,
        () => Date.now() + lag,
      );
    });

    /** Lets the window's timer fire `ms` late. */
    const late = (ms: number) => {
      lag += ms;
      jest.advanceTimersByTime(coalescer.window);
    };

    it('lengthens the window to a few turns of the loop, up to its maximum', () => {
      coalescer.push(token('s', 'm', 'a'));
      coalescer.push(token('s', 'm', 'b'));
      late(30);
      expect(summary(out)).toEqual(['s:m:a', 's:m:b']);
      expect(coalescer.window).toBe(45);
      coalescer.push(token('s', 'm', 'c'));
      coalescer.push(token('s', 'm', 'd'));
      jest.advanceTimersByTime(44);
      expect(summary(out)).toEqual(['s:m:a', 's:m:b']);
      jest.advanceTimersByTime(1);
      expect(summary(out)).toEqual(['s:m:a', 's:m:b', 's:m:cd']);
      for (const text of ['e', 'f', 'g']) {
        coalescer.push(token('s', 'm', text));
        late(30);
      }
      expect(coalescer.window).toBe(100);
      expect(summary(out)).toEqual(['s:m:a', 's:m:b', 's:m:cd', 's:m:e', 's:m:f', 's:m:g']);
    });

    it('still sends a session’s first token at once', () => {
      coalescer.push(token('s', 'm', 'a'));
      coalescer.push(token('s', 'm', 'b'));
      late(60);
      expect(coalescer.window).toBe(90);
      coalescer.push(token('s', 'm', 'c'));
      coalescer.push(token('new', 'x', 'first'));
      expect(summary(out)).toEqual(['s:m:a', 's:m:b', 'new:x:first']);
    });

    it('shortens the window as the loop catches up, and resets it once no session streams', () => {
      coalescer.push(token('s', 'm', 'a'));
      coalescer.push(token('s', 'm', 'b'));
      late(60);
      expect(coalescer.window).toBe(90);
      coalescer.push(token('s', 'm', 'c'));
      late(0);
      expect(coalescer.window).toBe(67.5);
      late(0);
      expect(coalescer.window).toBe(16);
      expect(summary(out)).toEqual(['s:m:a', 's:m:b', 's:m:c']);
    });

    it('keeps the window fixed when its maximum is no longer than flushMs', () => {
      coalescer.stop();
      coalescer = new TokenCoalescer(
        (e) => out.push(e),
        16,
        0,
        () => Date.now() + lag,
      );
      coalescer.push(token('s', 'm', 'a'));
      coalescer.push(token('s', 'm', 'b'));
      late(60);
      expect(coalescer.window).toBe(16);
    });
  });
});
