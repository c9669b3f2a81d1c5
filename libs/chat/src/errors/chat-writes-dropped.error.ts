/**
 * Writes of a thread were given up: more writes waited for the store than the
 * `storage.maxPendingWrites` option allows (the oldest thread's go first), or the application
 * shut down while the store was unreachable.
 */
export class ChatWritesDroppedError extends Error {
  override readonly name = 'ChatWritesDroppedError';
  constructor(
    readonly threadId: string,
    reason: string,
  ) {
    super(`The writes of thread ${threadId} waiting for the store were dropped: ${reason}`);
  }
}
