import type { MessageOptions } from '../protocol/step.interface.js';
import type { ChatSession } from './chat-session.js';
/**
 * The live sessions, to reach one from outside a chat handler: a REST controller, a queue
 * consumer, a timer. `sessions.get(id)?.send('Your report is ready.')`.
 */
export declare class ChatSessions {
    private readonly byId;
    /** The live session with this id, or `undefined`. */
    get(sessionId: string): ChatSession | undefined;
    /** The live session with this id; throws `SessionNotFoundError` if there is none. */
    getOrThrow(sessionId: string): ChatSession;
    /** The live sessions showing this thread (a thread open in two tabs has two). */
    findByThread(threadId: string): ChatSession[];
    /** Every live session. */
    list(): ChatSession[];
    /**
     * Sends an assistant message to the session with this id, whichever instance it lives on (with
     * the `redis` option; without it, this instance only). Resolves `true` once it is sent, `false`
     * if no live session has this id. `options` travel to the other instance: plain data only.
     */
    sendTo(sessionId: string, content: string, options?: MessageOptions): Promise<boolean>;
    /**
     * Sends an assistant message to every live session showing this thread, on every instance
     * (with the `redis` option; without it, this instance only). Resolves with how many got it.
     */
    sendToThread(threadId: string, content: string, options?: MessageOptions): Promise<number>;
    get size(): number;
}
