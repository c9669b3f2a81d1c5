import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_STOP } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when the user stops the current task, after the task's signal has fired.
 * Signature: `(session: ChatSession)`.
 */
export const OnStop = (
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_STOP, options);
