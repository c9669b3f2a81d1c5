import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs as soon as a session's last socket drops; the session may still come back.
 * Signature: `(session: ChatSession)`.
 */
export declare const OnDisconnect: (options?: ChatHandlerOptions) => ChatHandlerDecorator<[session: ChatSession]>;
