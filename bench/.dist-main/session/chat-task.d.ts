/** One unit of work of a session (chat start, a message): it owns the AbortSignal that Stop fires. */
export declare class ChatTask {
    private readonly controller;
    private settle;
    /** Resolves once a stop of this task has been fully handled (message sent, `@OnStop` run). */
    readonly stopped: Promise<void>;
    get signal(): AbortSignal;
    /** Fires the signal; the reason is a `TaskStoppedError` (Stop, the session's end) unless given. */
    abort(reason?: Error): void;
    markStopped(): void;
}
