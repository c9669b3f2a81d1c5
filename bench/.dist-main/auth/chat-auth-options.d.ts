import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** Checks the `auth` option and applies its defaults. */
export declare function resolveAuthOptions(value: unknown): ResolvedChatOptions['auth'];
