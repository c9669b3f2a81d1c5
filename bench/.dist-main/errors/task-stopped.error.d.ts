/**
 * The reason of a stopped task's AbortSignal. Code of a stopped task that calls the message API
 * gets it thrown, so the task unwinds at its next step; nest-chat does not report it as an error.
 */
export declare class TaskStoppedError extends Error {
    readonly name = "AbortError";
    readonly code = "ABORT_ERR";
    constructor(message?: string);
}
