import { CHAT_ON_STOP } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when the user stops the current task, after the task's signal has fired.
 * Signature: `(session: ChatSession)`.
 */
export const OnStop = (options = {}) => createChatHandlerDecorator(CHAT_ON_STOP, options);
//# sourceMappingURL=on-stop.decorator.js.map