import { CHAT_ON_MESSAGE } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/**
 * Runs for every user message, as the session's current task. A returned string is sent as an
 * assistant message; a returned Observable or AsyncIterable of strings is streamed token by token.
 * Signature: `(message: UserMessage, session: ChatSession) => void | string | Observable<string> | AsyncIterable<string>`.
 */
export const OnMessage = (options: ChatHandlerOptions = {}): MethodDecorator =>
  createChatHandlerDecorator(CHAT_ON_MESSAGE, options);
