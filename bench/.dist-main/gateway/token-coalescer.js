/**
 * Merges the tokens a message gets within one event-loop turn into one `stream_token` event (the
 * client appends tokens, so the result is the same), cutting packets when a source yields faster
 * than the loop turns. Order holds: any other event of a session first flushes its tokens.
 */
export class TokenCoalescer {
    /** `flushMs` 0 sends at the next event-loop turn; more waits that long, merging more tokens. */
    constructor(emit, flushMs = 0) {
        this.emit = emit;
        this.flushMs = flushMs;
        this.pending = new Map();
        this.scheduled = false;
    }
    push(event) {
        if (event.name === 'stream_token' && !event.data.isSequence) {
            const pending = this.pending.get(event.sessionId);
            if (pending?.event.data.id === event.data.id &&
                pending.event.data.isInput === event.data.isInput) {
                pending.tokens.push(event.data.token);
                return;
            }
            if (pending)
                this.flushSession(event.sessionId);
            this.pending.set(event.sessionId, { event, tokens: [event.data.token] });
            this.schedule();
            return;
        }
        if (this.pending.size > 0)
            this.flushSession(event.sessionId);
        this.emit(event);
    }
    /** Sends the pending tokens now: of one session, or of every session. */
    flush(sessionId) {
        if (sessionId !== undefined)
            return this.flushSession(sessionId);
        for (const id of this.pending.keys())
            this.flushSession(id);
    }
    flushSession(sessionId) {
        const pending = this.pending.get(sessionId);
        if (!pending)
            return;
        this.pending.delete(sessionId);
        const { event, tokens } = pending;
        this.emit(tokens.length === 1 ? event : { ...event, data: { ...event.data, token: tokens.join('') } });
    }
    schedule() {
        if (this.scheduled)
            return;
        this.scheduled = true;
        const run = () => {
            this.scheduled = false;
            this.flush();
        };
        if (this.flushMs > 0)
            setTimeout(run, this.flushMs);
        else
            setImmediate(run);
    }
}
//# sourceMappingURL=token-coalescer.js.map