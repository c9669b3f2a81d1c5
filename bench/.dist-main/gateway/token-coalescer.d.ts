import type { ChatEvent } from '../protocol/chat-event.interface.js';
/**
 * Merges the tokens a message gets within one event-loop turn into one `stream_token` event (the
 * client appends tokens, so the result is the same), cutting packets when a source yields faster
 * than the loop turns. Order holds: any other event of a session first flushes its tokens.
 */
export declare class TokenCoalescer {
    private readonly emit;
    private readonly flushMs;
    private readonly pending;
    private scheduled;
    /** `flushMs` 0 sends at the next event-loop turn; more waits that long, merging more tokens. */
    constructor(emit: (event: ChatEvent) => void, flushMs?: number);
    push(event: ChatEvent): void;
    /** Sends the pending tokens now: of one session, or of every session. */
    flush(sessionId?: string): void;
    private flushSession;
    private schedule;
}
