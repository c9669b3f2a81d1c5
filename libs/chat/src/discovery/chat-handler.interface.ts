import type { ChatHandlerOptions } from '../decorators/chat-handler.decorator.js';
import type { ChatSession } from '../session/chat-session.js';
import type { HandlerDelivery } from './handler-return.js';

/** The kinds of handler, in the order their decorators are listed in the docs. */
export type ChatHandlerKind =
  | 'chatStart'
  | 'message'
  | 'chatEnd'
  | 'disconnect'
  | 'stop'
  | 'settingsUpdate'
  | 'settingsEdit'
  | 'action'
  | 'chatResume'
  | 'windowMessage';

/** A discovered handler method, ready to call for a session. */
export interface ChatHandler {
  kind: ChatHandlerKind;
  /** `Class#method`, for logs and errors. */
  name: string;
  options: ChatHandlerOptions & { name?: string };
  /**
   * Calls the method (on the session's own instance for a request-scoped provider) through its
   * guards, pipes, interceptors and exception filters, and resolves with what it returned (as
   * the interceptors and filters left it). `deliver`, if given, receives that result before
   * `invoke` resolves, within the exception filters' reach: a token stream as a stream.
   */
  invoke(session: ChatSession, args: unknown[], deliver?: HandlerDelivery): Promise<unknown>;
}
