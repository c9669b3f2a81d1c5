import { CHAT_ON_ACTION } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/** Options of `@OnAction()`: the action's name, and the usual `order`. */
export interface OnActionOptions extends ChatHandlerOptions {
  name: string;
}

/**
 * Runs when the user clicks an action button named `name` (`POST /project/action`), as the
 * session's current task. What it returns is the route's `response`.
 * Signature: `(action: Action, session: ChatSession) => unknown`.
 */
export const OnAction = (name: string, options: ChatHandlerOptions = {}): MethodDecorator => {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError('@OnAction(name): name must be a non-empty string');
  }
  return createChatHandlerDecorator<OnActionOptions>(CHAT_ON_ACTION, { ...options, name });
};
