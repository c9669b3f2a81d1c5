import type { ChatThread } from '../protocol/chat-store.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_CHAT_RESUME } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when a client reopens a stored thread; what it sends appears after the history. Its
 * presence makes threads resumable (`threadResumable` in `/project/settings`).
 * Signature: `(thread: ChatThread, session: ChatSession)`.
 */
export const OnChatResume = (
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[thread: ChatThread, session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_CHAT_RESUME, options);
