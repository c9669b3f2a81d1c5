import { CHAT_ON_ACTION } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when the user clicks an action button named `name` (`POST /project/action`), at once,
 * beside the session's task. What it returns is the route's `response`.
 * Signature: `(action: A, session: ChatSession) => unknown`; `A` defaults to `Action`.
 */
export const OnAction = (name, options = {}) => {
    if (typeof name !== 'string' || name.trim() === '') {
        throw new TypeError('@OnAction(name): name must be a non-empty string');
    }
    return createChatHandlerDecorator(CHAT_ON_ACTION, { ...options, name });
};
//# sourceMappingURL=on-action.decorator.js.map