import { CHAT_ON_DISCONNECT } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs as soon as a session's last socket drops; the session may still come back.
 * Signature: `(session: ChatSession)`.
 */
export const OnDisconnect = (options = {}) => createChatHandlerDecorator(CHAT_ON_DISCONNECT, options);
//# sourceMappingURL=on-disconnect.decorator.js.map