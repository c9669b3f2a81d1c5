import { tokensOf } from './tokens.js';

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const tokens: string[] = [];
  for await (const token of source) tokens.push(token);
  return tokens;
}

describe('tokensOf', () => {
  it('splits a text into words with their following whitespace', async () => {
    expect(await collect(tokensOf('You said: hi'))).toEqual(['You ', 'said: ', 'hi']);
  });

  it('joins back to exactly the original text, whitespace and newlines included', async () => {
    const text = '  leading\n\ntwo  spaces\tand a tab \n';
    expect((await collect(tokensOf(text))).join('')).toBe(text);
  });

  it('yields nothing for an empty text', async () => {
    expect(await collect(tokensOf(''))).toEqual([]);
  });

  it('stops when its signal fires', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const token of tokensOf('a b c d', { signal: controller.signal })) {
      seen.push(token);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['a ', 'b ']);
  });
});
