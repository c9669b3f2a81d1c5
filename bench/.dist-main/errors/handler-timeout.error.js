/**
 * A chat handler ran longer than the module's `handlerTimeoutMs`: the user is told, the task's
 * signal is aborted with this reason, and the session's next task runs.
 */
export class HandlerTimeoutError extends Error {
    constructor(handler, timeoutMs) {
        super(`Chat handler "${handler}" did not finish within ${timeoutMs} ms (the handlerTimeoutMs option)`);
        this.handler = handler;
        this.timeoutMs = timeoutMs;
        this.name = 'HandlerTimeoutError';
    }
}
//# sourceMappingURL=handler-timeout.error.js.map