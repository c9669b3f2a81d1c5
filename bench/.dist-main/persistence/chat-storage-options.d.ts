import type { ChatStorageOption, ChatStorageOptions } from '../options/chat-storage-options.interface.js';
/** Checks the `storage` option and applies its defaults: `false` or where to store. */
export declare function resolveChatStorage(storage: ChatStorageOption | undefined): false | ChatStorageOptions;
