import type { IncomingMessage } from 'node:http';
/** Which hops of `X-Forwarded-For` to believe, from the `trustProxy` option (as Express's). */
export declare function trustFunction(value: boolean | number | string | string[]): (address: string, hop: number) => boolean;
/** The client's address: the peer's, or the forwarded one as far as the proxies are trusted. */
export declare function clientAddress(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string;
