import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_WINDOW_MESSAGE } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when the page that embeds the chat posts a message to it (`window_message`).
 * Signature: `(data: D, session: ChatSession)`; `D` defaults to `unknown`. Answer with
 * `session.sendWindowMessage()`.
 */
export const OnWindowMessage = <D = unknown>(
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[data: D, session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_WINDOW_MESSAGE, options);
