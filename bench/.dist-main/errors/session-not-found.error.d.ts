/** Thrown by `ChatSessions.getOrThrow()` for an id no live session has. */
export declare class SessionNotFoundError extends Error {
    readonly sessionId: string;
    readonly name = "SessionNotFoundError";
    constructor(sessionId: string);
}
