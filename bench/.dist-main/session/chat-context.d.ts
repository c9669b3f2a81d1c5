import type { ChatSession } from './chat-session.js';
/**
 * The session of the handler being run, from anywhere its code reaches (services it calls,
 * promises it awaits): inject `ChatContext` instead of passing the session around.
 */
export declare class ChatContext {
    /** The current session, or `undefined` outside a chat handler. */
    get current(): ChatSession | undefined;
    /** The current session; throws when called outside a chat handler. */
    get session(): ChatSession;
}
