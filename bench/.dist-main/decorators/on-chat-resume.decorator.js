import { CHAT_ON_CHAT_RESUME } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when a client reopens a stored thread; what it sends appears after the history. Its
 * presence makes threads resumable (`threadResumable` in `/project/settings`).
 * Signature: `(thread: ChatThread, session: ChatSession)`.
 */
export const OnChatResume = (options = {}) => createChatHandlerDecorator(CHAT_ON_CHAT_RESUME, options);
//# sourceMappingURL=on-chat-resume.decorator.js.map