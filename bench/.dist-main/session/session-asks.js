/** A session's pending asks, by the id of the message that asks. */
export class SessionAsks {
    constructor() {
        this.byId = new Map();
    }
    open(id, ask) {
        this.byId.set(id, ask);
    }
    /** Forgets an ask; `false` if it was not pending (finished already). */
    close(id) {
        return this.byId.delete(id);
    }
    /** Hands the client's reply to the ask it answers, if that ask is still pending. */
    answer(id, reply) {
        this.byId.get(id)?.answer(reply);
    }
    /** What the pending ask `id` asks for. */
    spec(id) {
        return this.byId.get(id)?.payload.spec;
    }
    /** The pending asks' payloads, to send again to a client that comes back. */
    payloads() {
        return [...this.byId.values()].map((ask) => ask.payload);
    }
    cancelAll() {
        for (const ask of this.byId.values())
            ask.cancel();
    }
}
//# sourceMappingURL=session-asks.js.map