import type { AskSpec, ChatEventMap } from '../protocol/chat-event.interface.js';
/** An ask waiting for its answer: what to send again on reconnect, and how to finish it. */
export interface PendingAsk {
    payload: ChatEventMap['ask'];
    /** The client's reply: finishes the ask if it is an answer to it. */
    answer(reply: unknown): void;
    /** Finishes the ask with no answer (Stop, the session's end). */
    cancel(): void;
}
/** A session's pending asks, by the id of the message that asks. */
export declare class SessionAsks {
    private readonly byId;
    open(id: string, ask: PendingAsk): void;
    /** Forgets an ask; `false` if it was not pending (finished already). */
    close(id: string): boolean;
    /** Hands the client's reply to the ask it answers, if that ask is still pending. */
    answer(id: string, reply: unknown): void;
    /** What the pending ask `id` asks for. */
    spec(id: string): AskSpec | undefined;
    /** The pending asks' payloads, to send again to a client that comes back. */
    payloads(): ChatEventMap['ask'][];
    cancelAll(): void;
}
