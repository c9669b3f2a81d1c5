import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';
import { CHAT_ON_MESSAGE } from '../decorators/chat-decorators.constants.js';
import type { UserMessage } from '../protocol/step.interface.js';
import { ChatSession } from '../session/chat-session.js';

/**
 * The context type of chat handlers: `host.getType<ChatContextType>() === 'chat'` in a guard,
 * an interceptor, a pipe's caller or an exception filter, as `'http'`, `'ws'` and `'rpc'` are.
 */
export const CHAT_CONTEXT_TYPE = 'chat';
export type ChatContextType = typeof CHAT_CONTEXT_TYPE;

/** What a chat handler is called with, as `chatContextOf()` reads it from a context. */
export interface ChatHandlerContext {
  /** The session the handler runs for (every handler's last argument). */
  session: ChatSession;
  /**
   * The handler's first argument when it has two: the message (`@OnMessage`), the action
   * (`@OnAction`), the settings (`@OnSettingsUpdate`, `@OnSettingsEdit`), the thread
   * (`@OnChatResume`) or the data (`@OnWindowMessage`). Handlers of the session only have none.
   */
  payload?: unknown;
  /** The user's message, in the context of an `@OnMessage` handler. */
  message?: UserMessage;
}

/**
 * The session (and message) of a chat handler's `ExecutionContext` or `ArgumentsHost`, in a
 * guard, an interceptor or an exception filter. The context's arguments are the handler's:
 * `getArgByIndex(0)` is the message of an `@OnMessage` handler, the last one the session.
 * Throws a `TypeError` for a context of another type (`'http'`, `'ws'`, ...): check
 * `host.getType<ChatContextType>() === 'chat'` first in an enhancer that serves several.
 */
export function chatContextOf(host: ArgumentsHost | ExecutionContext): ChatHandlerContext {
  const type = host.getType<string>();
  const args = host.getArgs();
  const session = args.at(-1);
  if (type !== CHAT_CONTEXT_TYPE || !(session instanceof ChatSession)) {
    throw new TypeError(
      `chatContextOf: the context is of type "${type}", not a chat handler's ("${CHAT_CONTEXT_TYPE}")`,
    );
  }
  if (args.length < 2) return { session };
  const payload = args[0];
  const handler = (host as Partial<ExecutionContext>).getHandler?.();
  const isMessage = handler != null && Reflect.getMetadata(CHAT_ON_MESSAGE, handler) !== undefined;
  return isMessage ? { session, payload, message: payload as UserMessage } : { session, payload };
}
