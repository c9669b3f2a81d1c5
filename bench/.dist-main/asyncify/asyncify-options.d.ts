import type { AsyncifyOptions } from '../options/asyncify-options.interface.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** Checks the `asyncify` option and applies its defaults. */
export declare function resolveAsyncifyOptions(options?: AsyncifyOptions): ResolvedChatOptions['asyncify'];
