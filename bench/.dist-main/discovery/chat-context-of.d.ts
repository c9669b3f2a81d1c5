import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';
import type { UserMessage } from '../protocol/step.interface.js';
import { ChatSession } from '../session/chat-session.js';
/**
 * The context type of chat handlers: `host.getType<ChatContextType>() === 'chat'` in a guard,
 * an interceptor, a pipe's caller or an exception filter, as `'http'`, `'ws'` and `'rpc'` are.
 */
export declare const CHAT_CONTEXT_TYPE = "chat";
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
export declare function chatContextOf(host: ArgumentsHost | ExecutionContext): ChatHandlerContext;
