/** The pool was closed (the app is shutting down) before the call could finish. */
export class AsyncifyClosedError extends Error {
  override readonly name = 'AsyncifyClosedError';
  constructor(method: string) {
    super(
      `AsyncifyService.${method}: the worker pool is closed (the application is shutting down)`,
    );
  }
}
