import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { CHAT_STORAGE } from './chat-persistence.constants.js';
import { ChatPersistence } from './chat-persistence.js';
import { resolveChatStorage } from './chat-storage-options.js';
import { ThreadWriteQueue } from './thread-write.queue.js';
/**
 * The storage providers: `CHAT_STORAGE` (the resolved option), `ThreadWriteQueue` and
 * `ChatPersistence`. Without an argument the option is the module's `storage` option; the thread
 * routes are `ChatThreadsController`.
 */
export function chatStorageProviders(storage) {
    const option = storage === undefined
        ? {
            provide: CHAT_STORAGE,
            // The module's options are resolved already: their storage is used as it is.
            useFactory: (options) => options.storage,
            inject: [CHAT_OPTIONS],
        }
        : { provide: CHAT_STORAGE, useValue: resolveChatStorage(storage) };
    return [option, ThreadWriteQueue, ChatPersistence];
}
//# sourceMappingURL=chat-storage.providers.js.map