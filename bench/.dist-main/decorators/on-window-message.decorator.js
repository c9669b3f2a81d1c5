import { CHAT_ON_WINDOW_MESSAGE } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when the page that embeds the chat posts a message to it (`window_message`).
 * Signature: `(data: D, session: ChatSession)`; `D` defaults to `unknown`. Answer with
 * `session.sendWindowMessage()`.
 */
export const OnWindowMessage = (options = {}) => createChatHandlerDecorator(CHAT_ON_WINDOW_MESSAGE, options);
//# sourceMappingURL=on-window-message.decorator.js.map