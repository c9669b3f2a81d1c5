/**
 * A chat handler ran longer than the module's `handlerTimeoutMs`: the user is told, the task's
 * signal is aborted with this reason, and the session's next task runs.
 */
export declare class HandlerTimeoutError extends Error {
    readonly handler: string;
    readonly timeoutMs: number;
    readonly name = "HandlerTimeoutError";
    constructor(handler: string, timeoutMs: number);
}
