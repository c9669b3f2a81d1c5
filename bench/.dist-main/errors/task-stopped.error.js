/**
 * The reason of a stopped task's AbortSignal. Code of a stopped task that calls the message API
 * gets it thrown, so the task unwinds at its next step; nest-chat does not report it as an error.
 */
export class TaskStoppedError extends Error {
    constructor(message = 'The task was stopped by the user.') {
        super(message);
        this.name = 'AbortError';
        this.code = 'ABORT_ERR';
    }
}
//# sourceMappingURL=task-stopped.error.js.map