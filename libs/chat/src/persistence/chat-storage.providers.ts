import type { Provider } from '@nestjs/common';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { CHAT_STORAGE } from './chat-persistence.constants.js';
import { ChatPersistence } from './chat-persistence.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatStorageOption } from '../options/chat-storage-options.interface.js';
import { resolveChatStorage } from './chat-storage-options.js';
import { ThreadWriteQueue } from './thread-write.queue.js';

/**
 * The storage providers: `CHAT_STORAGE` (the resolved option), `ThreadWriteQueue` and
 * `ChatPersistence`. Without an argument the option is the module's `storage` option; the thread
 * routes are `ChatThreadsController`.
 */
export function chatStorageProviders(storage?: ChatStorageOption): Provider[] {
  const option: Provider =
    storage === undefined
      ? {
          provide: CHAT_STORAGE,
          // The module's options are resolved already: their storage is used as it is.
          useFactory: (options: ResolvedChatOptions) => options.storage,
          inject: [CHAT_OPTIONS],
        }
      : { provide: CHAT_STORAGE, useValue: resolveChatStorage(storage) };
  return [option, ThreadWriteQueue, ChatPersistence];
}
