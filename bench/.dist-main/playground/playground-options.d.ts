import type { ChatModuleOptions, ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** Checks the `playground` option: `false`, `true` (at `/`) or `{ path }`. */
export declare function resolvePlaygroundOptions(value: ChatModuleOptions['playground']): ResolvedChatOptions['playground'];
