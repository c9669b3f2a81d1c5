import { CHAT_ON_CHAT_START } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs once per session when its client first connects (never again on a reconnect).
 * Signature: `(session: ChatSession)`.
 */
export const OnChatStart = (options = {}) => createChatHandlerDecorator(CHAT_ON_CHAT_START, options);
//# sourceMappingURL=on-chat-start.decorator.js.map