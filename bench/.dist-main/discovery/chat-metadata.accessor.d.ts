import type { ChatHandlerMetadata } from '../decorators/chat-handler.decorator.js';
import type { ChatHandlerKind } from './chat-handler.interface.js';
export declare const CHAT_HANDLER_KEYS: Readonly<Record<ChatHandlerKind, string>>;
/** Reads what the handler decorators stored on a method. */
export declare class ChatMetadataAccessor {
    getHandlerMetadata(kind: ChatHandlerKind, method: unknown): ChatHandlerMetadata[];
}
