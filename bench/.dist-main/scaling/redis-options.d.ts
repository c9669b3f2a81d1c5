import type { ChatRedisOptions, ResolvedChatRedisOptions } from '../options/chat-redis-options.interface.js';
/** Checks the `redis` option and applies its defaults; the error names the wrong field. */
export declare function resolveRedisOptions(value: ChatRedisOptions | false | undefined, sessionTimeoutMs: number): ResolvedChatRedisOptions | false;
/** A Redis URL as logs and errors show it: without its password. */
export declare function redact(url: string): string;
