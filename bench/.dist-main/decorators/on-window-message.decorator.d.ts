import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs when the page that embeds the chat posts a message to it (`window_message`).
 * Signature: `(data: D, session: ChatSession)`; `D` defaults to `unknown`. Answer with
 * `session.sendWindowMessage()`.
 */
export declare const OnWindowMessage: <D = unknown>(options?: ChatHandlerOptions) => ChatHandlerDecorator<[data: D, session: ChatSession]>;
