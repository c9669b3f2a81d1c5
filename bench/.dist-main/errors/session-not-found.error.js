/** Thrown by `ChatSessions.getOrThrow()` for an id no live session has. */
export class SessionNotFoundError extends Error {
    constructor(sessionId) {
        super(`No chat session with id "${sessionId}": it never existed, or it has ended.`);
        this.sessionId = sessionId;
        this.name = 'SessionNotFoundError';
    }
}
//# sourceMappingURL=session-not-found.error.js.map