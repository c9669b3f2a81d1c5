import { ChatSession } from './chat-session.js';
/**
 * The chat session of a guard's ExecutionContext (type `'chat'`), whatever the handler's
 * arguments: `getChatSession(context)?.user` in a guard on a chat handler.
 */
export function getChatSession(context) {
    return context.getArgs().find((arg) => arg instanceof ChatSession);
}
//# sourceMappingURL=get-chat-session.js.map