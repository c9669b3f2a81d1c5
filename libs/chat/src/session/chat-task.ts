import { TaskStoppedError } from '../errors/task-stopped.error.js';

/** One unit of work of a session (chat start, a message): it owns the AbortSignal that Stop fires. */
export class ChatTask {
  private readonly controller = new AbortController();
  private settle!: () => void;
  /** Resolves once a stop of this task has been fully handled (message sent, `@OnStop` run). */
  readonly stopped = new Promise<void>((resolve) => (this.settle = resolve));

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Fires the signal; the reason is a `TaskStoppedError` (Stop, the session's end) unless given. */
  abort(reason: Error = new TaskStoppedError()): void {
    this.controller.abort(reason);
  }

  markStopped(): void {
    this.settle();
  }
}
