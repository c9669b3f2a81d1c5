import type { ResolvedChatOptions } from './chat-module-options.interface.js';
import type { ResolvedChatRedisOptions } from './chat-redis-options.interface.js';
/** Every option's default, in one place; the resolvers beside each feature apply them. */
export declare const DEFAULT_CHAT_OPTIONS: ResolvedChatOptions;
/** The defaults of the `redis` option's fields (its `url` has none). */
export declare const DEFAULT_REDIS_OPTIONS: Omit<ResolvedChatRedisOptions, 'url'>;
/** Where PGlite keeps its data unless told otherwise (relative to the working directory). */
export declare const DEFAULT_PGLITE_DATA_DIR = "./.nest-chat/data";
/** How long a login lasts unless `auth.tokenTtlSeconds` says otherwise: 15 days. */
export declare const DEFAULT_TOKEN_TTL_SECONDS = 1296000;
