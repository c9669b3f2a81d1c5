/**
 * A chat handler ran longer than the module's `handlerTimeoutMs`: the user is told, the task's
 * signal is aborted with this reason, and the session's next task runs.
 */
export class HandlerTimeoutError extends Error {
  override readonly name = 'HandlerTimeoutError';
  constructor(
    readonly handler: string,
    readonly timeoutMs: number,
  ) {
    super(
      `Chat handler "${handler}" did not finish within ${timeoutMs} ms (the handlerTimeoutMs option)`,
    );
  }
}
