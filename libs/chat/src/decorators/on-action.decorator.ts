import type { Action } from '../protocol/action.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_ACTION } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/** Options of `@OnAction()`: the action's name, and the usual `order`. */
export interface OnActionOptions extends ChatHandlerOptions {
  name: string;
}

/**
 * Runs when the user clicks an action button named `name` (`POST /project/action`), at once,
 * beside the session's task. What it returns is the route's `response`.
 * Signature: `(action: A, session: ChatSession) => unknown`; `A` defaults to `Action`.
 */
export const OnAction = <A = Action>(
  name: string,
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[action: A, session: ChatSession]> => {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError('@OnAction(name): name must be a non-empty string');
  }
  return createChatHandlerDecorator<OnActionOptions>(CHAT_ON_ACTION, { ...options, name });
};
