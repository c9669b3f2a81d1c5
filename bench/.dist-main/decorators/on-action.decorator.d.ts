import type { Action } from '../protocol/action.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/** Options of `@OnAction()`: the action's name, and the usual `order`. */
export interface OnActionOptions extends ChatHandlerOptions {
    name: string;
}
/**
 * Runs when the user clicks an action button named `name` (`POST /project/action`), at once,
 * beside the session's task. What it returns is the route's `response`.
 * Signature: `(action: A, session: ChatSession) => unknown`; `A` defaults to `Action`.
 */
export declare const OnAction: <A = Action>(name: string, options?: ChatHandlerOptions) => ChatHandlerDecorator<[action: A, session: ChatSession]>;
