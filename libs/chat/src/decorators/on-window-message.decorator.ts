import { CHAT_ON_WINDOW_MESSAGE } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/**
 * Runs when the page that embeds the chat posts a message to it (`window_message`).
 * Signature: `(data: unknown, session: ChatSession)`. Answer with `session.sendWindowMessage()`.
 */
export const OnWindowMessage = (options: ChatHandlerOptions = {}): MethodDecorator =>
  createChatHandlerDecorator(CHAT_ON_WINDOW_MESSAGE, options);
