import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_CHAT_END } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when a session is over: the client cleared it, or it did not come back within
 * `sessionTimeoutMs`. Signature: `(session: ChatSession)`.
 */
export const OnChatEnd = (
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_CHAT_END, options);
