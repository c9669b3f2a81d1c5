import { TaskStoppedError } from '../errors/task-stopped.error.js';
/** One unit of work of a session (chat start, a message): it owns the AbortSignal that Stop fires. */
export class ChatTask {
    constructor() {
        this.controller = new AbortController();
        /** Resolves once a stop of this task has been fully handled (message sent, `@OnStop` run). */
        this.stopped = new Promise((resolve) => (this.settle = resolve));
    }
    get signal() {
        return this.controller.signal;
    }
    /** Fires the signal; the reason is a `TaskStoppedError` (Stop, the session's end) unless given. */
    abort(reason = new TaskStoppedError()) {
        this.controller.abort(reason);
    }
    markStopped() {
        this.settle();
    }
}
//# sourceMappingURL=chat-task.js.map