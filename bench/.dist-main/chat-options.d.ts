import type { ChatModuleOptions, ResolvedChatOptions } from './options/chat-module-options.interface.js';
/** Applies the defaults and checks every option, naming the one that is wrong. */
export declare function resolveChatOptions(options?: ChatModuleOptions): ResolvedChatOptions;
