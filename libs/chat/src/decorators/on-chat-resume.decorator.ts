import { CHAT_ON_CHAT_RESUME } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/**
 * Runs when a client reopens a stored thread; what it sends appears after the history. Its
 * presence makes threads resumable (`threadResumable` in `/project/settings`).
 * Signature: `(thread: Thread, session: ChatSession)`.
 */
export const OnChatResume = (options: ChatHandlerOptions = {}): MethodDecorator =>
  createChatHandlerDecorator(CHAT_ON_CHAT_RESUME, options);
