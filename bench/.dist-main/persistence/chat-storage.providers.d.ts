import type { Provider } from '@nestjs/common';
import type { ChatStorageOption } from '../options/chat-storage-options.interface.js';
/**
 * The storage providers: `CHAT_STORAGE` (the resolved option), `ThreadWriteQueue` and
 * `ChatPersistence`. Without an argument the option is the module's `storage` option; the thread
 * routes are `ChatThreadsController`.
 */
export declare function chatStorageProviders(storage?: ChatStorageOption): Provider[];
