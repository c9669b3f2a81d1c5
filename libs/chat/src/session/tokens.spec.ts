import { jest } from '@jest/globals';
import { tokensOf } from './tokens.js';

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const tokens: string[] = [];
  for await (const token of source) tokens.push(token);
  return tokens;
}

describe('tokensOf', () => {
  it('splits a text into words, each with the whitespace that follows it', async () => {
    expect(await collect(tokensOf('You said: hi'))).toEqual(['You ', 'said: ', 'hi']);
  });

  it('keeps runs of whitespace, tabs and newlines on the word before them', async () => {
    expect(await collect(tokensOf('one  two\tthree\n\nfour \n'))).toEqual([
      'one  ',
      'two\t',
      'three\n\n',
      'four \n',
    ]);
  });

  it('yields leading whitespace as a token of its own', async () => {
    expect(await collect(tokensOf('\n  indented'))).toEqual(['\n  ', 'indented']);
  });

  it.each([
    ['plain words', 'The quick brown fox'],
    ['leading and trailing whitespace', '  padded  '],
    ['newlines and tabs', '  leading\n\ntwo  spaces\tand a tab \n'],
    ['only whitespace', ' \n\t '],
    ['one word', 'word'],
    ['punctuation and unicode', 'Grüße, 世界! — ok?\r\n'],
  ])('joins back to exactly the original text (%s)', async (_, text) => {
    expect((await collect(tokensOf(text))).join('')).toBe(text);
  });

  it('yields nothing for an empty text', async () => {
    expect(await collect(tokensOf(''))).toEqual([]);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const token of tokensOf('a b c d', { signal: controller.signal })) {
      seen.push(token);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['a ', 'b ']);
  });

  it('yields nothing when its signal has already aborted', async () => {
    expect(await collect(tokensOf('a b c', { signal: AbortSignal.abort() }))).toEqual([]);
  });

  describe('with delayMs', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('yields no token after its signal aborts during the delay before it', async () => {
      const controller = new AbortController();
      const tokens = tokensOf('a b c d', { delayMs: 30, signal: controller.signal });
      const first = tokens.next();
      await jest.advanceTimersByTimeAsync(30);
      expect(await first).toEqual({ value: 'a ', done: false });
      const second = tokens.next();
      await jest.advanceTimersByTimeAsync(15);
      controller.abort();
      await jest.advanceTimersByTimeAsync(15);
      expect(await second).toEqual({ value: undefined, done: true });
    });

    it('spaces the tokens out by delayMs', async () => {
      const seen: string[] = [];
      const done = (async () => {
        for await (const token of tokensOf('a b c', { delayMs: 20 })) seen.push(token);
      })();
      await jest.advanceTimersByTimeAsync(19);
      expect(seen).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(seen).toEqual(['a ']);
      await jest.advanceTimersByTimeAsync(20);
      expect(seen).toEqual(['a ', 'b ']);
      await jest.advanceTimersByTimeAsync(20);
      await done;
      expect(seen).toEqual(['a ', 'b ', 'c']);
    });
  });
});
