import type { IncomingMessage } from 'node:http';
import { corsAllows } from './cors-allows.js';

/** A request from a page of `origin` (a preflight with `method: 'OPTIONS'`). */
const from = (origin: string, method = 'GET') =>
  ({
    method,
    url: '/auth/config',
    headers: {
      origin,
      host: 'chat.example',
      ...(method === 'OPTIONS' ? { 'access-control-request-method': 'POST' } : {}),
    },
  }) as unknown as IncomingMessage;

/** CORS options from the request: its origin is allowed if it is https://a.example. */
const byRequest = (
  req: IncomingMessage,
  callback: (error: Error | null, options?: object) => void,
) => callback(null, { origin: req.headers.origin === 'https://a.example' });

/** A delegate that fails. */
const failing = (_req: IncomingMessage, callback: (error: Error | null) => void) =>
  callback(new Error('no'));

describe('corsAllows', () => {
  it('lets an origin through as the cors package would: listed, matched, any', async () => {
    const list = { origin: ['https://a.example', /\.b\.example$/] };
    expect(await corsAllows(list, from('https://a.example'))).toBe(true);
    expect(await corsAllows(list, from('https://x.b.example'))).toBe(true);
    expect(await corsAllows(list, from('https://evil.example'))).toBe(false);
    expect(await corsAllows({}, from('https://evil.example'))).toBe(true); // the default: '*'
    expect(await corsAllows({ origin: true }, from('https://evil.example'))).toBe(true);
    expect(await corsAllows({ origin: false }, from('https://a.example'))).toBe(false);
    expect(await corsAllows({ origin: 'https://a.example' }, from('https://c.example'))).toBe(
      false,
    );
  });

  it('decides preflights as other requests', async () => {
    const list = { origin: ['https://a.example'] };
    expect(await corsAllows(list, from('https://a.example', 'OPTIONS'))).toBe(true);
    expect(await corsAllows(list, from('https://evil.example', 'OPTIONS'))).toBe(false);
  });

  it('asks a function of the origin, and a function of the request', async () => {
    const byOrigin = {
      origin: (
        origin: string | undefined,
        callback: (error: Error | null, allow?: boolean) => void,
      ) => callback(null, origin === 'https://a.example'),
    };
    expect(await corsAllows(byOrigin, from('https://a.example'))).toBe(true);
    expect(await corsAllows(byOrigin, from('https://evil.example'))).toBe(false);
    expect(await corsAllows(byRequest, from('https://a.example'))).toBe(true);
    expect(await corsAllows(byRequest, from('https://evil.example'))).toBe(false);
    expect(await corsAllows(failing, from('https://a.example'))).toBe(false);
  });
});
