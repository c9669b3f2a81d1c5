import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_CHAT_START } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs once per session when its client first connects (never again on a reconnect).
 * Signature: `(session: ChatSession)`.
 */
export const OnChatStart = (
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_CHAT_START, options);
