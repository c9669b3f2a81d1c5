import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs when a session is over: the client cleared it, or it did not come back within
 * `sessionTimeoutMs`. Signature: `(session: ChatSession)`.
 */
export declare const OnChatEnd: (options?: ChatHandlerOptions) => ChatHandlerDecorator<[session: ChatSession]>;
