import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs when the user stops the current task, after the task's signal has fired.
 * Signature: `(session: ChatSession)`.
 */
export declare const OnStop: (options?: ChatHandlerOptions) => ChatHandlerDecorator<[session: ChatSession]>;
