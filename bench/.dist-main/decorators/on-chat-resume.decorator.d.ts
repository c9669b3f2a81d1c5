import type { ChatThread } from '../protocol/chat-store.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs when a client reopens a stored thread; what it sends appears after the history. Its
 * presence makes threads resumable (`threadResumable` in `/project/settings`).
 * Signature: `(thread: ChatThread, session: ChatSession)`.
 */
export declare const OnChatResume: (options?: ChatHandlerOptions) => ChatHandlerDecorator<[thread: ChatThread, session: ChatSession]>;
