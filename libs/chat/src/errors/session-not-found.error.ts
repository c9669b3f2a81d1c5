/** Thrown by `ChatSessions.getOrThrow()` for an id no live session has. */
export class SessionNotFoundError extends Error {
  override readonly name = 'SessionNotFoundError';
  constructor(readonly sessionId: string) {
    super(`No chat session with id "${sessionId}": it never existed, or it has ended.`);
  }
}
