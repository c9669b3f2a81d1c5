import { CHAT_ON_MESSAGE } from '../decorators/chat-decorators.constants.js';
import { ChatSession } from '../session/chat-session.js';
/**
 * The context type of chat handlers: `host.getType<ChatContextType>() === 'chat'` in a guard,
 * an interceptor, a pipe's caller or an exception filter, as `'http'`, `'ws'` and `'rpc'` are.
 */
export const CHAT_CONTEXT_TYPE = 'chat';
/**
 * The session (and message) of a chat handler's `ExecutionContext` or `ArgumentsHost`, in a
 * guard, an interceptor or an exception filter. The context's arguments are the handler's:
 * `getArgByIndex(0)` is the message of an `@OnMessage` handler, the last one the session.
 * Throws a `TypeError` for a context of another type (`'http'`, `'ws'`, ...): check
 * `host.getType<ChatContextType>() === 'chat'` first in an enhancer that serves several.
 */
export function chatContextOf(host) {
    const type = host.getType();
    const args = host.getArgs();
    const session = args.at(-1);
    if (type !== CHAT_CONTEXT_TYPE || !(session instanceof ChatSession)) {
        throw new TypeError(`chatContextOf: the context is of type "${type}", not a chat handler's ("${CHAT_CONTEXT_TYPE}")`);
    }
    if (args.length < 2)
        return { session };
    const payload = args[0];
    const handler = host.getHandler?.();
    const isMessage = handler != null && Reflect.getMetadata(CHAT_ON_MESSAGE, handler) !== undefined;
    return isMessage ? { session, payload, message: payload } : { session, payload };
}
//# sourceMappingURL=chat-context-of.js.map