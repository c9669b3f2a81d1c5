import type { ChatHandlerOptions } from '../decorators/chat-handler.decorator.js';
import type { ChatSession } from '../session/chat-session.js';

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
  /** Calls the method (on the session's own instance for a request-scoped provider). */
  invoke(session: ChatSession, args: unknown[]): Promise<unknown>;
}
