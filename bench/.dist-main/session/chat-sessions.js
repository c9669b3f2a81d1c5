var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { SessionNotFoundError } from '../errors/session-not-found.error.js';
/**
 * The live sessions, to reach one from outside a chat handler: a REST controller, a queue
 * consumer, a timer. `sessions.get(id)?.send('Your report is ready.')`.
 */
let ChatSessions = class ChatSessions {
    constructor() {
        this.byId = new Map();
    }
    /** The live session with this id, or `undefined`. */
    get(sessionId) {
        return this.byId.get(sessionId);
    }
    /** The live session with this id; throws `SessionNotFoundError` if there is none. */
    getOrThrow(sessionId) {
        const session = this.byId.get(sessionId);
        if (!session)
            throw new SessionNotFoundError(sessionId);
        return session;
    }
    /** The live sessions showing this thread (a thread open in two tabs has two). */
    findByThread(threadId) {
        return [...this.byId.values()].filter((session) => session.threadId === threadId);
    }
    /** Every live session. */
    list() {
        return [...this.byId.values()];
    }
    /**
     * Sends an assistant message to the session with this id, whichever instance it lives on (with
     * the `redis` option; without it, this instance only). Resolves `true` once it is sent, `false`
     * if no live session has this id. `options` travel to the other instance: plain data only.
     */
    async sendTo(sessionId, content, options = {}) {
        checkContent('sendTo', content);
        const session = this.byId.get(sessionId);
        if (session) {
            await session.send(content, options);
            return true;
        }
        return (await this.relay?.sendTo(sessionId, content, options)) ?? false;
    }
    /**
     * Sends an assistant message to every live session showing this thread, on every instance
     * (with the `redis` option; without it, this instance only). Resolves with how many got it.
     */
    async sendToThread(threadId, content, options = {}) {
        checkContent('sendToThread', content);
        const [here, elsewhere] = await Promise.all([
            Promise.allSettled(this.findByThread(threadId).map((s) => s.send(content, options))),
            this.relay?.sendToThread(threadId, content, options) ?? 0,
        ]);
        return here.filter((result) => result.status === 'fulfilled').length + elsewhere;
    }
    get size() {
        return this.byId.size;
    }
    /** @internal */
    add(session) {
        this.byId.set(session.id, session);
    }
    /** @internal */
    delete(session) {
        if (this.byId.get(session.id) === session)
            this.byId.delete(session.id);
    }
};
ChatSessions = __decorate([
    Injectable()
], ChatSessions);
export { ChatSessions };
function checkContent(method, content) {
    if (typeof content !== 'string') {
        throw new TypeError(`ChatSessions.${method}: content must be a string (a stream cannot reach another instance)`);
    }
}
//# sourceMappingURL=chat-sessions.js.map