import type { UserMessage } from '../protocol/step.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_MESSAGE } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs for every user message, as the session's current task. A returned string is sent as an
 * assistant message; a returned Observable or AsyncIterable of strings is streamed token by token.
 * Signature: `(message: UserMessage, session: ChatSession) => void | string | Observable<string> | AsyncIterable<string>`;
 * another first parameter does not compile. `M` is what the handler receives as its message
 * when a pipe (`@UsePipes`) turns the `UserMessage` into something else.
 */
export const OnMessage = <M = UserMessage>(
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[message: M, session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_MESSAGE, options);
