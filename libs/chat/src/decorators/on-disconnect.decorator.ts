import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_DISCONNECT } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs as soon as a session's last socket drops; the session may still come back.
 * Signature: `(session: ChatSession)`.
 */
export const OnDisconnect = (
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_DISCONNECT, options);
