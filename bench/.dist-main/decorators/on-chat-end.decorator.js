import { CHAT_ON_CHAT_END } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when a session is over: the client cleared it, or it did not come back within
 * `sessionTimeoutMs`. Signature: `(session: ChatSession)`.
 */
export const OnChatEnd = (options = {}) => createChatHandlerDecorator(CHAT_ON_CHAT_END, options);
//# sourceMappingURL=on-chat-end.decorator.js.map