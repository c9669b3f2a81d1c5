import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Which hops of `X-Forwarded-For` to believe, from the `trustProxy` option (as Express's). */
export function trustFunction(
  value: boolean | number | string | string[],
): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;
  return proxyaddr.compile(list);
}

/** The client's address: the peer's, or the forwarded one as far as the proxies are trusted. */
export function clientAddress(
  req: IncomingMessage,
  trust: (address: string, hop: number) => boolean,
): string {
  return proxyaddr(req, trust);
}
