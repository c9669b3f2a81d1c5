import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs once per session when its client first connects (never again on a reconnect).
 * Signature: `(session: ChatSession)`.
 */
export declare const OnChatStart: (options?: ChatHandlerOptions) => ChatHandlerDecorator<[session: ChatSession]>;
